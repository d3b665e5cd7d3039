package org.dmascope.model.addresses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.stream.Stream;

import org.dmascope.model.io.LoadResult;
import org.dmascope.model.io.SampleCatalog;
import org.dmascope.model.io.TopologyFiles;
import org.dmascope.model.io.imports.TopologyInputs;
import org.dmascope.model.kernel.TopologyRules;
import org.dmascope.model.kernel.iommu.IovaReservedRegions;
import org.dmascope.model.kernel.platform.PlatformOverrides;
import org.dmascope.model.mapping.BufferSpecParser;
import org.dmascope.model.report.Diagnostic;
import org.dmascope.model.session.KernelSession;
import org.dmascope.model.session.MapCall;
import org.dmascope.model.session.MapOptions;
import org.dmascope.model.session.MapOutcome;
import org.dmascope.model.testing.Corpus;
import org.dmascope.model.topology.AddressRange;
import org.dmascope.model.topology.Bar;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.BridgeWindow;
import org.dmascope.model.topology.HostBridge;
import org.dmascope.model.topology.HostWindow;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.Topology;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The address map: every window and BAR of the input is on it, counted from the input itself, and the crafted
 * broken machine shows each address problem the kernel finds at boot (R-ADDR-1 to R-ADDR-5) on the range it
 * concerns, with the kernel's words.
 */
class AddressMapTest {
    static final String BROKEN = "broken-addresses.json";

    static Topology broken() throws IOException {
        try (InputStream in = AddressMapTest.class.getResourceAsStream(BROKEN)) {
            LoadResult r = TopologyFiles.load(in, BROKEN);
            assertTrue(r.ok(), r.report()::toText);
            return r.topology().orElseThrow();
        }
    }

    private static MappedRange only(AddressMap map, RangeKind kind, String owner, String detailPrefix) {
        List<MappedRange> found = map.spaces().stream().flatMap(s -> s.ranges().stream())
                .filter(r -> r.kind() == kind && r.owner().key().equals(owner) && r.detail().startsWith(detailPrefix))
                .toList();
        assertEquals(1, found.size(), () -> kind + " " + owner + " " + detailPrefix + ": " + found);
        return found.get(0);
    }

    private static List<ProblemKind> kinds(MappedRange r) {
        return r.problems().stream().map(Problem::kind).toList();
    }

    @Test
    void theBrokenMachineLoadsWithWarningsOnly() throws IOException {
        try (InputStream in = AddressMapTest.class.getResourceAsStream(BROKEN)) {
            LoadResult r = TopologyFiles.load(in, BROKEN);
            assertTrue(r.ok(), r.report()::toText);
            List<String> warnings = r.report().warnings().stream().map(Diagnostic::message).toList();
            assertTrue(warnings.stream().anyMatch(w -> w.startsWith("0000:02:00.0 (Stray NIC): BAR 0")
                    && w.contains("lies outside")), warnings::toString);
            assertTrue(warnings.stream().anyMatch(w -> w.startsWith("0000:02:00.2 (Overlapping NIC)")
                    && w.contains("overlaps a BAR of 0000:02:00.3")), warnings::toString);
        }
    }

    @Test
    void theLoadReportAndTheMapGiveOneReasonForABarOutsideItsWindow() throws IOException {
        // R-ADDR-1 has one implementation: the import report lists the map's reason as a warning.
        try (InputStream in = AddressMapTest.class.getResourceAsStream(BROKEN)) {
            LoadResult r = TopologyFiles.load(in, BROKEN);
            AddressMap map = AddressMap.of(TopologyRules.of(r.topology().orElseThrow()));
            List<String> outside = map.withProblems().stream().flatMap(m -> m.problems().stream()
                    .filter(p -> p.kind() == ProblemKind.OUTSIDE_WINDOW)
                    .map(p -> m.owner().key() + " (" + m.owner().label().substring(m.owner().key().length() + 1)
                            + "): " + p.reason())).toList();
            List<String> warnings = r.report().warnings().stream().map(Diagnostic::message)
                    .filter(w -> w.contains("no compatible bridge window")).toList();
            assertEquals(outside, warnings);
            assertEquals(1, warnings.size(), warnings::toString);
        }
    }

