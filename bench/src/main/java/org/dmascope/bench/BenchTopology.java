package org.dmascope.bench;

import org.dmascope.model.io.SampleCatalog;
import org.dmascope.model.mapping.BufferSpecParser;
import org.dmascope.model.mapping.IommuMode;
import org.dmascope.model.mapping.MapApi;
import org.dmascope.model.mapping.MapRequest;
import org.dmascope.model.mapping.MappingEngine;
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
    static MapRequest request(Topology t) {
        return MapRequest.builder(t, Bdf.parse("0000:06:00.0"), BufferSpecParser.parse(BUFFER)).api(MapApi.SG)
                .iommuMode(IommuMode.DMA).build();
    }

    /** An engine for host memory: no P2P answers needed. */
    static MappingEngine engine() {
        return new MappingEngine((p, c) -> {
            throw new IllegalStateException("host memory only");
        });
    }
}
