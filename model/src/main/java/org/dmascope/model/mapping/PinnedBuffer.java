package org.dmascope.model.mapping;

import java.util.Arrays;

import org.dmascope.model.kernel.dma.P2pProvider;

/**
 * The buffer after the pin step: its 4 KiB pages in buffer order ({@code pin_user_pages} or the
 * P2P pool's ZONE_DEVICE pages), where it starts in the first page, its size, and the merged
 * physical ranges. P2P pages all belong to one provider.
 */
public final class PinnedBuffer {
    private final long[] pages;
    private final long offset;
    private final long size;
    private final P2pProvider provider;
    private volatile PhysRanges phyr;
    /** The number of physical ranges, -1 until counted. */
    private volatile int phyrCount;

    PinnedBuffer(long[] pages, long offset, long size, P2pProvider provider) {
        this(pages, offset, size, provider, -1);
    }

    /** @param phyrCount the number of physical ranges when the pin step counted them while placing, else -1 */
    PinnedBuffer(long[] pages, long offset, long size, P2pProvider provider, int phyrCount) {
        this.pages = pages;
        this.offset = offset;
        this.size = size;
        this.provider = provider;
        this.phyrCount = phyrCount;
    }

    public int pageCount() {
        return pages.length;
    }

    public long page(int i) {
        return pages[i];
    }

    long[] pagesArray() {
        return pages;
    }

    /** A copy of the page addresses. */
    public long[] pages() {
        return Arrays.copyOf(pages, pages.length);
    }

    /** Offset of the buffer's first byte in its first page. */
    public long offset() {
        return offset;
    }

    public long size() {
        return size;
    }

    /** The P2P provider, or null for host memory. */
    public P2pProvider provider() {
        return provider;
    }

    public boolean isP2p() {
        return provider != null;
    }

    /** The merged physical ranges, computed on first use (a large buffer's pin step need not pay for them). */
    public PhysRanges phyr() {
        PhysRanges r = phyr;
        if (r == null) phyr = r = PhysRanges.ofPages(pages, pages.length, offset, size);
        return r;
    }

    /** How many physical ranges there are, without building them (counted once). */
    public int phyrCount() {
        int n = phyrCount;
        if (n < 0) phyrCount = n = PhysRanges.countRanges(pages, pages.length);
        return n;
    }

    long footprintBytes() {
        PhysRanges r = phyr;
        return 48 + 8L * pages.length + (r == null ? 0 : r.footprintBytes());
    }
}
