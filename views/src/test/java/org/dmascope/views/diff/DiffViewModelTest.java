package org.dmascope.views.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.dmascope.model.diff.TopologyDiff;
import org.dmascope.model.diff.TopologyDiffer;
import org.dmascope.model.kernel.TopologyRules;
import org.dmascope.model.topology.Topology;
import org.dmascope.views.testing.Samples;
import org.junit.jupiter.api.Test;

/**
 * The switch server and its twin whose downstream ports redirect (ACS RR|CR on, no disable_acs_redir): four ACS
 * controls and the command line differ, the devices behind the switch are isolated, and P2P inside the switch goes
 * through the host bridge.
 */
class DiffViewModelTest {
    private static final Topology SWITCH = Samples.switchP2p();
    private static final Topology REDIRECT = Samples.acsRedirect();
    private static final TopologyDiff DIFF = TopologyDiffer.compare(TopologyRules.of(SWITCH),
            TopologyRules.of(REDIRECT));
    private final DiffViewModel model = new DiffViewModel("switch.json", SWITCH, "redirect.json", REDIRECT, DIFF);

    @Test
    void theFactsTableHasAFieldPerRowAndTheCommandLine() {
        List<DiffRow> acs = model.facts().stream().filter(r -> r.why().equals("acs.control")).toList();
        assertEquals(4, acs.size(), model.facts()::toString);
        assertEquals(new DiffRow("changed", "0000:02:00.0  PEX880xx PCIe Gen 4 Switch", "0011", "001d", "acs.control"),
                acs.get(0));
        assertTrue(model.facts().stream().anyMatch(r -> r.where().equals("platform")
                && r.why().equals("kernelCommandLine") && r.before().contains("pci=disable_acs_redir=")
                && r.after().equals("intel_iommu=on")), model.facts()::toString);
    }

    @Test
    void groupsAndVerdictsCarryTheRulesReason() {
        assertEquals(DIFF.groups().size(), model.groups().size());
        assertTrue(model.groups().stream().allMatch(r -> r.what().equals("split") && !r.why().isEmpty()),
                model.groups()::toString);
        DiffRow t4ToNoLoad = model.cells().stream().filter(r -> r.where().equals("05:00.0 → 03:00.0")).findFirst()
                .orElseThrow(() -> new AssertionError(model.cells().toString()));
        assertEquals("BUS_ADDR → THRU_HOST_BRIDGE", t4ToNoLoad.what());
        assertTrue(t4ToNoLoad.why().startsWith("R-P2P-5"), t4ToNoLoad::why);
    }

    @Test
    void theSummaryCountsAndCopyIsTheCommandLinesText() {
        assertTrue(model.summary().startsWith("switch.json → redirect.json: functions 0 added, 0 removed, 0 moved, "
                + "4 changed; IOMMU groups "), model::summary);
        assertTrue(model.text().startsWith("functions: 0 added, 0 removed, 0 moved, 4 changed\n"), model::text);
        DiffViewModel same = new DiffViewModel("a", SWITCH, "b", SWITCH, TopologyDiffer.compare(
                TopologyRules.of(SWITCH), TopologyRules.of(SWITCH)));
        assertTrue(same.summary().contains("are the same"), same::summary);
        assertTrue(same.facts().isEmpty() && same.groups().isEmpty() && same.cells().isEmpty());
    }
}
