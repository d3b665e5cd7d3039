package org.dmascope.model.edit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.dmascope.model.diff.TopologyDiff;
import org.dmascope.model.diff.TopologyDiffer;
import org.dmascope.model.io.LoadResult;
import org.dmascope.model.io.SampleCatalog;
import org.dmascope.model.io.TopologyFiles;
import org.dmascope.model.io.TopologyJsonWriter;
import org.dmascope.model.kernel.TopologyRules;
import org.dmascope.model.kernel.p2p.P2pMapType;
import org.dmascope.model.topology.Acs;
import org.dmascope.model.topology.Bar;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.DmaParameters;
import org.dmascope.model.topology.LinkSpeed;
import org.dmascope.model.topology.LinkState;
import org.dmascope.model.topology.P2pMemory;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.PortType;
import org.dmascope.model.topology.Topology;
import org.junit.jupiter.api.Test;

/**
 * The what-if edits on the default sample (a PEX88096 switch below root port 00:01.0 with two T4s, a NoLoad CMB
 * and a ConnectX-6 Dx NIC; root port 00:03.0 with the boot NVMe drive), the done-when case among them.
 */
class TopologyEditsTest {
    private static final Bdf NIC = Bdf.parse("0000:06:00.0");
    private static final Bdf NVME = Bdf.parse("0000:07:00.0");
    private static final Bdf ROOT_A = Bdf.parse("0000:00:01.0");
    private static final Bdf ROOT_C = Bdf.parse("0000:00:03.0");
    private static final Bdf SWITCH_UP = Bdf.parse("0000:01:00.0");
    private static final Bdf PORT_NIC = Bdf.parse("0000:02:03.0");
    private static final Bdf CMB = Bdf.parse("0000:05:00.0");
    private static final Bdf GPU = Bdf.parse("0000:03:00.0");

    private final Topology sample = SampleCatalog.loadDefault();

    private static Topology applied(EditResult r) {
        return assertInstanceOf(EditResult.Applied.class, r, () -> r.toString()).topology();
    }

    private static String refused(EditResult r) {
        return assertInstanceOf(EditResult.Refused.class, r, () -> r.toString()).reason();
    }

    /** The other root port holds the NVMe drive: the NIC moves there once the drive is out. */
    private Topology nicOnRootPortC() {
        Topology t = applied(new RemoveDevice(NVME).apply(sample));
        return applied(new MoveDevice(NIC, ROOT_C).apply(t));
    }

    @Test
    void movingTheNicToTheOtherRootPortChangesItsP2pVerdictAndItsGroupAndTheDiffSaysExactlyThat() {
        Topology edited = nicOnRootPortC();
        Bdf nicNow = Bdf.parse("0000:07:00.0");
        TopologyRules before = TopologyRules.of(sample);
        TopologyRules after = TopologyRules.of(edited);

        assertEquals(P2pMapType.BUS_ADDR, before.p2p(CMB, NIC).mapType(), "switch-local before");
        assertEquals(P2pMapType.THRU_HOST_BRIDGE, after.p2p(CMB, nicNow).mapType(), "through the root complex after");
        Map<Bdf, Integer> ga = before.groups().assignment();
        Map<Bdf, Integer> gb = after.groups().assignment();
        assertEquals(ga.get(PORT_NIC), ga.get(NIC), "the NIC shares its group with its switch port before");
        assertNotEquals(gb.get(PORT_NIC), gb.get(nicNow), "and has a group of its own after");

        TopologyDiff d = TopologyDiffer.compare(before, after);
        assertEquals(List.of(NVME), d.removed());
        assertEquals(List.of(), d.added());
        assertEquals(1, d.moved().size());
        assertEquals(NIC, d.moved().get(0).before());
        assertEquals(nicNow, d.moved().get(0).after());
        assertEquals(List.of("bars", "link.status"), d.moved().get(0).fields().stream()
                .map(TopologyDiff.FieldChange::field).toList(), "its BAR is assigned afresh, its link trains to x4");
        assertEquals("16GT/s x4", d.moved().get(0).fields().get(1).after());
        assertEquals(List.of(PORT_NIC), d.changed().stream().map(TopologyDiff.FunctionChange::address).toList());
        assertEquals("16GT/s x0", d.changed().get(0).fields().get(0).after(), "the emptied port's link is down");
        assertEquals(1, d.groups().size());
        TopologyDiff.GroupChange split = d.groups().get(0);
        assertEquals(TopologyDiff.GroupChange.Kind.SPLIT, split.kind());
        assertEquals(List.of(List.of(PORT_NIC), List.of(nicNow)), split.after());
        List<String> cells = d.cells().stream().map(c -> c.provider().shortText() + ">" + c.client().shortText())
                .toList();
        assertEquals(List.of("03:00.0>07:00.0", "04:00.0>07:00.0", "05:00.0>07:00.0", "07:00.0>03:00.0",
                "07:00.0>04:00.0", "07:00.0>05:00.0"), cells, "every cell with the NIC, and only those");
        assertTrue(d.cells().stream().allMatch(c -> c.beforeType() == P2pMapType.BUS_ADDR
                && c.afterType() == P2pMapType.THRU_HOST_BRIDGE));
    }

