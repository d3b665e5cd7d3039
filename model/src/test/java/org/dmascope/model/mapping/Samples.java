package org.dmascope.model.mapping;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.dmascope.model.io.TopologyFiles;
import org.dmascope.model.topology.AddressRange;
import org.dmascope.model.topology.Bar;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.Bridge;
import org.dmascope.model.topology.DmaParameters;
import org.dmascope.model.topology.HostBridge;
import org.dmascope.model.topology.HostWindow;
import org.dmascope.model.topology.NumaNode;
import org.dmascope.model.topology.P2pMemory;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.Platform;
import org.dmascope.model.topology.PortType;
import org.dmascope.model.topology.Provenance;
import org.dmascope.model.topology.Topology;

/** Topologies for the mapping tests: the shipped sample, and small machines built in code. */
final class Samples {
    private Samples() {
    }

    static Topology switchP2pServer() {
        Path dir = Path.of(System.getProperty("dmascope.samples", "../sample-topologies"));
        return TopologyFiles.load(dir.resolve("switch-p2p-server.json")).topology().orElseThrow();
    }

    /**
     * A machine without an IOMMU and with RAM above 4 GiB, holding one 32-bit endpoint (an old
     * capture card) at 00:02.0 and a 64-bit NVMe drive at 00:03.0.
     */
    static Topology noIommu32BitDevice() {
        Platform p = new Platform(Optional.of(Platform.Architecture.X86_64), Platform.Cpu.UNKNOWN,
                new Platform.Iommu(Optional.of(Platform.IommuDriver.NONE), Optional.empty(), Optional.empty(),
                        OptionalInt.empty(),
                        Optional.empty(), OptionalLong.empty()),
                new Platform.Swiotlb(OptionalLong.of(0x7000_0000L), OptionalLong.of(64L << 20), Optional.of(false)),
                Optional.of(Platform.MemoryEncryption.NONE), Optional.empty());
        NumaNode node = new NumaNode(0, OptionalInt.of(0), Optional.of("0-3"),
                List.of(AddressRange.ofSize(0, 2L << 30), AddressRange.ofSize(0x1_0000_0000L, 14L << 30)));
        HostBridge hb = new HostBridge("pci0000:00", 0, 0, Optional.empty(), OptionalInt.of(0),
                List.of(new HostWindow(HostWindow.Kind.MEMORY, 0xC000_0000L, 0xC000_0000L, 0x3000_0000L)), List.of(),
                        Provenance.NONE);
        PciFunction capture = PciFunction.builder(Bdf.parse("0000:00:02.0")).portType(PortType.RC_INTEGRATED_ENDPOINT)
                .headerType(0)
                .driver(Optional.of("cx23885")).dma(new DmaParameters(OptionalInt.of(32), OptionalLong.empty(),
                        OptionalLong.empty(), OptionalLong.empty()))
                .build();
        PciFunction nvme = PciFunction.builder(Bdf.parse("0000:00:03.0")).portType(PortType.RC_INTEGRATED_ENDPOINT)
                .headerType(0)
                .driver(Optional.of("nvme")).dma(new DmaParameters(OptionalInt.of(64), OptionalLong.of(0xFFFF_FFFFL),
                        OptionalLong.empty(),
                        OptionalLong.of(0xFFF))).build();
        return new Topology("no-IOMMU test box", Optional.empty(), Optional.empty(), p, List.of(node), List.of(hb),
                List.of(capture, nvme));
    }

    /** BA-2: a DT host bridge whose 4 GiB window maps CPU 0x40_0000_0000 to bus 0, with a P2P provider and a client. */
    static Topology offsetWindowMachine() {
        Platform p = new Platform(Optional.of(Platform.Architecture.ARM64), Platform.Cpu.UNKNOWN,
                new Platform.Iommu(Optional.of(Platform.IommuDriver.ARM_SMMU_V3), Optional.of(Platform.DomainType.DMA),
                        Optional.of(true), OptionalInt.of(48), Optional.of(Platform.PageTableFormat.ARM_64_LPAE_S1),
                                OptionalLong.of(4096)),
                Platform.Swiotlb.UNKNOWN, Optional.empty(), Optional.empty());
        NumaNode node = new NumaNode(0, OptionalInt.empty(), Optional.of("0-7"),
                List.of(AddressRange.ofSize(0x8000_0000L, 8L << 30)));
        HostBridge hb = new HostBridge("pci0000:00", 0, 0, Optional.empty(), OptionalInt.empty(),
                List.of(new HostWindow(HostWindow.Kind.MEMORY, 0x40_0000_0000L, 0, 0x1_0000_0000L)), List.of(),
                        Provenance.NONE);
        PciFunction rp = PciFunction.builder(Bdf.parse("0000:00:00.0")).portType(PortType.ROOT_PORT).headerType(1)
                .bridge(new Bridge(OptionalInt.of(0), 1, 1, Optional.empty(), Optional.empty(),
                        Optional.empty())).build();
        PciFunction provider = PciFunction.builder(Bdf.parse("0000:01:00.0")).portType(PortType.ENDPOINT).headerType(0)
                .driver(Optional.of("nvme"))
                .bars(List.of(new Bar(2, Bar.Space.MEMORY, true, true, OptionalLong.of(0x40_1000_0000L),
                        OptionalLong.of(256L << 20))))
                .p2pMemory(List.of(new P2pMemory(2, 0, 256L << 20, true))).build();
        PciFunction client = PciFunction.builder(Bdf.parse("0000:01:00.1")).portType(PortType.ENDPOINT).headerType(0)
                .driver(Optional.of("mlx5_core"))
                .dma(new DmaParameters(OptionalInt.of(64), OptionalLong.empty(), OptionalLong.empty(),
                        OptionalLong.empty())).build();
        return new Topology("offset window", Optional.empty(), Optional.empty(), p, List.of(node), List.of(hb),
                List.of(rp, provider, client));
    }
}
