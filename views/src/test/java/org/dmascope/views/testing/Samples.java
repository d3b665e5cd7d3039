package org.dmascope.views.testing;

import java.util.List;

import org.dmascope.model.io.SampleCatalog;
import org.dmascope.model.topology.Topology;

/** The shipped sample machines by file name, read once. */
public final class Samples {
    private static List<SampleCatalog.Sample> all;

    private Samples() {
    }

    public static synchronized Topology load(String fileName) {
        if (all == null) all = SampleCatalog.load().samples();
        return all.stream().filter(s -> s.fileName().equals(fileName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no sample " + fileName)).topology();
    }

    public static Topology switchP2p() {
        return load("switch-p2p-server.json");
    }

    public static Topology acsRedirect() {
        return load("acs-redirect-server.json");
    }

    public static Topology legacy() {
        return load("legacy-pci-no-iommu.json");
    }
}
