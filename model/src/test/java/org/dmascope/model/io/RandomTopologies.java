package org.dmascope.model.io;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;

import org.dmascope.model.topology.Acs;
import org.dmascope.model.topology.AddressRange;
import org.dmascope.model.topology.Bar;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.Bridge;
import org.dmascope.model.topology.BridgeWindow;
import org.dmascope.model.topology.DmaParameters;
import org.dmascope.model.topology.DmaRange;
import org.dmascope.model.topology.HostBridge;
import org.dmascope.model.topology.HostWindow;
import org.dmascope.model.topology.Link;
import org.dmascope.model.topology.LinkSpeed;
import org.dmascope.model.topology.LinkState;
import org.dmascope.model.topology.NumaNode;
import org.dmascope.model.topology.P2pMemory;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.PciIdentity;
import org.dmascope.model.topology.Platform;
import org.dmascope.model.topology.PortType;
import org.dmascope.model.topology.Provenance;
import org.dmascope.model.topology.SourceRef;
import org.dmascope.model.topology.Sriov;
import org.dmascope.model.topology.Topology;
import org.dmascope.model.topology.ToolReport;
import org.dmascope.model.topology.TopologySource;

/**
 * Random topologies that use every field of the model, each field sometimes unknown: values a
 * machine would never have (BARs above 2^63, overlapping ranges) are welcome, since only the
 * writer and reader are under test, not the validator. Only what the model itself forbids is avoided.
 */
final class RandomTopologies {
    private final Random r;

    RandomTopologies(long seed) {
        r = new Random(seed);
    }

    Topology next() {
        List<NumaNode> nodes = new ArrayList<>();
        int nodeCount = r.nextInt(4);
        for (int i = 0; i < nodeCount; i++) nodes.add(numaNode(i));
        List<HostBridge> hbs = new ArrayList<>();
        int hbCount = r.nextInt(4);
        for (int i = 0; i < hbCount; i++) hbs.add(hostBridge(i));
        Set<Bdf> addresses = new LinkedHashSet<>();
        int fnCount = r.nextInt(12);
        while (addresses.size() < fnCount) addresses.add(bdf());
        List<PciFunction> fs = new ArrayList<>();
        for (Bdf a : addresses) fs.add(function(a, List.copyOf(addresses)));
        Topology t = new Topology(text(), maybe(this::text), maybe(() -> new TopologySource(
                pick(TopologySource.Kind.values()), maybe(this::text))), platform(), nodes, hbs, fs);
        // Drawn last, so the machines above stay what they were before reports existed.
        List<ToolReport> reports = new ArrayList<>();
        int reportCount = r.nextInt(5) == 0 ? 1 + r.nextInt(2) : 0;
        for (int i = 0; i < reportCount; i++) reports.add(report(List.copyOf(addresses)));
        return t.withReports(reports);
    }

    /** Another tool's report: devices tied or not, pairs among them, every optional part sometimes left out. */
    private ToolReport report(List<Bdf> addresses) {
        List<ToolReport.Device> devices = new ArrayList<>();
        int n = r.nextInt(4);
        for (int i = 0; i < n; i++) {
            Optional<Bdf> address = addresses.isEmpty() || r.nextInt(3) == 0 ? Optional.empty()
                    : Optional.of(addresses.get(r.nextInt(addresses.size())));
            ToolReport.Match match = address.isEmpty() ? ToolReport.Match.NONE
                    : pick(ToolReport.Match.BUS_ID, ToolReport.Match.BUS_ORDER);
            devices.add(new ToolReport.Device("dev" + i + " " + text(), pick(ToolReport.Kind.values()),
                    maybe(this::text), maybe(this::bdf), address, match, maybeInt(4096), maybe(this::text),
                    maybe(this::text), where()));
        }
        List<ToolReport.Pair> pairs = new ArrayList<>();
        for (ToolReport.Device a : devices) {
            for (ToolReport.Device b : devices) {
                if (a != b && r.nextBoolean()) pairs.add(new ToolReport.Pair(a.name(), b.name(), text(),
                        maybe(this::text), where()));
            }
        }
        List<String> notes = new ArrayList<>();
        for (int i = r.nextInt(3); i > 0; i--) notes.add(text());
        return new ToolReport(pick(ToolReport.Tool.values()), where(), devices, pairs, notes);
    }

    private SourceRef where() {
        return new SourceRef(pick("x.nvsmi-topo.txt", "dump:12", "ünï cödé.xml"), r.nextInt(3) == 0 ? 0
                : 1 + r.nextInt(100000));
    }

    // ---- primitives ------------------------------------------------------------------------------

    private <T> Optional<T> maybe(Supplier<T> s) {
        return r.nextInt(3) == 0 ? Optional.empty() : Optional.of(s.get());
    }

    private OptionalInt maybeInt(int bound) {
        return r.nextInt(3) == 0 ? OptionalInt.empty() : OptionalInt.of(r.nextInt(bound));
    }

