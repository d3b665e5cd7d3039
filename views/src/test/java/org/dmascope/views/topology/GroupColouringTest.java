package org.dmascope.views.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalInt;

import org.dmascope.model.io.SampleCatalog;
import org.dmascope.model.kernel.TopologyRules;
import org.dmascope.model.kernel.groups.IommuGroup;
import org.dmascope.model.kernel.platform.PlatformAssumptions;
import org.dmascope.model.kernel.platform.PlatformOverrides;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.Platform.IommuDriver;
import org.dmascope.model.topology.Topology;
import org.junit.jupiter.api.Test;

/** What the canvas colours by: the derived groups, and where the kernel's own listing differs. */
class GroupColouringTest {
    private final Topology sample = SampleCatalog.loadDefault();

    @Test
    void everyFunctionGetsItsDerivedGroupAndNeighbouringGroupsGetDifferentColours() {
        TopologyRules rules = TopologyRules.of(sample);
        GroupColouring c = GroupColouring.of(rules);
        assertEquals(rules.groups().groups().size(), c.groupCount());
        for (IommuGroup g : rules.groups().groups()) {
            for (Bdf b : g.addresses()) assertEquals(g.id(), c.tag(b).orElseThrow().group(), b.toString());
            if (g.id() > 0) assertTrue(c.tag(g.addresses().get(0)).orElseThrow()
                    .colour() != (g.id() - 1) % GroupColouring.PALETTE_SIZE);
        }
        assertEquals("G4", c.tag(Bdf.parse("0000:03:00.0")).orElseThrow().text());
        assertFalse(c.compared(), "the sample carries no kernel groups");
        assertTrue(c.legend().contains("9 groups"), c.legend());
    }

    @Test
    void withoutAnIommuThereAreNoGroups() {
        PlatformOverrides none = PlatformOverrides.NONE.withIommu(IommuDriver.NONE);
        GroupColouring c = GroupColouring.of(TopologyRules.of(sample, PlatformAssumptions.resolve(sample, none)));
        assertFalse(c.iommuPresent());
        assertFalse(c.tag(Bdf.parse("0000:03:00.0")).orElseThrow().grouped());
        assertTrue(c.legend().startsWith("No IOMMU"));
    }

    @Test
    void kernelGroupsThatMatchAreNotMarkedEvenWithOtherNumbers() {
        TopologyRules derived = TopologyRules.of(sample);
        // The kernel numbered the same partition differently (ids + 100).
        Topology reported = withReported(sample, derived, 100, null);
        GroupColouring c = GroupColouring.of(TopologyRules.of(reported));
        assertTrue(c.compared());
        assertEquals(0, c.differences());
        assertTrue(sample.functions().stream().noneMatch(f -> c.tag(f.address()).orElseThrow().differs()));
        assertTrue(c.legend().contains("agrees"), c.legend());
    }

    @Test
    void membersOfAGroupTheKernelSplitAreMarked() {
        TopologyRules derived = TopologyRules.of(sample);
        // The kernel put the T4 at 03:00.0 alone, away from its downstream port 02:00.0.
        Bdf gpu = Bdf.parse("0000:03:00.0");
        Topology reported = withReported(sample, derived, 0, gpu);
        GroupColouring c = GroupColouring.of(TopologyRules.of(reported));
        assertEquals(1, c.differences());
        assertTrue(c.tag(gpu).orElseThrow().differs());
        assertTrue(c.tag(Bdf.parse("0000:02:00.0")).orElseThrow().differs(), "its derived group mate differs too");
        assertFalse(c.tag(Bdf.parse("0000:04:00.0")).orElseThrow().differs());
        assertEquals("G4 ≠ 999", c.tag(gpu).orElseThrow().text());
    }

    /**
     * The sample with kernel-reported groups: the derived ids plus {@code shift}; {@code alone} in a group of its own.
     */
    private static Topology withReported(Topology t, TopologyRules derived, int shift, Bdf alone) {
        Topology out = t;
        for (PciFunction f : t.functions()) {
            int id = f.address().equals(alone) ? 999 : derived.groups().groupOf(f.address()).orElseThrow().id() + shift;
            out = out.withFunction(f.address(), fn -> fn.toBuilder().iommuGroup(OptionalInt.of(id)).build());
        }
        return out;
    }
}
