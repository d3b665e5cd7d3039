package org.dmascope.model.topology;

import static org.dmascope.model.topology.TestMachines.NIC;
import static org.dmascope.model.topology.TestMachines.NIC_NAME;
import static org.dmascope.model.topology.TestMachines.ROOT_PORT;
import static org.dmascope.model.topology.TestMachines.ROOT_PORT_NAME;
import static org.dmascope.model.topology.TestMachines.add;
import static org.dmascope.model.topology.TestMachines.base;
import static org.dmascope.model.topology.TestMachines.edit;
import static org.dmascope.model.topology.TestMachines.hostBridge;
import static org.dmascope.model.topology.TestMachines.memBar;
import static org.dmascope.model.topology.TestMachines.nic;
import static org.dmascope.model.topology.TestMachines.port;
import static org.dmascope.model.topology.TestMachines.range;
import static org.dmascope.model.topology.TestMachines.state;
import static org.dmascope.model.topology.TestMachines.withHostBridges;
import static org.dmascope.model.topology.TestMachines.withNumaNodes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.dmascope.model.addresses.TopologyChecks;
import org.dmascope.model.report.Diagnostic;
import org.dmascope.model.report.Severity;
import org.dmascope.model.util.ByteSize;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * One test per validation rule: the clean test machine with exactly one thing changed gives exactly
 * one finding, of the right severity, about the right device, in a sentence that names the device. The checks are
 * the ones an import runs ({@link TopologyChecks}: this validator with the address map's R-ADDR-1).
 */
class TopologyValidatorTest {

    private static Diagnostic single(Topology t) {
        List<Diagnostic> ds = TopologyChecks.validate(t);
        assertEquals(1, ds.size(), () -> "expected exactly one finding, got:\n" + text(ds));
        return ds.get(0);
    }

    private static String text(List<Diagnostic> ds) {
        StringBuilder sb = new StringBuilder();
        for (Diagnostic d : ds) sb.append(d).append('\n');
        return sb.toString();
    }

    private static void assertFinding(Topology t, Severity severity, String subject, String name, String fragment) {
        Diagnostic d = single(t);
        assertEquals(severity, d.severity(), d::toString);
        assertEquals(Optional.of(subject), d.subject(), d::toString);
        assertTrue(d.message().startsWith(name + ": "), () -> "the message should name the device first: "
                + d.message());
        assertTrue(d.message().contains(fragment), () -> "expected \"" + fragment + "\" in: " + d.message());
    }

    private static void assertDeviceFinding(Topology t, Severity severity, Bdf device, String name, String fragment) {
        assertFinding(t, severity, device.toString(), name, fragment);
    }

    private static void assertClean(Topology t) {
        List<Diagnostic> ds = TopologyChecks.validate(t);
        assertTrue(ds.isEmpty(), () -> "expected no finding, got:\n" + text(ds));
    }

    @Test
    void theTestMachineIsClean() {
        assertClean(base());
    }

    @Test
    void aHostBridgeSubjectNamesTheBridgeWhateverItsIdHolds() {
        for (String id : List.of("pci0000:00", "a#2", "x:y#z", "")) {
            for (int n = 1; n <= 3; n++) {
                TopologyValidator.HostBridgeSubject s = new TopologyValidator.HostBridgeSubject(id, n);
                assertEquals(Optional.of(s), TopologyValidator.HostBridgeSubject.parse(s.toString()), s.toString());
            }
        }
        assertEquals("hostBridge:pci0000:00", new TopologyValidator.HostBridgeSubject("pci0000:00", 1).toString(),
                "the first keeps the subject it always had");
        for (String other : List.of("hostBridge#0:a", "hostBridge#x:a", "hostBridge#2", "0000:00:00.0", "platform")) {
            assertEquals(Optional.empty(), TopologyValidator.HostBridgeSubject.parse(other), other);
        }
    }

    @Nested
    class Addresses {
        @Test
        void duplicateAddressIsAnError() {
            Topology t = add(base(), nic(NIC).bars(List.of()).build());
            List<Diagnostic> ds = TopologyChecks.validate(t);
            assertTrue(ds.stream().anyMatch(d -> d.isError() && d.message().startsWith(NIC_NAME)
                    && d.message().contains("appears more than once")), () -> text(ds));
        }

        @Test
        void barOutsideTheBridgeWindowIsAWarning() {
            // Linux boots with it and reassigns the BAR (R-ADDR-1): the machine loads and the address map shows it.
            Topology t = edit(base(), NIC, b -> b.bars(List.of(memBar(0, false, 0xc010_0000L, 64 * ByteSize.KiB),
                    memBar(2, true, 0x40_0000_0000L, 4 * ByteSize.MiB))));
            assertDeviceFinding(t, Severity.WARNING, NIC, NIC_NAME,
                    "BAR 0 0xc0100000-0xc010ffff lies outside the memory window");
            assertDeviceFinding(t, Severity.WARNING, NIC, NIC_NAME, "can't claim; no compatible bridge window");
        }

        @Test
        void bridgeWindowOutsideEveryHostWindowIsAWarning() {
            Topology t = edit(base(), ROOT_PORT, b -> b.bridge(new Bridge(OptionalInt.of(0), 1, 1,
                    Optional.of(BridgeWindow.DISABLED),
                    Optional.of(range(0xc000_0000L, ByteSize.MiB)), Optional.of(range(0x50_0000_0000L,
                            4 * ByteSize.MiB)))));
            List<Diagnostic> ds = TopologyChecks.validate(t);
            assertTrue(ds.stream().anyMatch(d -> d.severity() == Severity.WARNING && d.message().startsWith(
                    ROOT_PORT_NAME + ": prefetchable window")
                    && d.message().contains("outside every memory window of host bridge pci0000:00")), () -> text(ds));
        }

        @Test
        void barOverlappingAnotherBarIsAWarning() {
            Topology t = edit(base(), NIC, b -> b.bars(List.of(memBar(0, false, 0xc000_0000L, 64 * ByteSize.KiB),
                    memBar(2, true, 0x40_0000_0000L, 4 * ByteSize.MiB))));
            Bdf other = Bdf.parse("0000:01:00.1");
            t = edit(t, NIC, b -> b.multifunction(true));
            t = add(t, nic(other).identity(TestMachines.named(0x15b3, 0x101d, 0x020000, "Second Port"))
                    .bars(List.of(memBar(0, false, 0xc000_8000L, 32 * ByteSize.KiB))).build());
            assertDeviceFinding(t, Severity.WARNING, other, "0000:01:00.1 (Second Port)",
                    "overlaps a BAR of 0000:01:00.0");
        }

        @Test
        void misalignedBarIsAWarning() {
            Topology t = edit(base(), NIC, b -> b.bars(List.of(memBar(0, false, 0xc000_8000L, 64 * ByteSize.KiB),
                    memBar(2, true, 0x40_0000_0000L, 4 * ByteSize.MiB))));
            assertDeviceFinding(t, Severity.WARNING, NIC, NIC_NAME, "is not aligned to its size 64KiB");
        }

        @Test
        void barSizeThatIsNotAPowerOfTwoIsAWarning() {
            Topology t = edit(base(), NIC, b -> b.bars(List.of(memBar(0, false, 0xc000_0000L, 48 * ByteSize.KiB),
                    memBar(2, true, 0x40_0000_0000L, 4 * ByteSize.MiB))));
            assertDeviceFinding(t, Severity.WARNING, NIC, NIC_NAME, "48KiB, which is not a power of two");
        }

        @Test
        void thirtyTwoBitBarAboveFourGigabytesIsAnError() {
            Topology t = edit(base(), NIC, b -> b.bars(List.of(memBar(0, false, 0xc000_0000L, 64 * ByteSize.KiB),
                    new Bar(2, Bar.Space.MEMORY, false, true, OptionalLong.of(0x40_0000_0000L),
                            OptionalLong.of(4 * ByteSize.MiB)))));
            assertDeviceFinding(t, Severity.ERROR, NIC, NIC_NAME, "BAR 2 is 32-bit but lies above 4 GiB");
        }

        @Test
        void thirtyTwoBitBarIsCheckedOnTheBusSideOfATranslatingHostWindow() {
            // arm64 style: CPU 0x6100_4000_0000 reaches bus 0x4000_0000, so a 32-bit BAR there is fine.
            long cpu = 0x6100_4000_0000L;
            Topology t = translated(cpu, 0x4000_0000L);
            assertClean(t);
            List<Diagnostic> ds = TopologyChecks.validate(translated(cpu, 0x1_4000_0000L));
            assertTrue(ds.stream().anyMatch(d -> d.isError() && d.subject().equals(Optional.of(NIC.toString()))
                    && d.message().startsWith(NIC_NAME
                            + ": BAR 0 is 32-bit but lies above 4 GiB (bus addresses 0x140000000-")),
                    () -> text(ds));
        }

        private Topology translated(long cpu, long bus) {
            Topology t = withHostBridges(base(), List.of(hostBridge("pci0000:00", 0, 0, 0, 0x7f, List.of(
                    new HostWindow(HostWindow.Kind.MEMORY, cpu, bus, ByteSize.GiB),
                    new HostWindow(HostWindow.Kind.MEMORY, 0x40_0000_0000L, 0x40_0000_0000L, 64 * ByteSize.GiB)))));
            t = edit(t, ROOT_PORT, b -> b.bridge(new Bridge(OptionalInt.of(0), 1, 1, Optional.of(BridgeWindow.DISABLED),
                    Optional.of(range(cpu, ByteSize.MiB)), Optional.of(range(0x40_0000_0000L, 4 * ByteSize.MiB)))));
            return edit(t, NIC, b -> b.bars(List.of(
                    new Bar(0, Bar.Space.MEMORY, false, false, OptionalLong.of(cpu),
                            OptionalLong.of(64 * ByteSize.KiB)),
                    memBar(2, true, 0x40_0000_0000L, 4 * ByteSize.MiB))));
        }

        @Test
        void nonPrefetchableWindowAboveFourGigabytesIsAnError() {
            Topology t = edit(base(), ROOT_PORT, b -> b.bridge(new Bridge(OptionalInt.of(0), 1, 1,
                    Optional.of(BridgeWindow.DISABLED),
                    Optional.of(range(0x40_0010_0000L, ByteSize.MiB)), Optional.of(range(0x40_0000_0000L,
                            4 * ByteSize.MiB)))));
            t = edit(t, NIC, b -> b.bars(List.of(memBar(0, false, 0x40_0010_0000L, 64 * ByteSize.KiB),
                    memBar(2, true, 0x40_0000_0000L, 4 * ByteSize.MiB))));
            assertDeviceFinding(t, Severity.ERROR, ROOT_PORT, ROOT_PORT_NAME,
                    "memory base and limit registers hold 32-bit addresses only");
        }

        @Test
        void bridgeWindowOffTheMegabyteGrainIsAWarning() {
            Topology t = edit(base(), ROOT_PORT, b -> b.bridge(new Bridge(OptionalInt.of(0), 1, 1,
                    Optional.of(BridgeWindow.DISABLED),
                    Optional.of(range(0xc000_0000L, 512 * ByteSize.KiB)), Optional.of(range(0x40_0000_0000L,
                            4 * ByteSize.MiB)))));
            assertDeviceFinding(t, Severity.WARNING, ROOT_PORT, ROOT_PORT_NAME,
                    "does not start and end on 1MiB boundaries");
        }

        @Test
        void siblingBridgeWindowsOverlappingIsAWarning() {
            Bdf second = Bdf.parse("0000:00:02.0");
            Topology t = add(base(), TestMachines.rootPort(second, "Second Root Port", 0x02, 0x02,
                    range(0xc000_0000L, ByteSize.MiB), BridgeWindow.DISABLED).build());
            assertDeviceFinding(t, Severity.WARNING, second, "0000:00:02.0 (Second Root Port)",
                    "memory window 0xc0000000-0xc00fffff overlaps the memory window 0xc0000000-0xc00fffff of "
                            + "0000:00:01.0 on the same bus");
        }

        @Test
        void barReachingPastTheEndOfTheAddressSpaceIsAnErrorNotACrash() {
            Topology t = edit(base(), NIC, b -> b.bars(List.of(memBar(0, false, 0xffff_ffff_ffff_0000L,
                    ByteSize.MiB))));
            List<Diagnostic> ds = TopologyChecks.validate(t);
            assertTrue(ds.stream().anyMatch(d -> d.isError() && d.message().startsWith(NIC_NAME + ": BAR 0: range at")),
                    () -> text(ds));
        }
    }

    @Nested
    class Buses {
        @Test
        void secondaryAboveSubordinateIsAnError() {
            Topology t = edit(base(), ROOT_PORT, b -> b.bridge(new Bridge(OptionalInt.of(0), 2, 1, Optional.empty(),
                    Optional.empty(), Optional.empty())));
            List<Diagnostic> ds = TopologyChecks.validate(t);
            assertTrue(ds.stream().anyMatch(d -> d.isError() && d.message().equals(ROOT_PORT_NAME
                    + ": secondary bus 02 is above its subordinate bus 01")), () -> text(ds));
        }

        @Test
        void siblingBridgesSharingBusNumbersIsAnError() {
            Bdf second = Bdf.parse("0000:00:02.0");
            Topology t = edit(base(), ROOT_PORT, b -> b.bridge(new Bridge(OptionalInt.of(0), 1, 3,
                    Optional.of(BridgeWindow.DISABLED),
                    Optional.of(range(0xc000_0000L, ByteSize.MiB)), Optional.of(range(0x40_0000_0000L,
                            4 * ByteSize.MiB)))));
            t = add(t, TestMachines.rootPort(second, "Second Root Port", 0x03, 0x03, BridgeWindow.DISABLED,
                    BridgeWindow.DISABLED).build());
            assertDeviceFinding(t, Severity.ERROR, second, "0000:00:02.0 (Second Root Port)",
                    "buses 03-03 overlap buses 01-03 of 0000:00:01.0");
        }

        @Test
        void busNobodyLeadsToIsAWarning() {
            Bdf lost = Bdf.parse("0000:05:00.0");
            Topology t = add(base(), nic(lost).identity(TestMachines.named(1, 2, 0x020000, "Lost NIC")).bars(List.of())
                    .build());
            assertDeviceFinding(t, Severity.WARNING, lost, "0000:05:00.0 (Lost NIC)",
                    "bus 05 is not reached by any bridge");
        }

        @Test
        void headerTypeZeroWithBusNumbersIsAnError() {
            Topology t = edit(base(), ROOT_PORT, b -> b.headerType(0));
            assertDeviceFinding(t, Severity.ERROR, ROOT_PORT, ROOT_PORT_NAME, "header type 0");
        }

        @Test
        void hostBridgesWithOverlappingBusRangesAreAnError() {
            HostBridge second = hostBridge("pci0000:40", 0, 0x40, 0x40, 0x9f, List.of());
            Topology t = withHostBridges(base(), List.of(base().hostBridges().get(0), second));
            assertFinding(t, Severity.ERROR, "hostBridge:pci0000:40", "host bridge pci0000:40",
                    "buses 40-9f overlap buses 00-7f of host bridge pci0000:00 in domain 0000");
        }

        @Test
        void hostBridgesInDifferentDomainsMayShareBusNumbers() {
            HostBridge second = hostBridge("pci0001:00", 1, 0x00, 0x00, 0xff, List.of());
            assertClean(withHostBridges(base(), List.of(base().hostBridges().get(0), second)));
        }
    }

    @Nested
    class HostBridgesAndMemory {
        @Test
        void windowsWhoseBusSidesOverlapAreAnError() {
            HostBridge hb = hostBridge("pci0000:00", 0, 0, 0, 0x7f, List.of(
                    new HostWindow(HostWindow.Kind.IO, 0x1000, 0x1000, 60 * ByteSize.KiB),
                    new HostWindow(HostWindow.Kind.MEMORY, 0xc000_0000L, 0xc000_0000L, 512 * ByteSize.MiB),
                    new HostWindow(HostWindow.Kind.MEMORY, 0x40_0000_0000L, 0x40_0000_0000L, 64 * ByteSize.GiB),
                    new HostWindow(HostWindow.Kind.MEMORY, 0x80_0000_0000L, 0xc000_0000L, 16 * ByteSize.MiB)));
            assertFinding(withHostBridges(base(), List.of(hb)), Severity.ERROR, "hostBridge:pci0000:00",
                    "host bridge pci0000:00",
                    "one bus address would stand for two CPU addresses");
        }

        @Test
        void windowPastTheEndOfTheAddressSpaceIsAnErrorNotACrash() {
            HostBridge hb = hostBridge("pci0000:00", 0, 0, 0, 0x7f, List.of(
                    new HostWindow(HostWindow.Kind.MEMORY, 0xffff_ffff_fff0_0000L, 0xffff_ffff_fff0_0000L,
                            16 * ByteSize.MiB)));
            List<Diagnostic> ds = TopologyChecks.validate(withHostBridges(base(), List.of(hb)));
            assertTrue(ds.stream().anyMatch(d -> d.isError() && d.subject().equals(Optional.of("hostBridge:pci0000:00"))
                    && d.message()
                            .equals("host bridge pci0000:00: a mem window at 0xfffffffffff00000 of size 16MiB runs "
                            + "past "
                    + "the end of the address space")), () -> text(ds));
        }

        @Test
        void overlappingDmaRangesAreAnError() {
            HostBridge b = base().hostBridges().get(0);
            HostBridge hb = new HostBridge(b.id(), 0, 0, b.busRange(), b.numaNode(), b.windows(), List.of(
                    new DmaRange(0x0, 0x8000_0000L, 2 * ByteSize.GiB),
                    new DmaRange(0x1_0000_0000L, 0xc000_0000L, ByteSize.GiB)), Provenance.NONE);
            assertFinding(withHostBridges(base(), List.of(hb)), Severity.ERROR, "hostBridge:pci0000:00",
                    "host bridge pci0000:00",
                    "DMA range with bus addresses 0xc0000000-0xffffffff overlaps the DMA range with bus addresses "
                            + "0x80000000-0xffffffff");
        }

        @Test
        void hostBridgeOnAnUnlistedNumaNodeIsAWarning() {
            HostBridge b = base().hostBridges().get(0);
            HostBridge hb = new HostBridge(b.id(), 0, 0, b.busRange(), OptionalInt.of(3), b.windows(), List.of(),
                    Provenance.NONE);
            Topology t = withHostBridges(base(), List.of(hb));
            List<Diagnostic> ds = TopologyChecks.validate(t);
            assertTrue(ds.stream().anyMatch(d -> d.severity() == Severity.WARNING && d.subject()
                    .equals(Optional.of("hostBridge:pci0000:00"))
                    && d.message()
                            .equals("host bridge pci0000:00: is on NUMA node 3, which the topology does not list")),
                            () -> text(ds));
        }

        @Test
        void ramOverlappingAnMmioWindowIsAnError() {
            NumaNode n = new NumaNode(0, OptionalInt.empty(), Optional.empty(), List.of(AddressRange.ofSize(0,
                    4 * ByteSize.GiB)));
            Topology t = withNumaNodes(base(), List.of(n));
            Diagnostic d = single(t);
            assertEquals(Severity.ERROR, d.severity());
            assertEquals(Optional.of("numaNode:0"), d.subject());
            assertTrue(d.message().startsWith("NUMA node 0: System RAM 0x0-0xffffffff overlaps MMIO window"),
                    d::toString);
        }

        @Test
        void deviceOnAnotherNodeThanItsHostBridgeIsAWarning() {
            NumaNode n1 = new NumaNode(1, OptionalInt.of(1), Optional.empty(),
                    List.of(AddressRange.ofSize(0x4_8000_0000L, ByteSize.GiB)));
            List<NumaNode> nodes = new ArrayList<>(base().numaNodes());
            nodes.add(n1);
            Topology t = edit(withNumaNodes(base(), nodes), NIC, b -> b.numaNode(OptionalInt.of(1)));
            assertDeviceFinding(t, Severity.WARNING, NIC, NIC_NAME,
                    "reports NUMA node 1 but its host bridge pci0000:00 is on node 0");
        }

        @Test
        void deviceOnAnUnlistedNodeIsAWarning() {
            Topology t = edit(base(), NIC, b -> b.numaNode(OptionalInt.of(9)));
            List<Diagnostic> ds = TopologyChecks.validate(t);
            assertTrue(ds.stream().anyMatch(d -> d.message().equals(NIC_NAME
                    + ": is on NUMA node 9, which the topology does not list")),
                    () -> text(ds));
        }
    }

    @Nested
    class PlatformRules {
        private Topology with(Platform p) {
            return base().withPlatform(p);
        }

        @Test
        void intelIommuOnArm64IsAWarning() {
            Platform p = base().platform();
            Topology t = with(new Platform(Optional.of(Platform.Architecture.ARM64), Platform.Cpu.UNKNOWN, p.iommu(),
                    p.swiotlb(),
                    p.memoryEncryption(), p.kernelCommandLine()));
            assertFinding(t, Severity.WARNING, "platform", "platform",
                    "vtd exists only on x86, but the architecture is arm64");
        }

        @Test
        void iommuDriverOfTheOtherCpuVendorIsAWarning() {
            Platform p = base().platform();
            Topology t = with(p.withCpu(new Platform.Cpu(Optional.of(Platform.CpuVendor.AMD), OptionalInt.of(0x19),
                    Optional.empty())));
            assertFinding(t, Severity.WARNING, "platform", "platform", "vtd does not match the CPU vendor amd");
        }

        @Test
        void pageTableOfAnotherIommuIsAWarning() {
            Platform.Iommu i = base().platform().iommu();
            Topology t = with(base().platform().withIommu(new Platform.Iommu(i.driver(), i.defaultDomain(), i.strict(),
                    i.addressWidth(), Optional.of(Platform.PageTableFormat.ARM_64_LPAE_S1), i.granule())));
            assertFinding(t, Severity.WARNING, "platform", "platform",
                    "arm-lpae-s1 belongs to the smmuv3 driver, not to vtd");
        }

        @Test
        void amdIommuFeaturesOnAnotherIommuAreAWarning() {
            Platform.Iommu i = base().platform().iommu();
            Topology t = with(base().platform().withIommu(i.withAmd(OptionalLong.of(0x12), Optional.empty())));
            assertFinding(t, Severity.WARNING, "platform", "platform",
                    "the AMD IOMMU's EFR or SNP state is given, but the IOMMU driver is vtd");
        }

        @Test
        void lazyDomainTypeWithStrictIsAWarning() {
            Platform.Iommu i = base().platform().iommu();
            Topology t = with(base().platform().withIommu(new Platform.Iommu(i.driver(), i.defaultDomain(),
                    Optional.of(true),
                    i.addressWidth(), i.pageTableFormat(), i.granule())));
            assertFinding(t, Severity.WARNING, "platform", "platform", "DMA-FQ");
        }

        @Test
        void noIommuWithADomainTypeIsAWarning() {
            Topology t = with(base().platform().withIommu(new Platform.Iommu(Optional.of(Platform.IommuDriver.NONE),
                    Optional.of(Platform.DomainType.DMA), Optional.empty(), OptionalInt.empty(), Optional.empty(),
                            OptionalLong.empty())));
            assertFinding(t, Severity.WARNING, "platform", "platform", "there is no IOMMU");
        }

        @Test
        void swiotlbOutsideRamIsAWarning() {
            Platform p = base().platform();
            Topology t = with(new Platform(p.architecture(), p.cpu(), p.iommu(),
                    new Platform.Swiotlb(OptionalLong.of(0xc000_0000L), OptionalLong.of(64 * ByteSize.MiB),
                            Optional.of(false)),
                    p.memoryEncryption(), p.kernelCommandLine()));
            assertFinding(t, Severity.WARNING, "platform", "platform",
                    "swiotlb pool 0xc0000000-0xc3ffffff does not lie inside the System RAM");
        }
    }

    /** The test machine with room for one more bus below the root port, so the NIC can be made a bridge. */
    private static Topology roomBelow() {
        return edit(base(), ROOT_PORT, b -> b.bridge(new Bridge(OptionalInt.of(0), 1, 3,
                Optional.of(BridgeWindow.DISABLED),
                Optional.of(range(0xc000_0000L, ByteSize.MiB)), Optional.of(range(0x40_0000_0000L,
                        4 * ByteSize.MiB)))));
    }

    @Nested
    class PortTypes {
        @Test
        void downstreamPortBelowARootPortIsAWarning() {
            Topology t = edit(roomBelow(), NIC, b -> b.portType(PortType.SWITCH_DOWNSTREAM).headerType(1)
                    .bars(List.of())
                    .bridge(new Bridge(OptionalInt.of(1), 2, 2, Optional.empty(), Optional.empty(), Optional.empty())));
            assertDeviceFinding(t, Severity.WARNING, NIC, NIC_NAME, "the kernel takes it for an upstream port");
        }

        @Test
        void upstreamPortBelowAnUpstreamPortIsAWarning() {
            Topology t = edit(roomBelow(), NIC, b -> b.portType(PortType.SWITCH_UPSTREAM).headerType(1).bars(List.of())
                    .bridge(new Bridge(OptionalInt.of(1), 2, 2, Optional.empty(), Optional.empty(), Optional.empty())));
            Bdf below = Bdf.parse("0000:02:00.0");
            t = add(t, port(below, "Second Upstream", PortType.SWITCH_UPSTREAM, 3, 3, BridgeWindow.DISABLED,
                    BridgeWindow.DISABLED).build());
            List<Diagnostic> ds = TopologyChecks.validate(t);
            assertTrue(ds.stream().anyMatch(d -> d.severity() == Severity.WARNING && d.subject()
                    .equals(Optional.of(below.toString()))
                    && d.message()
                            .startsWith("0000:02:00.0 (Second Upstream): is a Switch Upstream Port below "
                            + "0000:01:00.0 (Test NIC)")
                    && d.message().contains("the kernel takes it for a downstream port")), () -> text(ds));
        }

        @Test
        void switchPortOnARootBusIsAWarning() {
            Topology t = edit(base(), ROOT_PORT, b -> b.portType(PortType.SWITCH_DOWNSTREAM));
            assertDeviceFinding(t, Severity.WARNING, ROOT_PORT, ROOT_PORT_NAME,
                    "sits on root bus 00; switch ports sit below a root port");
        }

        @Test
        void rootPortBelowABridgeIsAWarning() {
            Topology t = edit(roomBelow(), NIC, b -> b.portType(PortType.ROOT_PORT).headerType(1).bars(List.of())
                    .bridge(new Bridge(OptionalInt.of(1), 2, 2, Optional.empty(), Optional.empty(), Optional.empty())));
            assertDeviceFinding(t, Severity.WARNING, NIC, NIC_NAME, "it belongs on a root bus");
        }

        @Test
        void endpointBelowPcieToPciBridgeIsAWarning() {
            Topology t = edit(base(), ROOT_PORT, b -> b.portType(PortType.PCIE_TO_PCI_BRIDGE));
            assertDeviceFinding(t, Severity.WARNING, NIC, NIC_NAME, "whose secondary bus is conventional PCI");
        }

        @Test
        void endpointOnASwitchsInternalBusIsAWarning() {
            Topology t = edit(base(), ROOT_PORT, b -> b.portType(PortType.SWITCH_UPSTREAM)
                    .bridge(new Bridge(OptionalInt.of(0), 1, 1, Optional.of(BridgeWindow.DISABLED),
                            Optional.of(range(0xc000_0000L, ByteSize.MiB)), Optional.of(range(0x40_0000_0000L,
                                    4 * ByteSize.MiB)))));
            List<Diagnostic> ds = TopologyChecks.validate(t);
            assertTrue(ds.stream().anyMatch(d -> d.severity() == Severity.WARNING && d.subject()
                    .equals(Optional.of(NIC.toString()))
                    && d.message().startsWith(NIC_NAME + ": is an Endpoint below " + ROOT_PORT_NAME
                            + ", a Switch Upstream Port; "
                    + "only downstream ports sit on a switch's internal bus")), () -> text(ds));
        }

        @Test
        void endpointWithBridgeInformationIsAWarning() {
            Topology t = edit(roomBelow(), NIC, b -> b.headerType(OptionalInt.empty()).bars(List.of())
                    .bridge(new Bridge(OptionalInt.of(1), 2, 2, Optional.empty(), Optional.empty(), Optional.empty())));
            assertDeviceFinding(t, Severity.WARNING, NIC, NIC_NAME, "is an Endpoint but has bridge bus numbers");
        }

        @Test
        void conventionalFunctionWithALinkIsAWarning() {
            Topology t = edit(base(), NIC, b -> b.portType(PortType.CONVENTIONAL_PCI).link(Optional.empty())
                    .acs(Acs.of(1, 1)));
            assertDeviceFinding(t, Severity.WARNING, NIC, NIC_NAME, "ACS capability");
        }
    }

    @Nested
    class Links {
        @Test
        void statusWiderThanCapabilityIsAWarning() {
            Topology t = edit(base(), ROOT_PORT, b -> b.link(Link.of(state("16GT/s x8"), state("16GT/s x16"))));
            assertDeviceFinding(t, Severity.WARNING, ROOT_PORT, ROOT_PORT_NAME, "wider than the x8 it is capable of");
        }

        @Test
        void statusFasterThanCapabilityIsAWarning() {
            Topology t = edit(base(), NIC, b -> b.link(Link.of(state("8GT/s x16"), state("16GT/s x16"))));
            List<Diagnostic> ds = TopologyChecks.validate(t);
            assertEquals(1, ds.size(), () -> text(ds));
            assertTrue(ds.get(0).message().equals(NIC_NAME
                    + ": the link trained to 16GT/s x16, faster than the 8GT/s it is "
                    + "capable of (8GT/s x16)"), () -> text(ds));
        }

        @Test
        void endsOfOneLinkThatDisagreeAreAWarning() {
            Topology t = edit(base(), NIC, b -> b.link(Link.of(state("16GT/s x16"), state("8GT/s x16"))));
            assertDeviceFinding(t, Severity.WARNING, NIC, NIC_NAME, "but the port above, " + ROOT_PORT_NAME
                    + ", reports 16GT/s x16");
        }
    }

    @Nested
    class UntrustedDevices {
        @Test
        void untrustedWithoutAnExternalFacingPortIsAWarning() {
            Topology t = edit(base(), NIC, b -> b.untrusted(Optional.of(true)));
            assertDeviceFinding(t, Severity.WARNING, NIC, NIC_NAME, "no port above it is external-facing");
        }

        @Test
        void trustedBelowAnExternalFacingPortIsAWarning() {
            Topology t = edit(base(), ROOT_PORT, b -> b.externalFacing(Optional.of(true)));
            t = edit(t, NIC, b -> b.untrusted(Optional.of(false)));
            assertDeviceFinding(t, Severity.WARNING, NIC, NIC_NAME, "sits below the external-facing port "
                    + ROOT_PORT_NAME);
        }

        @Test
        void untrustedBelowAnExternalFacingRootPortIsClean() {
            Topology t = edit(base(), ROOT_PORT, b -> b.externalFacing(Optional.of(true)));
            assertClean(edit(t, NIC, b -> b.untrusted(Optional.of(true))));
        }

        @Test
        void externalFacingEndpointIsAWarning() {
            Topology t = edit(base(), NIC, b -> b.externalFacing(Optional.of(true)));
            assertDeviceFinding(t, Severity.WARNING, NIC, NIC_NAME, "firmware marks only root ports so");
        }
    }

    @Nested
    class VirtualFunctions {
        private final Bdf vf1 = Bdf.parse("0000:01:00.2");

        private Topology withVf(Bdf vf, int numVfs) {
            Topology t = edit(base(), NIC, b -> b.sriov(Optional.of(new Sriov(8, numVfs, 2, 1,
                    OptionalInt.of(0x101e)))));
            return add(t, PciFunction.builder(vf).identity(TestMachines.named(0x15b3, 0x101e, 0x020000, "Test VF"))
                    .portType(PortType.ENDPOINT).headerType(0).physicalFunction(Optional.of(NIC)).build());
        }

        @Test
        void vfAtItsRoutingIdIsClean() {
            assertClean(withVf(vf1, 2));
        }

        @Test
        void vfOffItsRoutingIdIsAWarning() {
            Bdf wrong = Bdf.parse("0000:01:01.0");
            assertDeviceFinding(withVf(wrong, 2), Severity.WARNING, wrong, "0000:01:01.0 (Test VF)",
                    "with First VF Offset 2 and VF Stride 1 its VFs sit at 0000:01:00.2, 0000:01:00.3");
        }

        @Test
        void vfInAnotherDomainThanItsPfIsAWarning() {
            Bdf elsewhere = Bdf.parse("0001:01:00.2");
            Topology t = withVf(elsewhere, 2);
            List<Diagnostic> ds = TopologyChecks.validate(t);
            assertTrue(ds.stream().anyMatch(d -> d.severity() == Severity.WARNING && d.subject()
                    .equals(Optional.of(elsewhere.toString()))
                    && d.message()
                            .equals("0001:01:00.2 (Test VF): is a virtual function of 0000:01:00.0 but sits in "
                            + "another PCI "
                    + "domain; VFs share their PF's domain")), () -> text(ds));
        }

        @Test
        void moreVfsThanEnabledIsAWarning() {
            Topology t = withVf(vf1, 1);
            t = add(t, PciFunction.builder(Bdf.parse("0000:01:00.3")).identity(TestMachines.named(0x15b3, 0x101e,
                    0x020000, "Test VF"))
                    .portType(PortType.ENDPOINT).headerType(0).physicalFunction(Optional.of(NIC)).build());
            List<Diagnostic> ds = TopologyChecks.validate(t);
            assertTrue(ds.stream().anyMatch(d -> d.subject().equals(Optional.of(NIC.toString()))
                    && d.message().equals(NIC_NAME
                            + ": has 2 virtual functions in the topology but only 1 enabled (NumVFs)")),
                            () -> text(ds));
        }

        @Test
        void aPfShowingItsCapabilitiesButNoSriovIsAWarningOneShowingNoneIsNot() {
            Topology t = add(edit(base(), NIC, b -> b.sriov(Optional.empty()).acs(Optional.of(Acs.ABSENT))),
                    PciFunction.builder(vf1).identity(TestMachines.named(0x15b3, 0x101e, 0x020000, "Test VF"))
                            .portType(PortType.ENDPOINT).physicalFunction(Optional.of(NIC)).build());
            assertDeviceFinding(t, Severity.WARNING, vf1, "0000:01:00.2 (Test VF)", "which shows no SR-IOV capability");
            Topology unknown = t.withFunction(NIC, f -> f.toBuilder().acs(Optional.empty()).build());
            assertTrue(TopologyChecks.validate(unknown).stream().noneMatch(d -> d.message().contains(
                    "shows no SR-IOV capability")), "a PF the input shows no extended capability of may have one");
        }

        @Test
        void vfWithoutItsPfIsAnError() {
            Topology t = add(base(), PciFunction.builder(vf1).identity(TestMachines.named(0x15b3, 0x101e, 0x020000,
                    "Test VF"))
                    .physicalFunction(Optional.of(Bdf.parse("0000:01:00.1"))).build());
            assertDeviceFinding(t, Severity.ERROR, vf1, "0000:01:00.2 (Test VF)", "which is not in the topology");
        }
    }

    @Nested
    class P2pMemoryAndDma {
        @Test
        void p2pMemoryWithoutMemoryBarsIsAnError() {
            Topology t = edit(base(), NIC, b -> b.bars(List.of()).p2pMemory(List.of(new P2pMemory(2, 0, ByteSize.MiB,
                    true))));
            assertDeviceFinding(t, Severity.ERROR, NIC, NIC_NAME, "has P2P memory but no memory BAR");
        }

        @Test
        void p2pMemoryOnAMissingBarIsAnError() {
            Topology t = edit(base(), NIC, b -> b.p2pMemory(List.of(new P2pMemory(4, 0, ByteSize.MiB, true))));
            assertDeviceFinding(t, Severity.ERROR, NIC, NIC_NAME, "names BAR 4, which the device does not have");
        }

        @Test
        void p2pMemoryPastTheEndOfItsBarIsAnError() {
            Topology t = edit(base(), NIC, b -> b.p2pMemory(List.of(new P2pMemory(2, 2 * ByteSize.MiB, 4 * ByteSize.MiB,
                    true))));
            assertDeviceFinding(t, Severity.ERROR, NIC, NIC_NAME, "runs past the end of BAR 2 (4MiB)");
        }

        @Test
        void dmaMaskOfTheWrongShapeIsAWarning() {
            Topology t = edit(base(), NIC, b -> b.dma(new DmaParameters(OptionalInt.of(64), OptionalLong.empty(),
                    OptionalLong.of(0xffff_0000L), OptionalLong.empty())));
            assertDeviceFinding(t, Severity.WARNING, NIC, NIC_NAME,
                    "segment boundary mask 0xffff0000 is not of the form 2^n - 1");
        }
    }

    @Test
    void aPhysicalFunctionBelowItsOwnVirtualFunctionsBusEndsInFindingsNotALoop() {
        // VF 07:00.1 opens virtual bus 07 below its PF 05:00.0, whose bus 05 hangs below bridge 07:00.2 on bus 07.
        Topology t = add(base(),
                PciFunction.builder(Bdf.parse("0000:05:00.0")).identity(TestMachines.named(1, 2, 0x020000, "Looped PF"))
                        .sriov(Optional.of(new Sriov(4, 4, 0x201, 1, OptionalInt.empty()))).build(),
                PciFunction.builder(Bdf.parse("0000:07:00.1")).identity(TestMachines.named(1, 3, 0x020000, "Looped VF"))
                        .physicalFunction(Optional.of(Bdf.parse("0000:05:00.0"))).build(),
                PciFunction.builder(Bdf.parse("0000:07:00.2")).identity(TestMachines.named(1, 4, 0x060400,
                        "Looped Bridge"))
                        .headerType(1).bridge(new Bridge(OptionalInt.empty(), 5, 5, Optional.empty(), Optional.empty(),
                                Optional.empty()))
                        .build());
        List<Diagnostic> ds = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                java.time.Duration.ofSeconds(10),
                () -> TopologyChecks.validate(t));
        assertTrue(ds.stream().anyMatch(d -> d.message().startsWith("0000:07:00.2 (Looped Bridge)")), () -> text(ds));
    }

    @Test
    void multifunctionBitClearWithMoreFunctionsIsAWarning() {
        Bdf other = Bdf.parse("0000:01:00.1");
        Topology t = add(base(), nic(other).identity(TestMachines.named(0x15b3, 0x101d, 0x020000,
                "Second Port")).bars(List.of()).build());
        assertDeviceFinding(t, Severity.WARNING, NIC, NIC_NAME, "multifunction bit is clear");
    }
}