    private OptionalLong maybeLong(Supplier<Long> s) {
        return r.nextInt(3) == 0 ? OptionalLong.empty() : OptionalLong.of(s.get());
    }

    private Optional<Boolean> maybeBool() {
        return maybe(r::nextBoolean);
    }

    @SafeVarargs
    private <T> T pick(T... values) {
        return values[r.nextInt(values.length)];
    }

    /** Strings a JSON writer can get wrong: quotes, backslashes, control characters, non-ASCII. */
    private String text() {
        return pick("GA100 [A100 SXM4 40GB]", "quote \" and back\\slash", "tab\there\nnewline",
                "Ünïcödé ✓ 日本",
                "", " padded ", "{\"json\": [1]}", "line\u2028separator", "x".repeat(1 + r.nextInt(300)));
    }

    /** 64-bit values across the whole unsigned range, including above 2^63, with many round numbers. */
    private long address() {
        return switch (r.nextInt(5)) {
            case 0 -> r.nextLong();
            case 1 -> 0x8000_0000_0000_0000L | (r.nextLong() & 0x7fff_ffff_0000_0000L);
            case 2 -> (long) r.nextInt(1 << 20) << 20;
            case 3 -> 0;
            default -> r.nextLong() & 0xffff_ffffL;
        };
    }

    /** A size from 1 byte up, often a power of two, sometimes odd, sometimes 2^63 and above. */
    private long size() {
        return switch (r.nextInt(5)) {
            case 0 -> 1L << r.nextInt(64);
            case 1 -> 1 + (r.nextLong() & 0xffff_ffffL);
            case 2 -> 3L << r.nextInt(60);
            case 3 -> 0x8000_0000_0000_0000L + (r.nextLong() & 0xffff_ffffL);
            default -> (1 + r.nextInt(1 << 16)) * 1024L;
        };
    }

    /** A range that does not wrap past 2^64. */
    private AddressRange range() {
        long start = address();
        long size = size();
        if (Long.compareUnsigned(start + size - 1, start) < 0) start = -size;
        return AddressRange.ofSize(start, size);
    }

    private Bdf bdf() {
        int domain = pick(0, 0, 1, 0x10000, r.nextInt(0x100000));
        return Bdf.of(domain, r.nextInt(256), r.nextInt(32), r.nextInt(8));
    }

    // ---- entities --------------------------------------------------------------------------------

    private Platform platform() {
        if (r.nextInt(6) == 0) return Platform.UNKNOWN;
        return new Platform(maybe(() -> pick(Platform.Architecture.values())),
                new Platform.Cpu(maybe(() -> pick(Platform.CpuVendor.values())), maybeInt(0x10000), maybe(this::text)),
                new Platform.Iommu(maybe(() -> pick(Platform.IommuDriver.values())),
                        maybe(() -> pick(Platform.DomainType.values())),
                        maybeBool(), r.nextInt(3) == 0 ? OptionalInt.empty() : OptionalInt.of(32 + r.nextInt(33)),
                        maybe(() -> pick(Platform.PageTableFormat.values())), maybeLong(() -> 1L << r.nextInt(64)),
                        maybeLong(r::nextLong), maybeBool()),
                new Platform.Swiotlb(maybeLong(this::address), maybeLong(this::size), maybeBool()),
                maybe(() -> pick(Platform.MemoryEncryption.values())), maybe(this::text));
    }

    private NumaNode numaNode(int id) {
        List<AddressRange> mem = new ArrayList<>();
        int n = r.nextInt(4);
        for (int i = 0; i < n; i++) mem.add(range());
        return new NumaNode(id * pick(1, 1, 7), maybeInt(4096), maybe(() -> pick("0-63", "0-15,32-47", "")), mem);
    }

    private HostBridge hostBridge(int i) {
        int domain = pick(0, i, 0x10000 + i);
        int root = r.nextInt(256);
        List<HostWindow> ws = new ArrayList<>();
        int n = r.nextInt(5);
        for (int k = 0; k < n; k++) {
            AddressRange cpu = range();
            long bus = r.nextBoolean() ? cpu.start() : cpu.start() - (r.nextLong() & 0xffff_ffff_0000L);
            if (Long.compareUnsigned(bus + cpu.size() - 1, bus) < 0) bus = cpu.start();
            ws.add(new HostWindow(pick(HostWindow.Kind.values()), cpu.start(), bus, cpu.size()));
        }
        List<DmaRange> dma = new ArrayList<>();
        int d = r.nextInt(3);
        for (int k = 0; k < d; k++) {
            AddressRange cpu = range();
            AddressRange bus = AddressRange.ofSize(r.nextBoolean() ? cpu.start() : 0, cpu.size());
            dma.add(new DmaRange(cpu.start(), bus.start(), cpu.size()));
        }
        Optional<HostBridge.BusRange> busRange = maybe(() -> new HostBridge.BusRange(root,
                root + r.nextInt(256 - root)));
        return new HostBridge(String.format("pci%04x:%02x#%d", domain, root, i), domain, root, busRange, maybeInt(4096),
                ws, dma,
                provenance());
    }

