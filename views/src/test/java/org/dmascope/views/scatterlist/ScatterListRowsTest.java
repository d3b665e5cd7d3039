package org.dmascope.views.scatterlist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalInt;
import java.util.OptionalLong;

import org.dmascope.model.mapping.DmaSegments;
import org.dmascope.model.mapping.Mapping;
import org.dmascope.model.topology.DmaParameters;
import org.dmascope.views.testing.Mappings;
import org.junit.jupiter.api.Test;

class ScatterListRowsTest {

    @Test
    void anIommuMappingOfScatteredPagesGroupsEveryInputUnderItsOneSegment() {
        Mapping m = Mappings.map(Mappings.SWITCH_SERVER, "0000:06:00.0", "host:node0:1MiB:scattered:seed=7");
        assertEquals(1, m.segments().count(), "dma-iommu merges the scattered pages into one IOVA range");
        ScatterListRows rows = ScatterListRows.of(m);
        assertEquals(m.inputs().count(), rows.rowCount());
        for (int r = 0; r < rows.rowCount(); r++) {
            assertEquals(0, rows.segmentOf(r));
            assertEquals(r, rows.inputOf(r));
            assertEquals(r == 0, rows.firstOfGroup(r));
            assertEquals(r == rows.rowCount() - 1, rows.lastOfGroup(r));
            assertEquals(m.inputs().count(), rows.groupSize(r));
        }
        assertEquals(1, rows.mergedSegments());
        assertEquals(0, rows.firstRowOf(0));
        assertEquals(rows.rowCount() - 1, rows.lastRowOf(0));
    }

    @Test
    void dmaDirectGivesEveryEntryItsOwnSegmentAndRow() {
        Mapping m = Mappings.map(Mappings.LEGACY_PC, "0000:03:00.0", "host:node0:64KiB:scattered:seed=7");
        ScatterListRows rows = ScatterListRows.of(m);
        assertEquals(m.inputs().count(), m.segments().count());
        assertEquals(m.inputs().count(), rows.rowCount());
        for (int r = 0; r < rows.rowCount(); r++) {
            assertEquals(r, rows.segmentOf(r));
            assertEquals(m.segments().firstInput(r), rows.inputOf(r));
            assertTrue(rows.firstOfGroup(r) && rows.lastOfGroup(r));
            assertEquals(r % 2 == 1, rows.oddBand(r));
        }
        assertEquals(0, rows.mergedSegments());
    }

    @Test
    void aFailedMappingListsItsInputsUnderNoSegment() {
        Mapping m = Mappings.map(Mappings.LEGACY_PC, "0000:03:00.0", "host:node0:128MiB:scattered:seed=3");
        assertEquals("SWIOTLB_FULL", m.verdict().code());
        ScatterListRows rows = ScatterListRows.of(m);
        assertTrue(m.inputs().count() > 0);
        assertEquals(m.inputs().count(), rows.rowCount());
        assertEquals(-1, rows.segmentOf(0));
        assertEquals(-1, rows.segmentOf(rows.rowCount() - 1));
        assertEquals(rows.rowCount() - 1, rows.inputOf(rows.rowCount() - 1));
        assertEquals(-1, rows.firstRowOf(0));
    }

    @Test
    void noMappingHasNoRows() {
        assertEquals(0, ScatterListRows.of(null).rowCount());
        assertEquals(0, ScatterListRows.EMPTY.segmentCount());
    }

    @Test
    void aQuarterMillionFourKilobyteSegmentsAreAQuarterMillionRows() {
        Mapping m = Mappings.map(Mappings.SWITCH_SERVER, "0000:06:00.0", "host:node0:1GiB:scattered:seed=1",
                b -> b.dma(new DmaParameters(OptionalInt.empty(), OptionalLong.of(4096), OptionalLong.empty(),
                        OptionalLong.empty())));
        ScatterListRows rows = ScatterListRows.of(m);
        assertEquals(262_144, rows.rowCount());
        assertEquals(262_144, m.segments().count());
        assertEquals(262_143, rows.segmentOf(262_143));
        assertEquals(262_143, rows.inputOf(262_143));
        assertTrue(m.segments().has(0, DmaSegments.IOVA));
        assertFalse(rows.oddBand(0));
    }
}