    @Test
    void rAddr1ABarOutsideTheWindowOfTheBridgeAbove() throws IOException {
        // R-ADDR-1 vector
        AddressMap map = AddressMap.of(TopologyRules.of(broken()));
        MappedRange stray = only(map, RangeKind.BAR, "0000:02:00.0", "BAR 0");
        assertEquals(List.of(ProblemKind.OUTSIDE_WINDOW), kinds(stray));
        String reason = stray.problems().get(0).reason();
        assertTrue(reason.contains("0xc0800000-0xc080ffff lies outside the memory window 0xc0200000-0xc02fffff "
                + "of the bridge above, 0000:00:02.0"), reason);
        assertTrue(reason.contains("BAR 0 [mem 0xc0800000-0xc080ffff 64bit]: can't claim; no compatible bridge "
                + "window"), reason);
        assertTrue(reason.contains("setup-res.c"), reason);
    }

    @Test
    void rAddr2BothOverlappingBarsAreMarked() throws IOException {
        // R-ADDR-2 vector
        AddressMap map = AddressMap.of(TopologyRules.of(broken()));
        MappedRange a = only(map, RangeKind.BAR, "0000:02:00.2", "BAR 0");
        MappedRange b = only(map, RangeKind.BAR, "0000:02:00.3", "BAR 0");
        assertEquals(List.of(ProblemKind.OVERLAP), kinds(a));
        assertEquals(List.of(ProblemKind.OVERLAP), kinds(b));
        assertTrue(b.problems().get(0).reason().contains("of 0000:02:00.2"), b.problems()::toString);
        assertTrue(a.problems().get(0).reason().contains("of 0000:02:00.3"), a.problems()::toString);
        assertTrue(a.problems().get(0).reason().contains("address conflict"), a.problems()::toString);
    }

    @Test
    void rAddr3AMisalignedBar() throws IOException {
        // R-ADDR-3 vector
        AddressMap map = AddressMap.of(TopologyRules.of(broken()));
        MappedRange r = only(map, RangeKind.BAR, "0000:02:00.1", "BAR 0");
        assertEquals(List.of(ProblemKind.MISALIGNED), kinds(r));
        assertTrue(r.problems().get(0).reason().startsWith("BAR 0 at 0xc0248000 is not aligned to its size 64KiB"),
                r.problems()::toString);
    }

    @Test
    void rAddr4ASixtyFourBitBarBelowFourGibWithAboveFourGDecodingOff() throws IOException {
        // R-ADDR-4 vector
        AddressMap map = AddressMap.of(TopologyRules.of(broken()));
        MappedRange r = only(map, RangeKind.BAR, "0000:01:00.0", "BAR 1");
        assertEquals(List.of(ProblemKind.BELOW_4G), kinds(r));
        assertTrue(r.problems().get(0).reason().contains("host bridge pci0000:00 has no memory window above 4 GiB"),
                r.problems()::toString);
        // BAR 0 is 32-bit: below 4 GiB is where it belongs.
        assertEquals(List.of(), kinds(only(map, RangeKind.BAR, "0000:01:00.0", "BAR 0")));
    }

    @Test
    void rAddr4TheBridgeAboveHasNoPrefetchableWindow() throws IOException {
        // R-ADDR-4 vector
        // With a window above 4 GiB the host bridge is not the reason; the root port's missing prefetchable window is.
        Topology t = broken();
        HostBridge hb = t.hostBridges().get(0);
        List<HostWindow> windows = new ArrayList<>(hb.windows());
        windows.add(new HostWindow(HostWindow.Kind.MEMORY, 0x40_0000_0000L, 0x40_0000_0000L, 1L << 36));
        t = withHostBridge(t, new HostBridge(hb.id(), hb.domain(), hb.rootBus(), hb.busRange(), hb.numaNode(), windows,
                hb.dmaRanges(), hb.provenance()));
        AddressMap map = AddressMap.of(TopologyRules.of(t));
        MappedRange r = only(map, RangeKind.BAR, "0000:01:00.0", "BAR 1");
        assertEquals(List.of(ProblemKind.BELOW_4G), kinds(r));
        assertTrue(r.problems().get(0).reason().contains("the bridge above, 0000:00:01.0, has no prefetchable window"),
                r.problems()::toString);
    }

