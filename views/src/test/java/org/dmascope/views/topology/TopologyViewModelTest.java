package org.dmascope.views.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.dmascope.model.io.SampleCatalog;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.Topology;
import org.dmascope.views.testing.SyntheticMachine;
import org.junit.jupiter.api.Test;

class TopologyViewModelTest {
    private final Topology sample = SampleCatalog.loadDefault();
    private final TopologyViewModel model = new TopologyViewModel();

    @Test
    void showingATopologyResetsSelectionAndSearch() {
        model.show(sample, "switch-p2p-server.json");
        model.select(TopologyItem.device(Bdf.parse("03:00.0")));
        model.search("t4");
        model.show(SyntheticMachine.generate(), "synthetic");
        assertNull(model.getSelection());
        assertTrue(model.matchesProperty().isEmpty());
        assertEquals("", model.queryProperty().get());
        assertEquals("synthetic", model.getSourceName());
    }

    @Test
    void onlyItemsOfTheTopologyCanBeSelected() {
        model.show(sample, "s");
        model.select(TopologyItem.device(Bdf.parse("09:00.0")));
        assertNull(model.getSelection());
        model.select(TopologyItem.host("pci0000:00"));
        assertEquals("pci0000:00", model.selectedHostBridge().get().id());
        model.select(TopologyItem.numa(0));
        assertEquals(0, model.selectedNumaNode().get().id());
        model.select(TopologyItem.device(Bdf.parse("05:00.0")));
        assertEquals("nvme", model.selectedFunction().get().driver().get());
    }

    @Test
    void goingThroughMatchesSelectsAndRevealsEachInTurnAndWraps() {
        model.show(sample, "s");
        List<TopologyItem> revealed = new ArrayList<>();
        model.revealRequestProperty().addListener((o, a, r) -> revealed.add(r.item()));
        model.search("tesla");
        assertEquals(2, model.matchesProperty().size());
        model.nextMatch();
        model.nextMatch();
        model.nextMatch();
        TopologyItem first = TopologyItem.device(Bdf.parse("03:00.0"));
        TopologyItem second = TopologyItem.device(Bdf.parse("04:00.0"));
        assertEquals(List.of(first, second, first), revealed);
        assertEquals(first, model.getSelection());
        model.previousMatch();
        assertEquals(second, model.getSelection());
    }

    @Test
    void revealingTheSameItemTwiceFiresTwice() {
        model.show(sample, "s");
        List<TopologyViewModel.RevealRequest> seen = new ArrayList<>();
        model.revealRequestProperty().addListener((o, a, r) -> seen.add(r));
        TopologyItem gpu = TopologyItem.device(Bdf.parse("03:00.0"));
        model.reveal(gpu);
        model.reveal(gpu);
        assertEquals(2, seen.size());
        assertNotEquals(seen.get(0), seen.get(1));
    }
}
