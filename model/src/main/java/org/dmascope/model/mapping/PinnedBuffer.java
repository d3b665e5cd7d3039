package org.dmascope.model.mapping;

import java.util.Arrays;
import java.util.List;

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
    /** The explicit entries of an {@link BufferSpec.Sg} buffer, null for the other kinds. */
    private final PinnedEntries entries;
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
        this.entries = null;
    }

    /** An explicit scatterlist: {@code pages} are the pages its entries touch, in entry order. */
    PinnedBuffer(long[] pages, PinnedEntries entries) {
        this.pages = pages;
        this.entries = entries;
        this.offset = entries.phys(0) & 0xFFF;
        long s = 0;
        for (int i = 0; i < entries.count(); i++) s += entries.length(i);
        this.size = s;
        this.provider = entries.providers().isEmpty() ? null : entries.providers().get(0);
        this.phyrCount = -1;
    }

    /** The explicit entries when the buffer is an {@link BufferSpec.Sg} list, else null. */
    public PinnedEntries entries() {
        return entries;
    }

    /** Whether the buffer mixes host RAM and P2P memory. */
    public boolean mixed() {
        return entries != null && entries.mixed();
    }

    /** The distinct P2P providers of the buffer, in buffer order (empty for host memory). */
    public List<P2pProvider> providers() {
        if (entries != null) return entries.providers();
        return provider == null ? List.of() : List.of(provider);
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

    /** The P2P provider (the first of an explicit list's), or null for host memory. */
    public P2pProvider provider() {
        return provider;
    }

    /** Whether any of the buffer is P2P memory. */
    public boolean isP2p() {
        return provider != null;
    }

    /** The merged physical ranges, computed on first use (a large buffer's pin step need not pay for them). */
    public PhysRanges phyr() {
        PhysRanges r = phyr;
        if (r == null) phyr = r = entries != null ? entries.ranges() : PhysRanges.ofPages(pages, pages.length, offset,
                size);
        return r;
    }

    /** How many physical ranges there are, without building them (counted once). */
    public int phyrCount() {
        int n = phyrCount;
        if (n < 0) phyrCount = n = entries != null ? phyr().count() : PhysRanges.countRanges(pages, pages.length);
        return n;
    }

    long footprintBytes() {
        PhysRanges r = phyr;
        return 48 + 8L * pages.length + (r == null ? 0 : r.footprintBytes())
                + (entries == null ? 0 : entries.footprintBytes());
    }
}