    @Test
    void rAddr5AWindowTooSmallForTheBarsBelowIt() throws IOException {
        // R-ADDR-5 vector
        AddressMap map = AddressMap.of(TopologyRules.of(broken()));
        MappedRange w = only(map, RangeKind.BRIDGE_MEMORY, "0000:00:01.0", "memory window");
        assertEquals(List.of(ProblemKind.WINDOW_TOO_SMALL), kinds(w));
        String reason = w.problems().get(0).reason();
        assertTrue(reason.contains("is 2 MiB but the 3 range(s) below it need at least 16.0 GiB"), reason);
        assertTrue(reason.contains("0000:01:00.0 BAR 3 (16 GiB) has no address"), reason);
        assertTrue(reason.contains("BAR 3 [mem size 0x400000000]: can't assign; no space"), reason);
        // The other root port's window holds its BARs.
        assertEquals(List.of(), kinds(only(map, RangeKind.BRIDGE_MEMORY, "0000:00:02.0", "memory window")));
    }

    private static Topology withBars(Topology t, String address, List<Bar> bars) {
        List<PciFunction> fs = new ArrayList<>();
        for (PciFunction f : t.functions()) {
            fs.add(f.address().equals(Bdf.parse(address)) ? f.toBuilder().bars(bars).build() : f);
        }
        return t.withFunctions(fs);
    }

    @Test
    void rAddr6AResizableBarBelowItsLargestSize() throws IOException {
        // R-ADDR-6 vector: the GPU's 32-bit BAR 0 is 1 MiB of 1 MiB-256 MiB, below a 2 MiB root-port window.
        Topology t = broken();
        List<Bar> bars = new ArrayList<>(t.function(Bdf.parse("0000:01:00.0")).orElseThrow().bars());
        bars.set(0, bars.get(0).withResizableSizes(List.of(1L << 20, 1L << 21, 1L << 28)));
        AddressMap map = AddressMap.of(TopologyRules.of(withBars(t, "0000:01:00.0", bars)));
        MappedRange r = only(map, RangeKind.BAR, "0000:01:00.0", "BAR 0");
        assertEquals(List.of(ProblemKind.REBAR_NOT_LARGEST), kinds(r));
        String reason = r.problems().get(0).reason();
        assertTrue(reason.startsWith("BAR 0 is 1 MiB but its Resizable BAR capability supports up to 256 MiB "
                + "(1 MiB, 2 MiB, 256 MiB); the memory window of the bridge above, 0000:00:01.0, is 2 MiB, so the "
                + "windows up to the host bridge must grow for it"), reason);
        assertTrue(reason.contains("pci_resize_resource"), reason);
        assertTrue(r.detail().endsWith("resizable to 1 MiB, 2 MiB, 256 MiB"), r.detail());
        assertEquals(1, map.counts().get(ProblemKind.REBAR_NOT_LARGEST));
    }

    @Test
    void rAddr6AResizableBarAtItsLargestSizeIsNoProblem() throws IOException {
        // R-ADDR-6 vector: current size = largest supported.
        Topology t = broken();
        List<Bar> bars = new ArrayList<>(t.function(Bdf.parse("0000:01:00.0")).orElseThrow().bars());
        bars.set(0, bars.get(0).withResizableSizes(List.of(1L << 20)));
        AddressMap map = AddressMap.of(TopologyRules.of(withBars(t, "0000:01:00.0", bars)));
        assertEquals(List.of(), kinds(only(map, RangeKind.BAR, "0000:01:00.0", "BAR 0")));
        assertFalse(map.counts().containsKey(ProblemKind.REBAR_NOT_LARGEST));
    }

