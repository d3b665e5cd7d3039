package org.dmascope.views.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.dmascope.model.io.SampleCatalog;
import org.dmascope.views.testing.SyntheticMachine;
import org.junit.jupiter.api.Test;

class TopologyCountsTest {
    @Test
    void theDefaultSampleCountsItsSwitchByTheUpstreamPortAndItsSixEndpoints() {
        TopologyCounts c = TopologyCounts.of(SampleCatalog.loadDefault());
        assertEquals(new TopologyCounts(13, 1, 1, 6, 1), c);
        assertEquals("13 functions · 1 host bridge · 1 switch · 6 endpoints · 1 NUMA node", c.text());
    }

    @Test
    void pluralsReadNaturally() {
        TopologyCounts c = TopologyCounts.of(SyntheticMachine.generate());
        assertEquals(9, c.switches(), "two switches per host bridge and one nested");
        assertEquals(true, c.text().contains("9 switches"));
        assertEquals(true, c.text().contains("4 host bridges"));
    }
}
