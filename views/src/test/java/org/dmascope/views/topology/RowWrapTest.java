package org.dmascope.views.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RowWrapTest {
    @Test
    void fourWideBoxesBecomeTwoRowsOfTwo() {
        double[] w = {3000, 3000, 3000, 3000};
        double[] h = {1000, 1000, 1000, 1000};
        RowWrap r = RowWrap.arrange(w, h, 28, 1.6);
        assertEquals(2, r.count());
        assertEquals(2, r.members(0));
        assertEquals(6028, r.width(), 1e-9);
        assertEquals(2028, r.height(), 1e-9);
    }

    @Test
    void narrowBoxesStayInOneRowAndTheLastRowMayBeShort() {
        RowWrap one = RowWrap.arrange(new double[] {300, 300}, new double[] {400, 500}, 20, 1.6);
        assertEquals(1, one.count());
        assertEquals(500, one.height(0), 1e-9);
        RowWrap three = RowWrap.of(new double[] {1, 2, 3, 4, 5}, new double[] {1, 1, 1, 1, 1}, 0, 2);
        assertEquals(3, three.count());
        assertEquals(1, three.members(2));
        assertEquals(7, three.rowWidth(1), 1e-9);
    }
}