    /** What the three corpus exports with a Resizable BAR capability say, as lspci printed it. */
    @Test
    void rAddr6OnTheCorpusMachinesWithResizableBars() {
        // R-ADDR-6 vector on real exports: the iMac's Radeon (BAR 0 256 MB of up to 4 GB, BAR 2 2 MB of up to
        // 256 MB) and the Lenovo's WX 3100 (BAR 0 256 MB of up to 4 GB) are below their largest size; the T2's
        // and the WiFi's 4 MB BARs and the Supermicro's T1000 (16 MB, 256 MB of 64-256 MB, 32 MB) are at theirs.
        Map<String, List<String>> expected = Map.of(
                "apple-imac20-cometlake-titanridge.verbose.txt", List.of("BAR 0 is 256 MiB but its Resizable BAR "
                        + "capability supports up to 4 GiB", "BAR 2 is 2 MiB but its Resizable BAR capability "
                        + "supports up to 256 MiB"),
                "lenovo-ryzen-raven-radeon-wx3100.hex.txt", List.of("BAR 0 is 256 MiB but its Resizable BAR "
                        + "capability supports up to 4 GiB"),
                "supermicro-4028gr-tvrt-8xv100-pex9765.verbose.txt", List.of());
        expected.forEach((file, reasons) -> {
            LoadResult r = TopologyInputs.load(List.of(Corpus.file(file)));
            assertTrue(r.ok(), r.report()::toText);
            Topology t = r.topology().orElseThrow();
            long resizable = t.functions().stream().flatMap(f -> f.bars().stream()).filter(Bar::resizable).count();
            assertTrue(resizable > 0, file + " has resizable BARs");
            List<String> found = AddressMap.of(TopologyRules.of(t)).withProblems().stream()
                    .flatMap(m -> m.problems().stream()).filter(p -> p.kind() == ProblemKind.REBAR_NOT_LARGEST)
                    .map(Problem::reason).toList();
            assertEquals(reasons.size(), found.size(), () -> file + ": " + found);
            for (String want : reasons) {
                assertTrue(found.stream().anyMatch(f -> f.startsWith(want)), () -> file + ": " + want + " in " + found);
            }
        });
    }

    @Test
    void theBrokenMachineHasExactlyItsFiveProblemsAndTheFindingsNameTheRules() throws IOException {
        AddressMap map = AddressMap.of(TopologyRules.of(broken()));
        assertEquals(Map.of(ProblemKind.OUTSIDE_WINDOW, 1, ProblemKind.OVERLAP, 2, ProblemKind.MISALIGNED, 1,
                ProblemKind.BELOW_4G, 1, ProblemKind.WINDOW_TOO_SMALL, 1), map.counts());
        List<String> findings = map.findings();
        assertEquals(6, findings.size(), findings::toString);
        assertTrue(findings.stream().anyMatch(f -> f.startsWith("0000:02:00.1 Misaligned NIC: R-ADDR-3 misaligned: ")),
                findings::toString);
    }

    @Test
    void theCpuSpaceHasRamWindowsBarsSwiotlbAndTheInterruptWindowInAddressOrder() throws IOException {
        AddressMap map = AddressMap.of(TopologyRules.of(broken()));
        AddressSpace cpu = map.space(AddressSpace.Kind.CPU_MEMORY).orElseThrow();
        assertEquals(2, cpu.ranges(RangeKind.RAM).size());
        assertEquals(List.of(new AddressRange(0x7000_0000L, 0x73ff_ffffL)),
                cpu.ranges(RangeKind.SWIOTLB).stream().map(MappedRange::range).toList());
        assertEquals(List.of(new AddressRange(0xfee0_0000L, 0xfeef_ffffL)),
                cpu.ranges(RangeKind.INTERRUPT).stream().map(MappedRange::range).toList());
        MappedRange window = cpu.ranges(RangeKind.HOST_WINDOW).get(0);
        assertEquals("mem window, bus addresses = CPU addresses (offset 0)", window.detail());
        for (int i = 1; i < cpu.ranges().size(); i++) {
            assertTrue(Long.compareUnsigned(cpu.ranges().get(i - 1).range().start(), cpu.ranges().get(i).range()
                    .start()) <= 0, "sorted by address");
        }
        AddressSpace io = map.space(AddressSpace.Kind.IO_PORTS).orElseThrow();
        assertEquals(1, io.ranges().size(), io.ranges()::toString);
    }

