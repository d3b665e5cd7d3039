package org.dmascope.model.mapping;

import java.util.Arrays;

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

    static final InputEntries EMPTY = new InputEntries(Kind.PHYS_VEC, new long[0], new long[0], new boolean[0]);

    private final Kind kind;
    private final long[] phys;
    private final long[] len;
    private final boolean[] p2p;

    InputEntries(Kind kind, long[] phys, long[] len, boolean[] p2p) {
        this.kind = kind;
        this.phys = phys;
        this.len = len;
        this.p2p = p2p;
    }

    static InputEntries of(ScatterList sg) {
        int n = sg.nents();
        long[] p = new long[n];
        long[] l = new long[n];
        boolean[] q = new boolean[n];
        for (int i = 0; i < n; i++) {
            p[i] = sg.phys(i);
            l[i] = sg.length(i);
            q[i] = sg.provider(i) >= 0;
        }
        return new InputEntries(Kind.SCATTERLIST, p, l, q);
    }

    static InputEntries ofVectors(long[] p, long[] l, boolean[] q, int n) {
        return new InputEntries(Kind.PHYS_VEC, Arrays.copyOf(p, n), Arrays.copyOf(l, n), Arrays.copyOf(q, n));
    }

    public Kind kind() {
        return kind;
    }

    public int count() {
        return phys.length;
    }

    /** Physical address of the entry's first byte ({@code sg_phys}). */
    public long phys(int i) {
        return phys[i];
    }

    public long length(int i) {
        return len[i];
    }

    /** The entry's pages are P2P memory. */
    public boolean p2p(int i) {
        return p2p[i];
    }

    long footprintBytes() {
        return 48 + 17L * phys.length;
    }
}
