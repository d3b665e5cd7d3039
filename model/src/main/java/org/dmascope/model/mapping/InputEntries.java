package org.dmascope.model.mapping;

import java.util.Arrays;
import java.util.Objects;

import org.dmascope.model.kernel.sg.ScatterList;

/**
 * The entries handed to the mapping call: scatterlist entries ({@code dma_map_sg}), physical
 * vectors ({@code blk_rq_dma_map_iter}, {@code dma_map_phys}, {@code dma_iova_link}).
 */
public final class InputEntries {
    /** What kind of entry. */
    public enum Kind {
        SCATTERLIST("struct scatterlist"), PHYS_VEC("struct phys_vec");

        private final String cName;

        Kind(String cName) {
            this.cName = cName;
        }

        public String cName() {
            return cName;
        }
    }

    static final InputEntries EMPTY = new InputEntries(Kind.PHYS_VEC, new long[0], new int[0], new long[0], null,
            new int[0]);

    private final Kind kind;
    private final long[] base;
    private final int[] offset;
    private final long[] len;
    private final int[] len32;
    /** Null when no entry is P2P memory. */
    private final int[] provider;

    private InputEntries(Kind kind, long[] base, int[] offset, long[] len, int[] len32, int[] provider) {
        this.kind = kind;
        this.base = base;
        this.offset = offset;
        this.len = len;
        this.len32 = len32;
        this.provider = provider;
    }

    /** The list's input fields after mapping (the kernel restores them), shared rather than copied. */
    static InputEntries of(ScatterList sg) {
        Object[] c = sg.inputColumns();
        return new InputEntries(Kind.SCATTERLIST, (long[]) c[0], (int[]) c[1], null, (int[]) c[2], (int[]) c[3]);
    }

    static InputEntries ofVectors(long[] p, long[] l, boolean[] q, int n) {
        int[] prov = new int[n];
        for (int i = 0; i < n; i++) prov[i] = q[i] ? 0 : -1;
        return new InputEntries(Kind.PHYS_VEC, Arrays.copyOf(p, n), null, Arrays.copyOf(l, n), null, prov);
    }

    public Kind kind() {
        return kind;
    }

    public int count() {
        return base.length;
    }

    /** Physical address of the entry's first byte ({@code sg_phys}). */
    public long phys(int i) {
        return offset == null ? base[i] : base[i] + Integer.toUnsignedLong(offset[i]);
    }

    public long length(int i) {
        return len != null ? len[i] : Integer.toUnsignedLong(len32[i]);
    }

    /** The entry's pages are P2P memory. */
    public boolean p2p(int i) {
        if (provider == null) return Objects.checkIndex(i, base.length) < 0;
        return provider[i] >= 0;
    }

    long footprintBytes() {
        return 48 + 8L * base.length + (offset == null ? 0 : 4L * offset.length) + (len == null ? 4L * len32.length
                : 8L * len.length)
                + (provider == null ? 0 : 4L * provider.length);
    }
}