    @Test
    void aTranslatingHostWindowShowsItsOffset() throws IOException {
        Topology t = broken();
        HostBridge hb = t.hostBridges().get(0);
        List<HostWindow> windows = List.of(new HostWindow(HostWindow.Kind.MEMORY, 0x6100_4000_0000L, 0x4000_0000L,
                1L << 30));
        t = withHostBridge(t, new HostBridge(hb.id(), hb.domain(), hb.rootBus(), hb.busRange(), hb.numaNode(), windows,
                hb.dmaRanges(), hb.provenance()));
        MappedRange w = AddressMap.of(TopologyRules.of(t)).space(AddressSpace.Kind.CPU_MEMORY).orElseThrow()
                .ranges(RangeKind.HOST_WINDOW).get(0);
        assertEquals("mem window, bus 0x40000000-0x7fffffff, offset 0x610000000000 (CPU − bus)", w.detail());
    }

    @Test
    void aHostWindowWhoseBusSideRunsPast2To64IsANoteNotACrash() throws IOException {
        Topology t = broken();
        HostBridge hb = t.hostBridges().get(0);
        List<HostWindow> windows = List.of(new HostWindow(HostWindow.Kind.MEMORY, 0xc000_0000L,
                0xffff_ffff_fff0_0000L, 512L << 20));
        t = withHostBridge(t, new HostBridge(hb.id(), hb.domain(), hb.rootBus(), hb.busRange(), hb.numaNode(), windows,
                hb.dmaRanges(), hb.provenance()));
        AddressMap map = AddressMap.of(TopologyRules.of(t));
        assertTrue(map.notes().stream().anyMatch(n -> n.contains("reserved regions left off")), map.notes()::toString);
        assertTrue(map.spaces().stream().filter(s -> s.kind() == AddressSpace.Kind.IOVA)
                .allMatch(s -> !s.ranges(RangeKind.IOVA_RESERVED).isEmpty()), "the MSI window is still reserved");
    }

    @Test
    void eachTranslatingGroupHasAnIovaSpaceWithItsReservedRegionsAndTheLiveMappings() throws IOException {
        Topology t = broken();
        KernelSession s = KernelSession.boot(t, PlatformOverrides.NONE);
        MapOutcome o = s.map(new MapCall(Bdf.parse("0000:01:00.0"), BufferSpecParser.parse("host:node0:64KiB"),
                MapOptions.DEFAULTS));
        assertTrue(o.hasMapping(), o::toString);
        AddressMap map = AddressMap.of(s.rules(), s.snapshot());
        List<AddressSpace> iova = map.spaces().stream().filter(x -> x.kind() == AddressSpace.Kind.IOVA).toList();
        // One group per endpoint with ACS absent behind each root port: the GPU's and the NICs' (one slot).
        assertFalse(iova.isEmpty());
        AddressSpace gpu = iova.stream().filter(x -> x.title().contains("0000:01:00.0")).findFirst().orElseThrow();
        assertTrue(gpu.ranges(RangeKind.IOVA_RESERVED).stream().anyMatch(r -> r.range().equals(new AddressRange(
                IovaReservedRegions.MSI_RANGE_START, IovaReservedRegions.MSI_RANGE_END))), gpu.ranges()::toString);
        assertTrue(gpu.ranges(RangeKind.IOVA_RESERVED).stream().anyMatch(r -> r.range().equals(new AddressRange(
                0xc000_0000L, 0xdfff_ffffL)) && r.owner().kind() == Owner.Kind.HOST_BRIDGE), gpu.ranges()::toString);
        List<MappedRange> allocated = gpu.ranges(RangeKind.IOVA_ALLOCATED);
        assertEquals(1, allocated.size(), gpu.ranges()::toString);
        assertEquals(Optional.of(Bdf.parse("0000:01:00.0")), allocated.get(0).owner().function());
        assertEquals(o.mapping().iovaAllocations().get(0).iova(), allocated.get(0).range().start());
        AddressSpace other = iova.stream().filter(x -> !x.title().contains("0000:01:00.0")).findFirst().orElseThrow();
        assertEquals(List.of(), other.ranges(RangeKind.IOVA_ALLOCATED));
    }