    private Provenance provenance() {
        if (r.nextBoolean()) return Provenance.NONE;
        Map<String, SourceRef> m = new HashMap<>();
        int n = 1 + r.nextInt(4);
        for (int i = 0; i < n; i++) {
            // File names that end in ":digits" must survive as whole-file references (line 0).
            String file = pick("lspci-vvv.txt", "a b/c:d.txt", "dump:12", "C:\\exports\\tree.txt", "x:");
            m.put(pick("acs", "link", "bars", "bridge", "identity", "dma", "windows"), new SourceRef(file, pick(0, 1,
                    77, 123456)));
        }
        return new Provenance(m);
    }

    private PciFunction function(Bdf at, List<Bdf> all) {
        PciFunction.Builder b = PciFunction.builder(at);
        b.identity(new PciIdentity(maybeInt(0x10000), maybeInt(0x10000), maybeInt(0x10000), maybeInt(0x10000),
                maybeInt(0x1000000), maybeInt(0x100), maybe(this::text), maybe(this::text), maybe(this::text),
                        maybe(this::text)));
        b.portType(maybe(() -> pick(PortType.values())));
        b.headerType(maybeInt(3));
        b.multifunction(maybeBool());
        b.bridge(maybe(() -> new Bridge(maybeInt(256), r.nextInt(256), r.nextInt(256), window(), window(), window())));
        b.bars(bars());
        b.acs(maybe(() -> r.nextInt(3) == 0 ? Acs.ABSENT : new Acs(true, maybeInt(0x10000), maybeInt(0x10000))));
        b.ats(maybeBool());
        b.pasid(maybeBool());
        b.pri(maybeBool());
        b.sriov(maybe(() -> new Sriov(r.nextInt(65536), r.nextInt(65536), r.nextInt(65536), r.nextInt(65536),
                maybeInt(0x10000))));
        b.physicalFunction(maybe(() -> all.get(r.nextInt(all.size()))));
        b.link(maybe(() -> new Link(maybe(this::linkState), maybe(this::linkState))));
        b.numaNode(maybeInt(4096));
        b.driver(maybe(() -> pick("nvidia", "mlx5_core", "nvme", "pcieport", "vfio-pci")));
        b.dma(r.nextInt(3) == 0 ? DmaParameters.UNKNOWN : new DmaParameters(
                r.nextInt(3) == 0 ? OptionalInt.empty() : OptionalInt.of(1 + r.nextInt(64)), maybeLong(this::size),
                maybeLong(this::address), maybeLong(this::address)));
        List<P2pMemory> p2p = new ArrayList<>();
        int n = r.nextInt(3);
        for (int i = 0; i < n; i++) {
            p2p.add(new P2pMemory(r.nextInt(6), r.nextLong() & Long.MAX_VALUE,
                    1 + (r.nextLong() & 0x3fff_ffff_ffff_ffffL), r.nextBoolean()));
        }
        b.p2pMemory(p2p);
        b.untrusted(maybeBool());
        b.externalFacing(maybeBool());
        b.iommuGroup(r.nextInt(3) == 0 ? OptionalInt.empty() : OptionalInt.of(r.nextInt(Integer.MAX_VALUE)));
        b.provenance(provenance());
        return b.build();
    }

    /** Unknown, disabled, or a range (anywhere, including above 2^63). */
    private Optional<BridgeWindow> window() {
        return switch (r.nextInt(3)) {
            case 0 -> Optional.empty();
            case 1 -> Optional.of(BridgeWindow.DISABLED);
            default -> Optional.of(new BridgeWindow(Optional.of(range())));
        };
    }

    /** BARs in index order, as the writer keeps them; I/O BARs are never 64-bit or prefetchable. */
    private List<Bar> bars() {
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            if (r.nextInt(3) != 0) continue;
            boolean io = r.nextInt(4) == 0;
            // A memory BAR may carry Resizable BAR sizes: any non-empty subset of the capability's 28 sizes.
            List<Long> resizable = !io && r.nextInt(4) == 0 ? Bar.rebarSizes(1L + r.nextInt((1 << 28) - 1))
                    : List.of();
            bars.add(new Bar(i, io ? Bar.Space.IO : Bar.Space.MEMORY, !io && r.nextBoolean(), !io && r.nextBoolean(),
                    maybeLong(this::address), maybeLong(this::size), resizable));
        }
        return bars;
    }

    private LinkState linkState() {
        return new LinkState(pick(LinkSpeed.values()), pick(0, 1, 2, 4, 8, 16, 32));
    }
}