    @Test
    void theEditsAreNamedAndMarkedInTheProvenanceAndSurviveSaving() throws java.io.IOException {
        Topology edited = nicOnRootPortC();
        assertEquals(List.of("Remove 07:00.0", "Move 06:00.0 to 00:03.0"), edited.edits());
        PciFunction nic = edited.function(Bdf.parse("0000:07:00.0")).orElseThrow();
        assertEquals("what-if edit: Move 06:00.0 to 00:03.0", nic.provenance().of("address").orElseThrow().file());

        String json = TopologyJsonWriter.write(edited);
        assertTrue(json.contains("\"edits\": [\"Remove 07:00.0\", \"Move 06:00.0 to 00:03.0\"]"), json);
        LoadResult back = TopologyFiles.load(new java.io.ByteArrayInputStream(json.getBytes(
                java.nio.charset.StandardCharsets.UTF_8)), "edited.json");
        assertTrue(back.ok(), () -> back.report().toString());
        assertEquals(edited, back.topology().orElseThrow(), "edits and their provenance read back as written");
    }

    @Test
    void impossibleMovesAreRefusedWithTheReason() {
        assertEquals("00:03.0 already holds 07:00.0: a PCIe port links to one device (move or remove 07:00.0 first)",
                refused(new MoveDevice(NIC, ROOT_C).apply(sample)));
        assertTrue(refused(new MoveDevice(ROOT_A, ROOT_C).apply(sample)).contains("is a root port"));
        assertTrue(refused(new MoveDevice(SWITCH_UP, PORT_NIC).apply(sample)).contains("cannot move under itself"));
        assertTrue(refused(new MoveDevice(PORT_NIC, ROOT_C).apply(sample)).contains("downstream port of the switch"));
        assertTrue(refused(new MoveDevice(NIC, GPU).apply(sample)).contains("not a port or bridge"));
        assertTrue(refused(new MoveDevice(NIC, PORT_NIC).apply(sample)).contains("already below"));
        assertTrue(refused(new RemoveDevice(ROOT_C).apply(sample)).contains("root port"));
    }

    @Test
    void anErrorTheInputAlreadyHadDoesNotRefuseAnEditThatRenumbersItsDevice() {
        // A broken input: the NIC offers P2P memory but has only an I/O BAR (an error the validator names it by).
        PciFunction nic = sample.function(NIC).orElseThrow();
        PciFunction broken = nic.toBuilder().bars(List.of(new Bar(0, Bar.Space.IO, false, false,
                OptionalLong.empty(), OptionalLong.of(256)))).p2pMemory(List.of(new P2pMemory(0, 0, 256, false)))
                .build();
        List<PciFunction> fs = new ArrayList<>(sample.functions());
        fs.set(fs.indexOf(nic), broken);
        Topology t = applied(new RemoveDevice(NVME).apply(sample.withFunctions(fs)));
        // Moving renumbers it 06:00.0 → 07:00.0: the same error, about the same device, with another address.
        Topology moved = applied(new MoveDevice(NIC, ROOT_C).apply(t));
        assertTrue(moved.function(Bdf.parse("0000:07:00.0")).orElseThrow().p2pMemory().size() == 1);
        // A new error is still refused: a second function with P2P memory and no memory BAR.
        PciFunction gpu = t.function(GPU).orElseThrow();
        String reason = refused(Edits.finish(t, Edits.replace(t, List.of(gpu.toBuilder().bars(List.of())
                .p2pMemory(List.of(new P2pMemory(0, 0, 256, false))).build())), "Break 03:00.0", Optional.empty()));
        assertTrue(reason.startsWith("the machine would be invalid: 0000:03:00.0"), reason);
        assertTrue(reason.contains("has P2P memory but no memory BAR"), reason);
    }

    @Test
    void movingTheWholeSwitchTakesItsCardsAndNumbersTheirBusesDepthFirst() {
        Topology t = applied(new RemoveDevice(NVME).apply(sample));
        Topology moved = applied(new MoveDevice(SWITCH_UP, ROOT_C).apply(t));
        PciFunction rootC = moved.function(ROOT_C).orElseThrow();
        assertEquals(7, rootC.bridge().orElseThrow().secondary());
        // Five more buses than 00:03.0 spanned (07 only): it now spans 07-0c.
        assertEquals(0x0C, rootC.bridge().orElseThrow().subordinate());
        PciFunction up = moved.function(Bdf.parse("0000:07:00.0")).orElseThrow();
        assertEquals(PortType.SWITCH_UPSTREAM, up.portType().orElseThrow());
        assertEquals(List.of(8, 0x0C), List.of(up.bridge().get().secondary(), up.bridge().get().subordinate()));
        assertEquals("NoLoad Hardware Development Kit", moved.function(Bdf.parse("0000:0b:00.0")).orElseThrow()
                .identity().deviceName().orElseThrow(), "the NoLoad keeps its place among the ports");
        assertEquals(1 + 1 + 1, moved.functions().stream().filter(f -> f.address().bus() == 0).count());
        assertEquals(0, moved.functions().stream().filter(f -> f.address().bus() >= 1 && f.address().bus() <= 6)
                .count(), "the old buses are empty");
    }