    @Test
    void noIommuNoIovaSpace() {
        Topology t = SampleCatalog.load().samples().stream().filter(s -> s.fileName().equals(
                "legacy-pci-no-iommu.json")).findFirst().orElseThrow().topology();
        AddressMap map = AddressMap.of(TopologyRules.of(t));
        assertTrue(map.spaces().stream().noneMatch(s -> s.kind() == AddressSpace.Kind.IOVA));
        assertEquals(2, map.spaces().size());
    }

    // ---- every window and BAR of the input is on the map ----------------------------------------

    static Stream<Topology> machines() {
        List<Topology> out = new ArrayList<>();
        for (SampleCatalog.Sample s : SampleCatalog.load().samples()) out.add(s.topology());
        for (String name : List.of("supermicro-4028gr-tvrt-8xv100-pex9765.verbose.txt",
                "apple-imac20-cometlake-titanridge.verbose.txt", "ni-haswell-ep-e5-2618lv3-wellsburg.verbose.txt",
                "arm-n1sdp-plx8749.verbose.txt", "msi-cyborg15-a12ve-laptop-nonroot.verbose.txt")) {
            LoadResult r = TopologyInputs.load(List.of(Corpus.file(name)));
            assertTrue(r.ok(), r.report()::toText);
            out.add(r.topology().orElseThrow());
        }
        return out.stream();
    }

    @ParameterizedTest
    @MethodSource("machines")
    void everyWindowAndBarOfTheInputIsShown(Topology t) {
        long bars = 0;
        long windows = 0;
        for (PciFunction f : t.functions()) {
            for (Bar b : f.bars()) if (b.address().isPresent() && b.size().isPresent()) bars++;
            if (f.bridge().isPresent()) {
                windows += Stream.of(f.bridge().get().io(), f.bridge().get().memory(),
                        f.bridge().get().prefetchable()).flatMap(Optional::stream).filter(BridgeWindow::enabled)
                        .count();
            }
        }
        assertTrue(bars > 0, t.name() + " has BARs with addresses");
        long hostWindows = t.hostBridges().stream().mapToLong(h -> h.windows().size()).sum();
        AddressMap map = AddressMap.of(TopologyRules.of(t));
        List<MappedRange> all = map.spaces().stream().filter(s -> s.kind() != AddressSpace.Kind.IOVA)
                .flatMap(s -> s.ranges().stream()).toList();
        assertEquals(bars, all.stream().filter(r -> r.kind() == RangeKind.BAR).count(), t.name());
        assertEquals(windows, all.stream().filter(r -> r.kind() == RangeKind.BRIDGE_IO
                || r.kind() == RangeKind.BRIDGE_MEMORY || r.kind() == RangeKind.BRIDGE_PREFETCHABLE).count(), t.name());
        assertEquals(hostWindows, all.stream().filter(r -> r.kind() == RangeKind.HOST_WINDOW).count(), t.name());
        long ram = t.numaNodes().stream().mapToLong(n -> n.memory().size()).sum();
        List<MappedRange> shownRam = all.stream().filter(r -> r.kind() == RangeKind.RAM).toList();
        if (ram > 0) {
            assertEquals(ram, shownRam.size(), t.name());
            assertTrue(shownRam.stream().noneMatch(MappedRange::assumed), t.name());
        } else {
            // No RAM in the input: the assumed layout the answers use is shown, each range marked assumed.
            assertFalse(shownRam.isEmpty(), t.name());
            assertTrue(shownRam.stream().allMatch(MappedRange::assumed), t.name());
        }
    }

