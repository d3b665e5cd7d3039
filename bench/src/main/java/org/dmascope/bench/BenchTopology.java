package org.dmascope.bench;

import java.util.Optional;

import org.dmascope.model.io.SampleCatalog;
import org.dmascope.model.kernel.platform.PlatformOverrides;
import org.dmascope.model.mapping.BufferSpecParser;
import org.dmascope.model.mapping.IommuMode;
import org.dmascope.model.mapping.MapApi;
import org.dmascope.model.session.KernelSession;
import org.dmascope.model.session.MapCall;
import org.dmascope.model.session.MapOptions;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.Topology;

/** The workload of the mapping benchmarks: 1 GiB of scattered 4 KiB pages through a 4-level VT-d domain. */
final class BenchTopology {
    static final String SAMPLE = "switch-p2p-server.json";
    /** 262,144 pages of 4 KiB. */
    static final String BUFFER = "host:node0:1GiB:scattered:seed=1";
    static final int PAGES = 262_144;

    private BenchTopology() {
    }

    static Topology topology() {
        return SampleCatalog.load().samples().stream().filter(s -> s.fileName().equals(SAMPLE)).findFirst()
                .orElseThrow(() -> new IllegalStateException(SAMPLE + " is not among the samples")).topology();
    }

    /** dma_map_sg by the ConnectX NIC (64-bit mask, 2 GiB segments) in a strict DMA domain, VT-d 48-bit: 4 levels. */
    static MapCall call() {
        return new MapCall(Bdf.parse("0000:06:00.0"), BufferSpecParser.parse(BUFFER),
                MapOptions.DEFAULTS.withApi(MapApi.SG).withIommuMode(Optional.of(IommuMode.DMA)));
    }

    /** The sample booted with its own platform facts: the kernel the window runs. */
    static KernelSession session(Topology t) {
        return KernelSession.boot(t, PlatformOverrides.NONE);
    }
}
