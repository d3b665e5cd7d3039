package org.dmascope.views.scatterlist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.dmascope.model.mapping.DmaSegments;
import org.dmascope.model.mapping.Mapping;
import org.dmascope.model.util.Hex;
import org.dmascope.views.testing.Mappings;
import org.junit.jupiter.api.Test;

class ScatterListTextTest {
    private final Mapping bounced = Mappings.map(Mappings.LEGACY_PC, "0000:03:00.0",
            "host:node0:64KiB:scattered:seed=7");

    @Test
    void csvHasAHeaderAndOneRecordPerInputWithTheSegmentOnEveryRecord() {
        ScatterListRows rows = ScatterListRows.of(bounced);
        List<String> lines = Arrays.asList(ScatterListText.csv(rows).split("\r\n"));
        assertEquals("segment,input,phys_address,offset,length,memory,dma_address,dma_length,flags,inputs",
                lines.get(0));
        assertEquals(bounced.inputs().count() + 1, lines.size());
        for (int i = 0; i < bounced.inputs().count(); i++) {
            String[] f = lines.get(i + 1).split(",", -1);
            assertEquals(10, f.length);
            assertEquals(String.valueOf(i), f[0]);
            assertEquals(Hex.addr(bounced.inputs().phys(i)), f[2]);
            assertEquals(String.valueOf(bounced.inputs().length(i)), f[4]);
            assertEquals(Hex.addr(bounced.segments().address(i)), f[6]);
            assertEquals(bounced.segments().has(i, DmaSegments.SWIOTLB) ? "BOUNCED" : "", f[8]);
        }
    }

    @Test
    void mergedInputsShareTheirSegmentAndOnlyTheFirstCarriesTheDmaFields() {
        Mapping m = Mappings.map(Mappings.SWITCH_SERVER, "0000:06:00.0", "host:node0:64KiB:scattered:seed=7");
        List<String> lines = Arrays.asList(ScatterListText.csv(ScatterListRows.of(m)).split("\r\n"));
        assertEquals("0,0," + Hex.addr(m.inputs().phys(0)) + ",0x0,4096,RAM," + Hex.addr(m.segments().address(0))
                + ",65536,IOVA,"
                + m.inputs().count(), lines.get(1));
        assertEquals("0,1," + Hex.addr(m.inputs().phys(1)) + ",0x0," + m.inputs().length(1) + ",RAM,,,,", lines.get(2));
    }

    @Test
    void textIsAlignedAndSaysWhatWasMapped() {
        String text = ScatterListText.text(ScatterListRows.of(bounced));
        String[] lines = text.split("\n");
        assertEquals("# host:node0:64KiB:scattered:seed=7 for 0000:03:00.0: 13 scatterlist entries became 13 DMA "
                + "segments", lines[0]);
        assertTrue(lines[1].startsWith("segment  entry    phys address"), lines[1]);
        int dmaColumn = lines[1].indexOf("dma address");
        assertEquals(Hex.addr(bounced.segments().address(0)), lines[2].substring(dmaColumn, dmaColumn + 10));
        assertTrue(lines[2].endsWith("BOUNCED        entry 0"), lines[2]);
        assertEquals(2 + bounced.inputs().count(), lines.length);
    }

    @Test
    void selectionCopiesOnlyTheChosenRows() {
        ScatterListRows rows = ScatterListRows.of(bounced);
        int[] chosen = {2, 5};
        String csv = ScatterListText.csv(rows, chosen.length, k -> chosen[k]);
        String[] lines = csv.split("\r\n");
        assertEquals(3, lines.length);
        assertTrue(lines[1].startsWith("2,2,"));
        assertTrue(lines[2].startsWith("5,5,"));
    }
}
