package org.dmascope.model.topology;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.UnaryOperator;

import org.dmascope.model.util.ByteSize;

/**
 * A small, valid machine built in code, and helpers to change one thing about it, so a validation
 * test can show that exactly that one change is found.
 *
 * <pre>
 * pci0000:00 ─ 00:01.0 root port ─ 01:00.0 "Test NIC" (BAR 0 64 KiB, BAR 2 4 MiB prefetchable)
 * </pre>
 */
final class TestMachines {
    static final Bdf ROOT_PORT = Bdf.parse("0000:00:01.0");
    static final Bdf NIC = Bdf.parse("0000:01:00.0");
    static final String NIC_NAME = "0000:01:00.0 (Test NIC)";
    static final String ROOT_PORT_NAME = "0000:00:01.0 (Test Root Port)";

    private TestMachines() {
    }

    static Topology base() {
        Platform platform = new Platform(Optional.of(Platform.Architecture.X86_64),
                new Platform.Cpu(Optional.of(Platform.CpuVendor.INTEL), OptionalInt.of(6), Optional.empty()),
                new Platform.Iommu(Optional.of(Platform.IommuDriver.INTEL_VTD), Optional.of(Platform.DomainType.DMA_FQ),
                        Optional.of(false), OptionalInt.of(48), Optional.of(Platform.PageTableFormat.VTD_SECOND_STAGE),
                        OptionalLong.of(4096)),
                new Platform.Swiotlb(OptionalLong.of(0x7000_0000L), OptionalLong.of(64 * ByteSize.MiB),
                        Optional.of(false)),
                Optional.of(Platform.MemoryEncryption.NONE), Optional.empty());
        NumaNode node = new NumaNode(0, OptionalInt.of(0), Optional.of("0-7"),
                List.of(AddressRange.ofSize(0, 2 * ByteSize.GiB), AddressRange.ofSize(0x1_0000_0000L,
                        14 * ByteSize.GiB)));
        HostBridge hb = hostBridge("pci0000:00", 0, 0x00, 0x00, 0x7f, List.of(
                new HostWindow(HostWindow.Kind.IO, 0x1000, 0x1000, 60 * ByteSize.KiB),
                new HostWindow(HostWindow.Kind.MEMORY, 0xc000_0000L, 0xc000_0000L, 512 * ByteSize.MiB),
                new HostWindow(HostWindow.Kind.MEMORY, 0x40_0000_0000L, 0x40_0000_0000L, 64 * ByteSize.GiB)));
        return new Topology("test machine", Optional.empty(), Optional.empty(), platform, List.of(node), List.of(hb),
                List.of(rootPort(ROOT_PORT, "Test Root Port", 0x01, 0x01, range(0xc000_0000L, ByteSize.MiB),
                                range(0x40_0000_0000L, 4 * ByteSize.MiB)).build(),
                        nic(NIC).build()));
    }

    static HostBridge hostBridge(String id, int domain, int rootBus, int first, int last, List<HostWindow> windows) {
        return new HostBridge(id, domain, rootBus, Optional.of(new HostBridge.BusRange(first, last)), OptionalInt.of(0),
                windows, List.of(), Provenance.NONE);
    }

    static BridgeWindow range(long start, long size) {
        return BridgeWindow.of(start, start + size - 1);
    }

    static PciIdentity named(int vendor, int device, int classCode, String name) {
        return new PciIdentity(OptionalInt.of(vendor), OptionalInt.of(device), OptionalInt.empty(), OptionalInt.empty(),
                OptionalInt.of(classCode), OptionalInt.empty(), Optional.of("Test Vendor"), Optional.of(name),
                Optional.empty(), Optional.empty());
    }

    static PciFunction.Builder rootPort(Bdf at, String name, int secondary, int subordinate, BridgeWindow memory,
                                        BridgeWindow prefetchable) {
        return port(at, name, PortType.ROOT_PORT, secondary, subordinate, memory, prefetchable);
    }

    static PciFunction.Builder port(Bdf at, String name, PortType type, int secondary, int subordinate,
            BridgeWindow memory,
                                    BridgeWindow prefetchable) {
        return PciFunction.builder(at)
                .identity(named(0x8086, 0x1234, 0x060400, name))
                .portType(type)
                .headerType(1)
                .multifunction(false)
                .bridge(new Bridge(OptionalInt.of(at.bus()), secondary, subordinate, Optional.of(BridgeWindow.DISABLED),
                        Optional.of(memory), Optional.of(prefetchable)))
                .acs(Acs.of(0x5f, 0x1d))
                .link(Link.of(state("16GT/s x16"), state("16GT/s x16")))
                .numaNode(OptionalInt.of(0));
    }

    static PciFunction.Builder nic(Bdf at) {
        return endpoint(at, "Test NIC", 0xc000_0000L, 0x40_0000_0000L);
    }

    static PciFunction.Builder endpoint(Bdf at, String name, long bar0, long bar2) {
        return PciFunction.builder(at)
                .identity(named(0x15b3, 0x101d, 0x020000, name))
                .portType(PortType.ENDPOINT)
                .headerType(0)
                .multifunction(false)
                .bars(List.of(memBar(0, false, bar0, 64 * ByteSize.KiB), memBar(2, true, bar2, 4 * ByteSize.MiB)))
                .acs(Acs.ABSENT)
                .link(Link.of(state("16GT/s x16"), state("16GT/s x16")))
                .numaNode(OptionalInt.of(0));
    }

    static Bar memBar(int index, boolean prefetchable, long address, long size) {
        return new Bar(index, Bar.Space.MEMORY, true, prefetchable, OptionalLong.of(address), OptionalLong.of(size));
    }

    static LinkState state(String text) {
        return LinkState.parse(text).orElseThrow();
    }

    /** The topology with the function at {@code at} changed by {@code edit}. */
    static Topology edit(Topology t, Bdf at, UnaryOperator<PciFunction.Builder> edit) {
        return t.withFunction(at, f -> edit.apply(f.toBuilder()).build());
    }

    static Topology add(Topology t, PciFunction... more) {
        List<PciFunction> fs = new ArrayList<>(t.functions());
        fs.addAll(List.of(more));
        return t.withFunctions(fs);
    }

    static Topology withHostBridges(Topology t, List<HostBridge> hbs) {
        return new Topology(t.name(), t.description(), t.source(), t.platform(), t.numaNodes(), hbs, t.functions());
    }

    static Topology withNumaNodes(Topology t, List<NumaNode> nodes) {
        return new Topology(t.name(), t.description(), t.source(), t.platform(), nodes, t.hostBridges(), t.functions());
    }
}
