package org.dmascope.views.pagewalk;

import java.util.ArrayList;
import java.util.List;

import org.dmascope.model.kernel.pagetable.PageTableGeometry;

/**
 * An IOVA cut into the bit fields the page-table format reads (its {@link PageTableGeometry}):
 * the bits above the root index, one index per level walked, and the offset into the page or
 * superpage the walk ends at.
 */
final class IovaBits {
    /** Kind of field. */
    enum Kind {
        /** Bits no level indexes (above the root's index). */
        UPPER,
        /** A level's table index. */
        INDEX,
        /** The offset into the leaf's page. */
        OFFSET
    }

    /**
     * One field, bits {@code lo..hi} inclusive.
     *
     * @param depth the walk depth for {@link Kind#INDEX}, else -1
     */
    record Field(Kind kind, String name, int depth, int hi, int lo, long value) {
        int width() {
            return hi - lo + 1;
        }

        /** The field's bits, most significant first. */
        String binary() {
            StringBuilder sb = new StringBuilder(width());
            for (int b = hi; b >= lo; b--) sb.append(((value >>> (b - lo)) & 1) == 0 ? '0' : '1');
            return sb.toString();
        }
    }

    private IovaBits() {
    }

    /**
     * The fields of {@code iova} for a walk that stops at {@code leafDepth}, highest bits first.
     */
    static List<Field> split(PageTableGeometry g, long iova, int leafDepth) {
        List<Field> out = new ArrayList<>(leafDepth + 3);
        int top = g.shift(0) + g.indexBits(0);
        if (top < 64) out.add(new Field(Kind.UPPER, "upper bits", -1, 63, top, iova >>> top));
        for (int d = 0; d <= leafDepth; d++) {
            int lo = g.shift(d);
            int hi = lo + g.indexBits(d) - 1;
            out.add(new Field(Kind.INDEX, g.levelName(d), d, hi, lo, g.index(iova, d)));
        }
        int pageShift = g.shift(leafDepth);
        out.add(new Field(Kind.OFFSET, "page offset", -1, pageShift - 1, 0, iova & ((1L << pageShift) - 1)));
        return out;
    }
}
