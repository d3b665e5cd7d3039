package org.dmascope.model.kernel.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.dmascope.model.kernel.TopologyRules;
import org.dmascope.model.testing.Corpus;
import org.dmascope.model.topology.AddressRange;
import org.dmascope.model.topology.Bar;
import org.dmascope.model.topology.NumaNode;
import org.dmascope.model.topology.P2pMemory;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.Topology;
import org.dmascope.model.util.ByteSize;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Issue 10, item 4: the RAM an imported machine is assumed to have, and the P2P memory its devices could offer. */
class AssumedMachineTest {

    static List<String> lspciExports() {
        List<String> out = new ArrayList<>();
        for (String k : List.of("verbose", "tree", "hex")) {
            Corpus.ofKind(k).forEach(p -> out.add(p.getFileName().toString()));
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lspciExports")
    void everyNodeGetsRamClearOfEveryBarAndWindow(String file) {
        Topology t = PlatformInferenceTest.imported(file);
        assertFalse(AssumedMachine.describesRam(t), "an lspci export describes no RAM");
        PlatformAssumptions a = PlatformAssumptions.of(t);
        assertEquals(AssumptionSource.DEFAULT, a.ramAssumption().source());
        assertTrue(a.ramAssumption().shown().endsWith("(assumed)"));
        Topology m = TopologyRules.of(t, a).machine();
        List<Integer> ids = m.numaNodes().stream().map(NumaNode::id).toList();
        assertTrue(ids.contains(0), file + ": node 0 exists");
        List<AddressRange> mmio = new ArrayList<>();
        for (PciFunction f : t.functions()) for (Bar b : f.bars()) b.range().ifPresent(mmio::add);
        for (NumaNode n : m.numaNodes()) {
            assertEquals(AssumedMachine.DEFAULT_RAM_PER_NODE, n.totalMemory(), file + " node " + n.id());
            for (AddressRange r : n.memory()) {
                for (AddressRange bar : mmio) {
                    assertFalse(r.overlaps(bar), file + ": RAM " + r + " overlaps BAR " + bar);
                }
            }
        }
        List<AddressRange> all = new ArrayList<>();
        m.numaNodes().forEach(n -> all.addAll(n.memory()));
        for (int i = 0; i < all.size(); i++) {
            for (int k = i + 1; k < all.size(); k++) assertFalse(all.get(i).overlaps(all.get(k)), file);
        }
    }

    @Test
    void x86NodeZeroHasTheLegacyLayoutAndNodesBelowTheHighestNamedAreAdded() {
        Topology t = PlatformInferenceTest.imported("intel-icelake-sp-cx7-sriov.verbose.txt");
        assertEquals(List.of(1), t.numaNodes().stream().map(NumaNode::id).toList(), "the dump names node 1 only");
        Map<Integer, List<AddressRange>> layout = AssumedMachine.layout(t, 16 * ByteSize.GiB, true);
        assertEquals(List.of(0, 1), List.copyOf(layout.keySet()));
        assertEquals(new AddressRange(0, 0x9FFFF), layout.get(0).get(0));
        assertEquals(new AddressRange(0x100000, 0x7FFFFFFFL), layout.get(0).get(1));
        assertEquals(4 * ByteSize.GiB, layout.get(0).get(2).start());
        assertEquals(layout.get(0).get(2).end() + 1, layout.get(1).get(0).start(), "node 1 follows node 0");
        assertTrue(PlatformAssumptions.of(t).ramAssumption().detail().contains("nodes 0–1 are assumed"));
    }

    @Test
    void ramSkipsBarsAboveFourGibAndLeavesNoCrumbs() {
        long g = ByteSize.GiB;
        List<PciFunction> fs = List.of(
                gpu("0000:01:00.0", 4 * g, g),                        // right where high RAM would start
                gpu("0000:02:00.0", 5 * g + ByteSize.MiB, g),          // a 1 MiB gap: too small for RAM
                gpu("0000:03:00.0", 0x7FFF_FFFF_0000_0000L, g));       // near the top of the 63-bit space
        Topology t = new Topology("bars", java.util.Optional.empty(), java.util.Optional.empty(),
                org.dmascope.model.topology.Platform.UNKNOWN, List.of(), List.of(), fs);
        List<AddressRange> ram = AssumedMachine.layout(t, 8 * g, true).get(0);
        assertEquals(8 * g, ram.stream().mapToLong(AddressRange::size).sum());
        assertEquals(6 * g + ByteSize.MiB, ram.get(2).start(), "high RAM starts after both BARs, not in the gap");
        for (AddressRange r : ram) {
            for (PciFunction f : fs) assertFalse(r.overlaps(f.bars().get(0).range().orElseThrow()), r.toString());
        }
    }

    private static PciFunction gpu(String bdf, long address, long size) {
        return PciFunction.builder(org.dmascope.model.topology.Bdf.parse(bdf)).bars(List.of(new Bar(0,
                Bar.Space.MEMORY, true, true, java.util.OptionalLong.of(address), java.util.OptionalLong.of(size))))
                .build();
    }

    @Test
    void theRamSizeIsAPlatformSettingAndRefusesNonsense() {
        Topology t = PlatformInferenceTest.imported("x99-i7-5930k.verbose.txt");
        PlatformOverrides o = PlatformSettings.set(PlatformOverrides.NONE, PlatformSettings.RAM, "64GiB");
        PlatformAssumptions a = PlatformAssumptions.resolve(t, o);
        assertEquals(AssumptionSource.OPTION, a.ramAssumption().source());
        assertEquals(64 * ByteSize.GiB, TopologyRules.of(t, a).machine().numaNodes().get(0).totalMemory());
        assertEquals(PlatformOverrides.NONE, PlatformSettings.unset(o, PlatformSettings.RAM));
        assertThrows(IllegalArgumentException.class, () -> PlatformSettings.set(o, "ram", "12 bananas"));
        assertThrows(IllegalArgumentException.class, () -> PlatformSettings.set(o, "ram", "1KiB"));
    }

    @Test
    void aDescribedMachineKeepsItsRam() {
        Topology t = org.dmascope.model.kernel.fixtures.Samples.switchP2pServer();
        PlatformAssumptions a = PlatformAssumptions.of(t);
        assertEquals(AssumptionSource.TOPOLOGY, a.ramAssumption().source());
        assertEquals(t.numaNodes(), TopologyRules.of(t, a).machine().numaNodes());
        assertEquals(AssumptionSource.TOPOLOGY, a.p2pMemoryAssumption().source(), "the sample registers its CMB");
    }

    @Test
    void largePrefetchableGpuBarsAreOfferedIfADriverRegisteredThem() {
        Topology t = PlatformInferenceTest.imported("supermicro-4028gr-tvrt-8xv100-pex9765.verbose.txt");
        List<AssumedMachine.Candidate> c = AssumedMachine.p2pCandidates(t);
        assertEquals(8, c.stream().filter(x -> t.function(x.device()).orElseThrow().identity().deviceName()
                .orElse("").contains("V100") && x.memory().size() == 16 * ByteSize.GiB).count(), "the V100s: " + c);
        PlatformAssumptions a = PlatformAssumptions.of(t);
        assertEquals(AssumptionSource.INFERRED, a.p2pMemoryAssumption().source());
        assertTrue(a.p2pMemoryAssumption().shown().endsWith("(if a driver registered it)"));
        Topology m = TopologyRules.of(t, a).machine();
        P2pMemory p = m.function(c.get(0).device()).orElseThrow().p2pMemory().get(0);
        assertTrue(p.candidate());
        assertTrue(t.function(c.get(0).device()).orElseThrow().p2pMemory().isEmpty(), "the document is unchanged");
    }
}
