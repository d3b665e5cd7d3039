package org.dmascope.views.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.Topology;
import org.dmascope.views.testing.Samples;
import org.dmascope.views.topology.TopologyItem;
import org.junit.jupiter.api.Test;

class DropTargetsTest {
    private final Topology t = Samples.switchP2p();
    private final BufferSource ram = BufferSource.of(t).get(0);
    private final BufferSource cmb = BufferSource.of(t).get(1);

    private Optional<String> refusal(BufferSource s, String device) {
        return DropTargets.refusal(t, s, TopologyItem.device(Bdf.parse(device)));
    }

    @Test
    void endpointsThatDoDmaTakeEitherBuffer() {
        for (String d : new String[] {"03:00.0", "04:00.0", "06:00.0", "07:00.0"}) {
            assertTrue(refusal(ram, d).isEmpty(), d);
            assertTrue(refusal(cmb, d).isEmpty(), d);
        }
        assertTrue(refusal(ram, "05:00.0").isEmpty(), "the NoLoad can DMA to host memory");
    }

    @Test
    void plumbingAndTheProviderItselfSayWhyNot() {
        assertEquals("a PCIe switch port does not initiate DMA: it only forwards TLPs", refusal(ram,
                "02:01.0").orElseThrow());
        assertEquals("a PCIe switch port does not initiate DMA: it only forwards TLPs", refusal(ram,
                "01:00.0").orElseThrow());
        assertEquals("a root port does not initiate DMA: it only forwards TLPs", refusal(cmb, "00:01.0").orElseThrow());
        assertEquals("this is the provider itself: a device reaches its own BAR without a DMA mapping",
                refusal(cmb, "05:00.0").orElseThrow());
        assertTrue(refusal(ram, "00:00.0").orElseThrow().startsWith("a system peripheral"),
                "the VT-d/memory-map function");
        assertEquals("a host bridge is where DMA ends up, not a device that starts it",
                DropTargets.refusal(t, ram, TopologyItem.host("pci0000:00")).orElseThrow());
        assertTrue(DropTargets.refusal(t, ram, TopologyItem.numa(0)).isPresent());
    }
}
