package org.dmascope.views.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

import org.dmascope.model.io.LoadResult;
import org.dmascope.model.io.TopologyFiles;
import org.dmascope.model.mapping.BufferSpecParser;
import org.dmascope.model.mapping.DmaState;
import org.dmascope.model.mapping.MapRequest;
import org.dmascope.model.mapping.Mapping;
import org.dmascope.model.mapping.MappingEngine;
import org.dmascope.model.mapping.TopologyMappingRules;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.Topology;

/** Real mappings from the engine on the sample machines, for view tests and screenshots. */
public final class Mappings {
    /** The default sample: a PCIe switch with GPUs, a NIC and an NVMe CMB (BAR 2 of 05:00.0). */
    public static final String SWITCH_SERVER = "switch-p2p-server.json";
    public static final String LEGACY_PC = "legacy-pci-no-iommu.json";
    public static final String GRACE = "arm64-grace-smmuv3.json";

    private static final Map<String, Topology> SAMPLES = new ConcurrentHashMap<>();

    private Mappings() {
    }

    public static Topology sample(String file) {
        return SAMPLES.computeIfAbsent(file, f -> {
            try (InputStream in = Mappings.class.getClassLoader().getResourceAsStream("sample-topologies/" + f)) {
                if (in == null) throw new IllegalArgumentException("no sample " + f);
                LoadResult r = TopologyFiles.load(in, f);
                return r.topology().orElseThrow(() -> new IllegalStateException(r.report().toText()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Maps {@code spec} for {@code initiator} the way the app does: the device's own IOMMU mode and domain. */
    public static Mapping map(String sample, String initiator, String spec) {
        return map(sample, initiator, spec, b -> b);
    }

    public static Mapping map(String sample, String initiator, String spec, UnaryOperator<MapRequest.Builder> edit) {
        return map(sample, initiator, spec, edit, new DmaState());
    }

    /** Maps into {@code state}, so a second mapping sees the tables and IOVAs the first one left. */
    public static Mapping map(String sample, String initiator, String spec, UnaryOperator<MapRequest.Builder> edit,
            DmaState state) {
        Topology t = sample(sample);
        TopologyMappingRules rules = TopologyMappingRules.of(t);
        PciFunction f = t.function(Bdf.parse(initiator)).orElseThrow();
        MapRequest req = edit.apply(rules.request(t, f, BufferSpecParser.parse(spec))).build();
        return new MappingEngine(rules).map(req, state);
    }
}
