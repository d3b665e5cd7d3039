package org.dmascope.views.pagewalk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.dmascope.model.kernel.pagetable.AmdV1Geometry;
import org.dmascope.model.kernel.pagetable.ArmLpaeGeometry;
import org.dmascope.model.kernel.pagetable.PageTableGeometry;
import org.dmascope.model.kernel.pagetable.VtdGeometry;
import org.junit.jupiter.api.Test;

class IovaBitsTest {

    private static String layout(List<IovaBits.Field> fields) {
        StringBuilder sb = new StringBuilder();
        for (IovaBits.Field f : fields) sb.append(f.name()).append(' ').append(f.hi()).append('-').append(f.lo())
                .append(' ');
        return sb.toString().trim();
    }

    /** The fields tile bits 63..0 without a gap or an overlap. */
    private static void assertTiles(List<IovaBits.Field> fields) {
        int next = 63;
        for (IovaBits.Field f : fields) {
            assertEquals(next, f.hi(), f.name());
            next = f.lo() - 1;
        }
        assertEquals(-1, next);
    }

    @Test
    void vtdFourLevelsIndexNineBitsEachAboveATwelveBitOffset() {
        long iova = 0xffff3000L;
        List<IovaBits.Field> f = IovaBits.split(new VtdGeometry(48, false), iova, 3);
        assertEquals("upper bits 63-48 level 4 47-39 level 3 38-30 level 2 29-21 level 1 20-12 page offset 11-0",
                layout(f));
        assertTiles(f);
        assertEquals(List.of(0L, 0L, 3L, 511L, 499L, 0L), f.stream().map(IovaBits.Field::value).toList());
        assertEquals("111110011", f.get(4).binary());
    }

    @Test
    void vtdFiveLevelsReachBit56() {
        List<IovaBits.Field> f = IovaBits.split(new VtdGeometry(57, false), 1L << 50, 4);
        assertEquals("upper bits 63-57 level 5 56-48 level 4 47-39 level 3 38-30 level 2 29-21 level 1 20-12 page "
                + "offset 11-0",
                layout(f));
        assertEquals(4L, f.get(1).value());
    }

    @Test
    void aTwoMegabyteLeafLeavesTwentyOneOffsetBits() {
        ArmLpaeGeometry g = new ArmLpaeGeometry(4096, 48, false);
        long iova = 0xffe00000L + 0x1234;
        List<IovaBits.Field> f = IovaBits.split(g, iova, g.leafDepth(2L << 20));
        assertEquals("upper bits 63-48 L0 47-39 L1 38-30 L2 29-21 page offset 20-0", layout(f));
        assertTiles(f);
        assertEquals(0x1234L, f.get(f.size() - 1).value());
        assertEquals(511L, f.get(3).value());
    }

    @Test
    void armSixtyFourKilobyteGranuleHasThirteenBitLevels() {
        PageTableGeometry g = new ArmLpaeGeometry(65536, 48, false);
        List<IovaBits.Field> f = IovaBits.split(g, 0x12345678L, g.levels() - 1);
        assertEquals("upper bits 63-48 L1 47-42 L2 41-29 L3 28-16 page offset 15-0", layout(f));
        assertTiles(f);
    }

    @Test
    void amdV1LevelsAreNamedFromTheTopDown() {
        PageTableGeometry g = new AmdV1Geometry(48);
        List<IovaBits.Field> f = IovaBits.split(g, 0x7000_0000_1000L, g.levels() - 1);
        assertEquals("upper bits 63-48 PM level 3 47-39 PM level 2 38-30 PM level 1 29-21 PM level 0 20-12 page "
                + "offset 11-0", layout(f));
        for (int d = 0; d < g.levels(); d++) assertEquals(g.index(0x7000_0000_1000L, d), f.get(d + 1).value());
    }
}
