package org.dmascope.views.addresses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.dmascope.model.topology.AddressRange;
import org.dmascope.model.util.ByteSize;
import org.junit.jupiter.api.Test;

/** The ruler's scale: legible from 4 KiB to 256 TiB in the overview, exact in a linear zoom, even near 2^64. */
class AddressScaleTest {
    private static final double W = 1000;

    @Test
    void theOverviewReachesAtLeast256TiBAndLabelsEachSixteenfoldStep() {
        AddressScale s = AddressScale.overview(0xfeef_ffffL);
        assertTrue(s.isOverview());
        assertEquals(256 * ByteSize.TiB - 1, s.top());
        List<String> labels = s.ticks(W).stream().map(AddressScale.Tick::label).toList();
        assertEquals(List.of("0", "4 KiB", "64 KiB", "1 MiB", "16 MiB", "256 MiB", "4 GiB", "64 GiB", "1 TiB",
                "16 TiB", "256 TiB"), labels.subList(0, 11));
        // Each step of 16 takes the same width (the log scale), nearly so down at the first pages.
        List<AddressScale.Tick> t = s.ticks(W);
        double step = t.get(7).x() - t.get(6).x();
        assertEquals(step, t.get(9).x() - t.get(8).x(), 0.01);
        assertEquals(step, t.get(4).x() - t.get(3).x(), 0.5);
        assertEquals(0, s.x(0, W), 1e-9);
        assertEquals(W, s.xEnd(new AddressRange(0, s.top()), W), 1e-6);
    }

    @Test
    void aSpaceAbove256TiBGrowsTheOverviewToItsTop() {
        assertEquals(-1L, AddressScale.overview(-1L).top());
        assertEquals((1L << 50) - 1, AddressScale.overview(0x3_0000_0000_0000L).top());
    }

    @Test
    void zoomingToARangeIsLinearWithTheRangeInTheMiddleThird() {
        AddressRange bar = AddressRange.ofSize(0xc020_0000L, 64 * ByteSize.KiB);
        AddressScale s = AddressScale.overview(0xffff_ffffL).zoomTo(bar);
        assertFalse(s.isOverview());
        assertEquals(0xc01f_0000L, s.lo());
        assertEquals(0xc021_ffffL, s.hi());
        assertEquals(W / 3, s.x(bar.start(), W), 0.01);
        assertEquals(2 * W / 3, s.xEnd(bar, W), 0.01);
        assertTrue(s.ticks(W).stream().allMatch(t -> t.label().startsWith("0xc0")), s.ticks(W)::toString);
        assertTrue(s.ticks(W).size() >= 4 && s.ticks(W).size() <= 10, s.ticks(W)::toString);
    }

    @Test
    void aPageNearTheTopOfTheSpaceKeepsItsPrecision() {
        long top = -1L;
        AddressRange page = new AddressRange(0xffff_ffff_ffff_e000L, 0xffff_ffff_ffff_efffL);
        AddressScale s = AddressScale.overview(top).zoomTo(page);
        assertEquals(W / 3, s.x(page.start(), W), 0.5);
        assertTrue(s.shows(page));
    }

    @Test
    void zoomInHalvesZoomOutDoublesAndTheWholeSpaceIsTheOverviewAgain() {
        AddressScale s = AddressScale.overview(0xffff_ffffL).zoomTo(AddressRange.ofSize(0x1_0000_0000L, 1L << 30));
        long span = s.hi() - s.lo();
        AddressScale in = s.zoomIn(0x1_2000_0000L);
        assertEquals(span >>> 1, in.hi() - in.lo());
        AddressScale out = in.zoomOut();
        assertEquals(span | 1, (out.hi() - out.lo()) | 1);
        AddressScale far = s;
        for (int i = 0; i < 64 && !far.isOverview(); i++) far = far.zoomOut();
        assertTrue(far.isOverview());
        AddressScale tiny = s;
        for (int i = 0; i < 64; i++) tiny = tiny.zoomIn(0x1_0000_0000L);
        assertEquals(AddressScale.MIN_SPAN, tiny.hi() - tiny.lo());
    }
}