    @Test
    void anLspciImportShowsTheAssumedRamAsAssumedAndSaysWhatIsNotInTheInput() {
        LoadResult r = TopologyInputs.load(List.of(Corpus.file("apple-imac20-cometlake-titanridge.verbose.txt")));
        assertTrue(r.ok(), r.report()::toText);
        Topology t = r.topology().orElseThrow();
        assertTrue(t.numaNodes().stream().allMatch(n -> n.memory().isEmpty()), "lspci says nothing of RAM");
        TopologyRules rules = TopologyRules.of(t);
        AddressMap map = AddressMap.of(rules);
        AddressSpace cpu = map.space(AddressSpace.Kind.CPU_MEMORY).orElseThrow();
        List<MappedRange> ram = cpu.ranges(RangeKind.RAM);
        List<AddressRange> assumed = rules.machine().numaNodes().stream().flatMap(n -> n.memory().stream()).toList();
        assertEquals(assumed, ram.stream().map(MappedRange::range).toList());
        for (MappedRange m : ram) {
            assertTrue(m.assumed(), m::toString);
            assertTrue(m.detail().endsWith(", assumed (not in the input)"), m.detail());
        }
        MappedRange pool = cpu.ranges(RangeKind.SWIOTLB).get(0);
        assertTrue(pool.assumed() && pool.detail().contains("top of the assumed RAM below 4 GiB"), pool::detail);
        assertTrue(ram.stream().anyMatch(m -> m.range().contains(pool.range())), "the pool lies in the assumed RAM");
        assertTrue(cpu.ranges().stream().filter(m -> m.kind() == RangeKind.BAR).noneMatch(MappedRange::assumed));
        assertTrue(map.notes().stream().anyMatch(n -> n.startsWith("System RAM is not in the input: the ranges "
                + "marked assumed are the layout the answers use (16 GiB per node on 1 node, clear of every BAR")),
                map.notes()::toString);
        assertTrue(map.notes().stream().anyMatch(n -> n.startsWith("Host-bridge windows are not in the input")
                && n.contains("offset 0")), map.notes()::toString);
    }

    @Test
    void aMachineWithRamAndHostWindowsHasNoSuchNotes() throws IOException {
        AddressMap map = AddressMap.of(TopologyRules.of(broken()));
        assertTrue(map.notes().stream().noneMatch(n -> n.contains("not in the input")), map.notes()::toString);
        assertTrue(map.spaces().stream().flatMap(s -> s.ranges().stream()).noneMatch(MappedRange::assumed));
    }

    // ---- many problems stay few lines ---------------------------------------------------------

    @Test
    void aThousandCopiesOfOneBarGiveCappedProblemsAndFindings() throws IOException {
        Topology t = broken();
        List<PciFunction> fs = new ArrayList<>(t.functions());
        PciFunction template = t.function(Bdf.parse("0000:02:00.2")).orElseThrow();
        // VFs-like functions on buses 10-13 would need bridges; instead many functions on bus 02 (devices 1-31,
        // functions 0-7) with one BAR each at one address: every one overlaps the first.
        int n = 0;
        for (int dev = 1; dev < 32; dev++) {
            for (int fn = 0; fn < 8; fn++) {
                Bar bar = new Bar(0, Bar.Space.MEMORY, true, false, OptionalLong.of(0xc020_0000L),
                        OptionalLong.of(0x1_0000L));
                fs.add(template.toBuilder().address(Bdf.ofDevfn(0, 2, dev << 3 | fn)).bars(List.of(bar))
                        .multifunction(true).iommuGroup(OptionalInt.empty()).build());
                n++;
            }
        }
        AddressMap map = AddressMap.of(TopologyRules.of(t.withFunctions(fs)));
        int overlaps = map.counts().get(ProblemKind.OVERLAP);
        assertTrue(overlaps >= n, "each copy overlaps one other: " + overlaps);
        for (MappedRange r : map.withProblems()) {
            assertTrue(r.problems().size() <= MappedRange.PER_KIND + ProblemKind.values().length, r::toString);
        }
        List<String> findings = map.findings();
        long listed = findings.stream().filter(f -> f.contains("R-ADDR-2 overlap:") && !f.startsWith("…")).count();
        assertEquals(AddressMap.FINDINGS_PER_KIND, listed);
        assertTrue(findings.stream().anyMatch(f -> f.startsWith("… and ") && f.contains("more like it")),
                findings::toString);
    }

    private static Topology withHostBridge(Topology t, HostBridge hb) {
        return new Topology(t.name(), t.description(), t.source(), t.platform(), t.numaNodes(), List.of(hb),
                t.functions(), t.reports());
    }

    static Path brokenPath() {
        return Path.of("src/test/resources/org/dmascope/model/addresses", BROKEN);
    }
}
