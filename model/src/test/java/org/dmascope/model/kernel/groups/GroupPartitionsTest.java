package org.dmascope.model.kernel.groups;

import static org.dmascope.model.kernel.fixtures.Fx.bdf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.dmascope.model.kernel.TopologyRules;
import org.dmascope.model.kernel.fixtures.Fx;
import org.dmascope.model.kernel.fixtures.ImacCometLake;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.Topology;
import org.junit.jupiter.api.Test;

/**
 * Partition equality between derived and reported groups, on a hand transcription of the corpus iMac
 * (whose lspci dump carries the kernel's {@code IOMMU group:} lines) and on small hand-made cases.
 */
class GroupPartitionsTest {

    @Test
    void imacDerivedGroupsEqualTheKernelsPartition() {
        Topology t = ImacCometLake.topology();
        TopologyRules rules = TopologyRules.of(t);
        GroupPartitions.Comparison c = rules.compareWithReportedGroups().orElseThrow();
        assertTrue(c.equal(), String.join("\n", c.differences()));
        assertEquals(GroupPartitions.reported(t), rules.groups().assignment(),
                "probe-order allocation gives the same numbers");
    }

    @Test
    void imacReasonsNameTheNonIsolatingRootPortAndTheSlots() {
        TopologyRules rules = TopologyRules.of(ImacCometLake.topology());
        assertEquals("behind switch downstream port 0000:02:00.0; the path above it is not ACS-isolated because root "
                + "port "
                + "0000:00:01.0 has no ACS capability and no quirk", rules.groupOf(bdf("0000:03:00.0")).orElseThrow()
                        .member().reason());
        assertTrue(rules.groupOf(bdf("0000:00:14.2")).orElseThrow().member().reason()
                .startsWith("function of a multifunction slot without ACS isolation"));
        String nhi = rules.groupOf(bdf("0000:09:00.0")).orElseThrow().member().reason();
        assertTrue(nhi.startsWith("isolated: the path to the root is ACS-isolated (switch downstream port "
                + "0000:08:00.0 has ACS with SV|UF enabled"),
                nhi);
    }

    @Test
    void aChangedAcsControlShowsUpAsASplitAndAMerge() {
        // Without ACS on 00:1c.4 the Thunderbolt hierarchy collapses into 00:1c.4's group.
        Topology t = Fx.setAcsControl(ImacCometLake.topology(), "0000:00:1c.4", 0x0000);
        GroupPartitions.Comparison c = TopologyRules.of(t).compareWithReportedGroups().orElseThrow();
        assertFalse(c.equal());
        assertTrue(c.differences().stream()
                .anyMatch(d
                -> d.startsWith("the rules merge the kernel's groups 8 {0000:00:1c.4} and 14 {0000:07:00.0}")),
                String.join("\n", c.differences()));
    }

    @Test
    void idsMayDifferButPartitionsMatch() {
        Bdf a = bdf("0000:01:00.0");
        Bdf b = bdf("0000:01:00.1");
        Bdf c = bdf("0000:02:00.0");
        assertTrue(GroupPartitions.compare(Map.of(a, 0, b, 0, c, 1), Map.of(a, 7, b, 7, c, 3)).equal());
    }

    @Test
    void everyKindOfDifferenceIsASentence() {
        Bdf a = bdf("0000:01:00.0");
        Bdf b = bdf("0000:01:00.1");
        Bdf c = bdf("0000:02:00.0");
        Bdf d = bdf("0000:03:00.0");
        GroupPartitions.Comparison cmp = GroupPartitions.compare(Map.of(a, 0, b, 1, d, 2), Map.of(a, 5, b, 5, c, 6));
        assertFalse(cmp.equal());
        assertEquals(List.of(
                "0000:02:00.0 is in the kernel's group 6 but the rules give it no group",
                "0000:03:00.0 has no IOMMU group in the kernel's listing, but the rules put it in group 2 (an "
                        + "IOMMU's own function or a device outside every IOMMU's scope gets none)",
                "the kernel's group 5 {0000:01:00.0, 0000:01:00.1} is split by the rules into group 0 {0000:01:00.0} "
                        + "and group 1 {0000:01:00.1}"),
                cmp.differences());
    }

    @Test
    void aDerivedGroupTakesTheKernelsNumberOnlyWhenTheKernelListsTheSameMembers() {
        IommuGroup same = group(0, "00:01.0", "01:00.0");
        IommuGroup splitByTheRules = group(1, "02:00.0");
        IommuGroup unlisted = group(2, "03:00.0");
        Map<Bdf, Integer> reported = Map.of(bdf("00:01.0"), 7, bdf("01:00.0"), 7, bdf("02:00.0"), 9,
                bdf("02:00.1"), 9);
        assertEquals(Map.of(0, 7, 1, 1, 2, 2),
                GroupPartitions.kernelNumbers(List.of(same, splitByTheRules, unlisted), reported),
                "the kernel's group 9 has a member the derived group lacks, so that group keeps its own number");
    }

    private static IommuGroup group(int id, String... members) {
        return new IommuGroup(id, java.util.Arrays.stream(members)
                .map(m -> new GroupMember(bdf(m), GroupMember.Mechanism.NEW_GROUP, "test")).toList());
    }
}