    @Test
    void addingASwitchBelowAPortPutsTheCardBelowItsFirstDownstreamPortAndGrowsTheRange() {
        Topology t = applied(new AddSwitch(ROOT_C, 2).apply(sample));
        PciFunction nvme = t.functions().stream().filter(f -> f.identity().deviceName().orElse("").contains("NVMe"))
                .findFirst().orElseThrow();
        assertEquals(Bdf.parse("0000:09:00.0"), nvme.address());
        List<PciFunction> path = t.hierarchy().pathToRoot(nvme);
        assertEquals(List.of("09:00.0", "08:00.0", "07:00.0", "00:03.0"), path.stream()
                .map(f -> f.address().shortText()).toList());
        Acs acs = t.function(Bdf.parse("0000:08:01.0")).orElseThrow().acs().orElseThrow();
        assertEquals(OptionalInt.empty(), acs.control(), "the kernel's rules decide the new ports' ACS control");
        TopologyRules rules = TopologyRules.of(t);
        assertNotEquals(null, rules.groups().assignment().get(nvme.address()));
        assertTrue(refused(new AddSwitch(GPU, 2).apply(sample)).contains("not a root port"));
    }

    @Test
    void aSwitchPortsAcsControlWithRedirectSplitsTheSwitchGroupsAndChangesTheP2pVerdict() {
        Topology t = applied(new SetAcsControl(PORT_NIC, Acs.SV | Acs.RR | Acs.CR | Acs.UF).apply(sample));
        assertEquals("ACS of 02:03.0: SV|RR|CR|UF", t.edits().get(0));
        TopologyRules rules = TopologyRules.of(t);
        assertNotEquals(P2pMapType.BUS_ADDR, rules.p2p(CMB, NIC).mapType(), "RR sends the NIC's requests upstream");
        assertTrue(refused(new SetAcsControl(PORT_NIC, Acs.EC).apply(sample)).contains("does not implement EC"));
        assertTrue(refused(new SetAcsControl(SWITCH_UP, Acs.SV).apply(sample)).contains("no ACS capability"));
    }

    @Test
    void linkTrustAndDmaEdits() {
        Topology t = applied(new SetLinkStatus(ROOT_C, new LinkState(LinkSpeed.fromText("8GT/s").orElseThrow(), 2))
                .apply(sample));
        assertEquals("8GT/s x2", t.function(NVME).orElseThrow().link().orElseThrow().status().orElseThrow()
                .toString(), "both ends of the link");
        assertTrue(refused(new SetLinkStatus(NVME, new LinkState(LinkSpeed.fromText("16GT/s").orElseThrow(), 16))
                .apply(sample)).contains("beyond what"));

        Topology ext = applied(new SetTrust(ROOT_C, SetTrust.Mark.EXTERNAL_FACING, true).apply(sample));
        assertEquals(Optional.of(true), ext.function(ROOT_C).orElseThrow().externalFacing());
        assertTrue(refused(new SetTrust(NVME, SetTrust.Mark.EXTERNAL_FACING, true).apply(sample))
                .contains("not a port"));

        DmaParameters p32 = new DmaParameters(OptionalInt.of(32), OptionalLong.empty(), OptionalLong.empty(),
                OptionalLong.empty());
        Topology dma = applied(new SetDmaParameters(GPU, p32).apply(sample));
        assertEquals(OptionalInt.of(32), dma.function(GPU).orElseThrow().dma().maskBits());
        assertEquals("DMA of 03:00.0: 32-bit mask", dma.edits().get(0));
        assertTrue(refused(new SetDmaParameters(ROOT_C, p32).apply(sample)).contains("bridge"));
    }

    @Test
    void aMovedPhysicalFunctionTakesItsVfsAtTheSameRoutingIdDistance() {
        PciFunction nic = sample.function(NIC).orElseThrow();
        List<PciFunction> withVfs = new java.util.ArrayList<>(sample.functions());
        for (int fn : new int[] {2, 3}) {
            withVfs.add(PciFunction.builder(Bdf.of(0, 6, 0, fn)).identity(nic.identity())
                    .physicalFunction(Optional.of(NIC)).build());
        }
        Topology t = applied(new RemoveDevice(NVME).apply(sample.withFunctions(withVfs)));
        Topology moved = applied(new MoveDevice(NIC, ROOT_C).apply(t));
        PciFunction vf = moved.function(Bdf.parse("0000:07:00.3")).orElseThrow();
        assertEquals(Optional.of(Bdf.parse("0000:07:00.0")), vf.physicalFunction());
        assertEquals(0, moved.functions().stream().filter(f -> f.address().bus() == 6).count());
        assertTrue(refused(new MoveDevice(Bdf.parse("0000:06:00.2"), ROOT_C).apply(t)).contains("virtual function"));
    }
}
