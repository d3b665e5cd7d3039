package org.dmascope.views.addresses;

import java.util.ArrayList;
import java.util.List;

import org.dmascope.model.topology.AddressRange;
import org.dmascope.model.util.ByteSize;

/**
 * How addresses become x positions on the ruler: an overview on a log scale over the whole space (0 to the
 * top, at least 256 TiB), so a 4 KiB BAR at 0xfe000000 and 64 GiB at 0x38_0000_0000 both show, or a linear
 * zoom on a window {@code [lo, hi]} for reading exact boundaries. Immutable; zooming returns a new scale.
 * Addresses are unsigned 64-bit; differences are taken in {@code long} first, so a 4 KiB window near 2^63
 * keeps its precision.
 */
public final class AddressScale {
    /** The smallest span a linear zoom shows: one page. */
    public static final long MIN_SPAN = 4 * ByteSize.KiB;
    /** The overview reaches at least this far: 256 TiB, the 48-bit space. */
    public static final long MIN_TOP = 256 * ByteSize.TiB;
    /** Log-scale offset: addresses below a page are drawn as if at a page, so 0 has a place. */
    private static final double LOG_FLOOR = 4096;

    private final boolean log;
    private final long lo;
    private final long hi;
    private final long top;

    private AddressScale(boolean log, long lo, long hi, long top) {
        this.log = log;
        this.lo = lo;
        this.hi = hi;
        this.top = top;
    }

    /** The log overview of a space whose highest address is {@code highest} (unsigned). */
    public static AddressScale overview(long highest) {
        long top = MIN_TOP - 1;
        while (Long.compareUnsigned(top, highest) < 0 && top != -1L) top = top << 1 | 1;
        return new AddressScale(true, 0, top, top);
    }

    public boolean isOverview() {
        return log;
    }

    /** The first address shown. */
    public long lo() {
        return lo;
    }

    /** The last address shown (inclusive). */
    public long hi() {
        return hi;
    }

    /** The highest address of the space (inclusive). */
    public long top() {
        return top;
    }

    /** x of the first byte of {@code a}, for a ruler {@code width} pixels wide; may lie outside [0, width]. */
    public double x(long a, double width) {
        if (log) return width * (ln(a) - ln(lo)) / (ln(hi) - ln(lo));
        if (Long.compareUnsigned(a, lo) < 0) return -width * unsigned(lo - a) / unsigned(hi - lo);
        return width * unsigned(a - lo) / unsigned(hi - lo);
    }

    /** x just past the last byte of {@code r}. */
    public double xEnd(AddressRange r, double width) {
        if (r.end() == -1L) return log ? width : x(r.end(), width) + 1;
        return x(r.end() + 1, width);
    }

    /** The address at {@code x}. */
    public long address(double x, double width) {
        double f = Math.max(0, Math.min(1, x / width));
        if (log) {
            double v = Math.exp(ln(lo) + f * (ln(hi) - ln(lo))) - LOG_FLOOR;
            return toUnsigned(Math.max(0, v));
        }
        return lo + toUnsigned(f * unsigned(hi - lo));
    }

    /** True when some of {@code r} is in view. */
    public boolean shows(AddressRange r) {
        return Long.compareUnsigned(r.end(), lo) >= 0 && Long.compareUnsigned(r.start(), hi) <= 0;
    }

    /** Half the span, around {@code centre}; never below {@link #MIN_SPAN}. From the overview: the range given. */
    public AddressScale zoomIn(long centre) {
        long span = log ? Math.max(MIN_SPAN, Long.highestOneBit(Math.max(centre, MIN_SPAN))) : (hi - lo) >>> 1;
        return around(centre, Math.max(MIN_SPAN, span));
    }

    /** Twice the span around the centre; the whole space becomes the overview again. */
    public AddressScale zoomOut() {
        if (log) return this;
        long span = hi - lo;
        if (Long.compareUnsigned(span, top >>> 1) >= 0) return overview(top);
        long centre = lo + (span >>> 1);
        return around(centre, span << 1 | 1);
    }

    /** A linear view of {@code r} with its own size of margin on each side, so its neighbours show. */
    public AddressScale zoomTo(AddressRange r) {
        long count = r.end() - r.start() + 1;
        long margin = count <= 0 ? (r.end() - r.start()) >>> 2 : Math.max(MIN_SPAN, count);
        long start = Long.compareUnsigned(r.start(), margin) < 0 ? 0 : r.start() - margin;
        long end = Long.compareUnsigned(top - r.end(), margin) < 0 ? top : r.end() + margin;
        if (Long.compareUnsigned(end - start, MIN_SPAN) < 0) return around(r.start(), MIN_SPAN);
        return new AddressScale(false, start, end, top);
    }

    /** This linear view moved so that {@code r} starts in it; the overview as it is. */
    public AddressScale reveal(AddressRange r) {
        if (log || shows(r)) return this;
        return around(r.start(), hi - lo);
    }

    private AddressScale around(long centre, long span) {
        long half = span >>> 1;
        long start = Long.compareUnsigned(centre, half) < 0 ? 0 : centre - half;
        long end = start + span;
        if (Long.compareUnsigned(end, start) < 0 || Long.compareUnsigned(end, top) > 0) {
            end = top;
            start = top - span;
        }
        return new AddressScale(false, start, end, top);
    }

    /** A tick: its x and its label. */
    public record Tick(double x, String label) {
    }

    /**
     * Ticks for a ruler {@code width} wide: in the overview at each 16th power of two from 4 KiB (4 KiB, 64 KiB,
     * 1 MiB … 256 TiB), labelled in binary units; in a linear view at a power-of-two step giving 4-10 ticks,
     * labelled with the hex address.
     */
    public List<Tick> ticks(double width) {
        List<Tick> out = new ArrayList<>();
        if (log) {
            out.add(new Tick(x(0, width), "0"));
            for (int bit = 12; bit < 64; bit += 4) {
                long a = 1L << bit;
                if (Long.compareUnsigned(a - 1, hi) > 0) break;
                out.add(new Tick(x(a, width), ByteSize.human(a)));
            }
            return out;
        }
        long span = hi - lo;
        long step = Long.highestOneBit(Math.max(1, span >>> 3));
        if (Long.compareUnsigned(span / step, 10) > 0) step <<= 1;
        long first = (lo + step - 1) & -step;
        if (Long.compareUnsigned(first, lo) < 0) return out;
        for (long a = first; Long.compareUnsigned(a, hi) <= 0; a += step) {
            out.add(new Tick(x(a, width), "0x" + Long.toHexString(a)));
            if (a + step < a) break;
        }
        return out;
    }

    /** The span shown, as a size: {@code 16 MiB}. */
    public String spanText() {
        long span = hi - lo;
        return span == -1L ? "16 EiB" : ByteSize.human(span + 1);
    }

    private static double ln(long a) {
        return Math.log(unsigned(a) + LOG_FLOOR);
    }

    static double unsigned(long v) {
        return v >= 0 ? v : (v >>> 1) * 2.0 + (v & 1);
    }

    private static long toUnsigned(double v) {
        if (v < 0x1p63) return (long) v;
        if (v >= 0x1p64) return -1L;
        return (long) (v / 2) << 1;
    }
}
