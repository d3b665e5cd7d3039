package org.dmascope.model.kernel.platform;

import java.util.OptionalInt;
import java.util.OptionalLong;

import org.dmascope.model.kernel.profile.KernelVersion;
import org.dmascope.model.kernel.rule.KernelRule;

/**
 * R-CMD-8 {@code swiotlb=<nslabs>[,<nareas>][,force|noforce]}, read as {@code setup_io_tlb_npages()}
 * (kernel/dma/swiotlb.c) reads it, an early parameter called once per occurrence:
 * <ul>
 *   <li>a leading number ({@code simple_strtoul(…, 0)}: decimal, {@code 0x} hex, leading-0 octal) sets the slab
 *       count (2 KiB slabs), rounded up to a multiple of 128 ({@code IO_TLB_SEGSIZE});</li>
 *   <li>v6.0+: a second number sets the area count ({@code swiotlb_adjust_nareas}: 0 → 1, else rounded up to a
 *       power of two); v5.x does not read it, so {@code 65536,4,force} is not forced there;</li>
 *   <li>{@code force} / {@code noforce} must be the whole rest of the value ({@code strcmp}); anything else is
 *       ignored silently (the handler always returns 0). v6.x keeps two flags, and {@code noforce} (no pool)
 *       wins over a {@code force} from another occurrence; v5.x keeps one setting, the last one wins, and
 *       v5.4's {@code noforce} also sets the slab count to 1.</li>
 * </ul>
 * Read in v5.4.273, v5.15.85, v6.1.119 and v6.19.0. What the values do: R-TLB-1 (pool size and areas) and
 * R-DIR-6 (whether a pool exists and whether every map bounces).
 *
 * @param nslabs  the slab count asked for, already rounded to 128
 * @param nareas  the area count asked for (v6.0+), already a power of two
 * @param force   {@code swiotlb_force_bounce}: every dma-direct streaming map bounces
 * @param noforce {@code swiotlb_force_disable}: no pool at all
 */
@KernelRule("R-CMD-8")
public record SwiotlbParameter(OptionalLong nslabs, OptionalInt nareas, boolean force, boolean noforce) {
    /** Nothing on the command line. */
    public static final SwiotlbParameter NONE = new SwiotlbParameter(OptionalLong.empty(), OptionalInt.empty(), false,
            false);
    /** {@code IO_TLB_SEGSIZE}. */
    static final int SEGSIZE = 128;

    /** The bounce behaviour the parameter asks for: {@code noforce} wins. */
    public boolean forced() {
        return force && !noforce;
    }

    /** Nothing was set. */
    public boolean isEmpty() {
        return equals(NONE);
    }

    /** {@code setup_io_tlb_npages(str)} on top of what earlier occurrences set. */
    public SwiotlbParameter setup(String str, KernelVersion profile) {
        OptionalLong slabs = nslabs;
        OptionalInt areas = nareas;
        int p = 0;
        if (p < str.length() && Character.isDigit(str.charAt(p))) {
            long[] r = strtoul(str, p);
            slabs = OptionalLong.of(alignUp(r[0], SEGSIZE));
            p = (int) r[1];
        }
        if (p < str.length() && str.charAt(p) == ',') p++;
        if (profile.atLeast(6, 0)) {
            if (p < str.length() && Character.isDigit(str.charAt(p))) {
                long[] r = strtoul(str, p);
                areas = OptionalInt.of(adjustNareas(r[0]));
                p = (int) r[1];
            }
            if (p < str.length() && str.charAt(p) == ',') p++;
        }
        String rest = str.substring(p);
        boolean f = force;
        boolean nf = noforce;
        if (rest.equals("force")) {
            f = true;
            if (!profile.atLeast(6, 0)) nf = false;
        } else if (rest.equals("noforce")) {
            nf = true;
            if (!profile.atLeast(6, 0)) f = false;
            if (!profile.atLeast(5, 15)) slabs = OptionalLong.of(1);
        }
        return new SwiotlbParameter(slabs, areas, f, nf);
    }

    /** {@code swiotlb_adjust_nareas()}: 0 → 1, else the next power of two. */
    static int adjustNareas(long n) {
        if (n <= 1) return 1;
        long v = Long.highestOneBit(n - 1) << 1;
        return (int) Math.min(v, 1 << 30);
    }

    private static long alignUp(long v, long a) {
        return (v + a - 1) / a * a;
    }

    /** {@code simple_strtoul(s + p, &end, 0)} ({@code _parse_integer_fixup_radix}): {value, end}. */
    static long[] strtoul(String s, int p) {
        int base = 10;
        if (s.charAt(p) == '0') {
            boolean hex = p + 2 < s.length() && Character.toLowerCase(s.charAt(p + 1)) == 'x'
                    && Character.digit(s.charAt(p + 2), 16) >= 0;
            base = hex ? 16 : 8;
            if (hex) p += 2;
        }
        long v = 0;
        while (p < s.length() && Character.digit(s.charAt(p), base) >= 0) {
            v = Math.min(v * base + Character.digit(s.charAt(p), base), 1L << 40);
            p++;
        }
        return new long[] {v, p};
    }

    @Override
    public String toString() {
        if (isEmpty()) return "(not set)";
        StringBuilder sb = new StringBuilder();
        nslabs.ifPresent(n -> sb.append(n).append(" slabs"));
        nareas.ifPresent(n -> sb.append(sb.length() > 0 ? ", " : "").append(n).append(" areas"));
        if (noforce) sb.append(sb.length() > 0 ? ", " : "").append("noforce");
        else if (force) sb.append(sb.length() > 0 ? ", " : "").append("force");
        return sb.toString();
    }
}
