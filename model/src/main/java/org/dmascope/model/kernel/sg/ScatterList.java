package org.dmascope.model.kernel.sg;

import java.util.Arrays;
import java.util.Objects;

import org.dmascope.model.kernel.dma.KernelArith;

/**
 * A working {@code struct scatterlist} array in primitive columns: input fields (page, offset,
 * length, the page's P2P provider) and the DMA fields the mapping code fills in place, exactly as the
 * kernel reuses the same entries for input and output. Chain entries are not stored (they carry no
 * data, R-SG-1); {@link SgTableLayout} accounts for them.
 */
public final class ScatterList {
    /** {@code SG_DMA_BUS_ADDRESS}: the DMA address is a PCI bus address (P2P, no IOMMU). */
    public static final byte SG_DMA_BUS_ADDRESS = 1;
    /** {@code SG_DMA_SWIOTLB}: the list was bounced through swiotlb by dma-iommu. */
    public static final byte SG_DMA_SWIOTLB = 2;
    /**
     * Not a kernel flag: marks an entry whose {@code dma_address} the kernel left unassigned
     * (dma-direct with a {@code THRU_HOST_BRIDGE} page in v6.17+, R-DIR-4 note).
     */
    public static final byte DMA_ADDRESS_UNSET = 4;
    /** No P2P provider: an ordinary page. */
    public static final int NO_PROVIDER = -1;

    int nents;
    long[] page;
    // offset, length and dma_length are unsigned int in struct scatterlist: stored as int, read unsigned.
    // Columns that are mostly zero (offset, flags, provider) stay null until an entry needs them, and
    // formedFrom grows with the output segments: a large host list of whole pages pays for none of them.
    int[] offset;
    int[] length;
    long[] dmaAddress;
    int[] dmaLength;
    byte[] dmaFlags;
    int[] provider;
    int[] formedFrom;
    /** See {@link #fromPages()}; dropped by any change to an entry's page, offset, length or flags. */
    long[] fromPages;
    long longestEntry;

    public ScatterList(int capacity) {
        int c = Math.max(1, capacity);
        page = new long[c];
        length = new int[c];
        dmaAddress = new long[c];
        dmaLength = new int[c];
        formedFrom = new int[Math.min(c, 16)];
    }

    /** Appends an entry ({@code sg_set_page}); {@code pagePhys} must be page aligned. */
    public int add(long pagePhys, long off, long len, int providerIndex) {
        fromPages = null;
        if (nents == page.length) grow();
        int i = nents++;
        page[i] = pagePhys;
        setOffset(i, off);
        length[i] = (int) len;
        if (providerIndex != NO_PROVIDER) {
            if (provider == null) {
                provider = new int[page.length];
                Arrays.fill(provider, NO_PROVIDER);
            }
            provider[i] = providerIndex;
        } else if (provider != null) {
            provider[i] = NO_PROVIDER;
        }
        return i;
    }

    /** Appends an entry for a physical address, split into page and in-page offset. */
    public int addPhys(long phys, long len, int providerIndex) {
        return add(phys & -KernelArith.PAGE_SIZE, phys & (KernelArith.PAGE_SIZE - 1), len, providerIndex);
    }

    private void grow() {
        int n = page.length * 2;
        page = Arrays.copyOf(page, n);
        if (offset != null) offset = Arrays.copyOf(offset, n);
        length = Arrays.copyOf(length, n);
        dmaAddress = Arrays.copyOf(dmaAddress, n);
        dmaLength = Arrays.copyOf(dmaLength, n);
        if (dmaFlags != null) dmaFlags = Arrays.copyOf(dmaFlags, n);
        if (provider != null) {
            provider = Arrays.copyOf(provider, n);
            Arrays.fill(provider, nents, n, NO_PROVIDER);
        }
    }

    public int nents() {
        return nents;
    }

    public long page(int i) {
        return page[i];
    }

    public long offset(int i) {
        return offset == null ? 0 : Integer.toUnsignedLong(offset[i]);
    }

    public long length(int i) {
        return Integer.toUnsignedLong(length[i]);
    }

    // The columns themselves, for passes that walk every entry in place as the kernel's loops do: a
    // loop over local arrays compiles to far less than one over accessors. Each is at least nents()
    // long and stays the same array until entries are added. Lengths and offsets are read through
    // them but changed only through setLength/setOffset, which keep fromPages() honest.

    /** The {@code dma_address} column. */
    public long[] dmaAddressColumn() {
        return dmaAddress;
    }

    /** The {@code dma_length} column (unsigned). */
    public int[] dmaLengthColumn() {
        return dmaLength;
    }

    /** The {@code length} column (unsigned), to read. */
    public int[] lengthColumn() {
        return length;
    }

    /** The DMA flags column, null while no entry has a flag. */
    public byte[] dmaFlagsColumn() {
        return dmaFlags;
    }

    /** Whether every entry starts at offset 0 of its page. */
    public boolean noOffsets() {
        return offset == null;
    }

    /** Whether every entry is ordinary memory ({@link #NO_PROVIDER}). */
    public boolean noProviders() {
        return provider == null;
    }

    /** {@code sg_phys(sg)}. */
    public long phys(int i) {
        return offset == null ? page[i] : page[i] + Integer.toUnsignedLong(offset[i]);
    }

    public int provider(int i) {
        return provider == null ? NO_PROVIDER : provider[i];
    }

    public long dmaAddress(int i) {
        return dmaAddress[i];
    }

    public long dmaLength(int i) {
        return Integer.toUnsignedLong(dmaLength[i]);
    }

    public byte dmaFlags(int i) {
        return dmaFlags == null ? 0 : dmaFlags[i];
    }

    public boolean isBusAddress(int i) {
        return dmaFlags != null && (dmaFlags[i] & SG_DMA_BUS_ADDRESS) != 0;
    }

    /** For output segment {@code i}: the first input entry that formed it. */
    public int formedFrom(int i) {
        return i < formedFrom.length ? formedFrom[i] : 0;
    }

    // In-place field access for the mapping code in other kernel packages.

    public void setDma(int i, long addr, long len) {
        dmaAddress[i] = addr;
        dmaLength[i] = (int) len;
    }

    public void setDmaAddress(int i, long addr) {
        dmaAddress[i] = addr;
    }

    public void setDmaLength(int i, long len) {
        dmaLength[i] = (int) len;
    }

    public void setOffset(int i, long v) {
        if (offset == null) {
            if ((int) v == 0) return;
            offset = new int[page.length];
        }
        if (offset[i] != (int) v) fromPages = null;
        offset[i] = (int) v;
    }

    public void setLength(int i, long v) {
        if (length[i] != (int) v) fromPages = null;
        length[i] = (int) v;
    }

    public void markUnset(int i) {
        fromPages = null;
        flags()[i] |= DMA_ADDRESS_UNSET;
    }

    public void markBusAddress(int i) {
        fromPages = null;
        flags()[i] |= SG_DMA_BUS_ADDRESS;
    }

    public void unmarkBusAddress(int i) {
        if (dmaFlags != null) dmaFlags[i] &= ~SG_DMA_BUS_ADDRESS;
    }

    /** {@code sg_dma_mark_swiotlb(sg)}: marks the whole list (the flag lives on the first entry). */
    public void markSwiotlb() {
        fromPages = null;
        if (nents > 0) flags()[0] |= SG_DMA_SWIOTLB;
    }

    /**
     * The whole pages the entries were cut from, when {@code sg_alloc_table_from_pages} made one
     * entry of every maximal run of consecutive ordinary pages of a buffer that starts and ends on a
     * page boundary, and no entry has changed since (null otherwise): entry {@code i} then covers the
     * next {@code length(i) / PAGE_SIZE} of these pages, and no entry continues the one before it
     * physically. Mapping code may use the array as the list of pages; nobody may change it.
     */
    public long[] fromPages() {
        return fromPages;
    }

    /** The longest entry in bytes, while {@link #fromPages()} is not null. */
    public long longestEntry() {
        return longestEntry;
    }

    public boolean isSwiotlb() {
        return nents > 0 && dmaFlags != null && (dmaFlags[0] & SG_DMA_SWIOTLB) != 0;
    }

    private byte[] flags() {
        if (dmaFlags == null) dmaFlags = new byte[page.length];
        return dmaFlags;
    }

    public void setFormedFrom(int outSlot, int firstInput) {
        if (outSlot >= formedFrom.length) {
            Objects.checkIndex(outSlot, page.length);
            formedFrom = Arrays.copyOf(formedFrom, Math.min(page.length, Math.max(outSlot + 1, formedFrom.length * 2)));
        }
        formedFrom[outSlot] = firstInput;
    }

    /** Resets every DMA field ({@code sg_init_table} zeroes them). */
    public void clearDma() {
        Arrays.fill(dmaAddress, 0, nents, 0);
        Arrays.fill(dmaLength, 0, nents, 0);
        if (dmaFlags != null) Arrays.fill(dmaFlags, 0, nents, (byte) 0);
    }

    /** An independent copy of the input fields (the DMA fields start cleared). */
    public ScatterList copyInputs() {
        ScatterList c = new ScatterList(nents);
        System.arraycopy(page, 0, c.page, 0, nents);
        if (offset != null) c.offset = Arrays.copyOf(offset, c.page.length);
        System.arraycopy(length, 0, c.length, 0, nents);
        if (provider != null) c.provider = Arrays.copyOf(provider, c.page.length);
        c.nents = nents;
        return c;
    }

    /**
     * The input columns exactly {@code nents} long (page, offset, length, provider), shared when the
     * arrays are already that size: for keeping the entries after mapping, which restores them. The
     * offset column is null when every offset is 0, the provider column when every entry is ordinary
     * memory.
     */
    public Object[] inputColumns() {
        boolean exact = page.length == nents;
        return new Object[] {exact ? page : Arrays.copyOf(page, nents),
                offset == null ? null : exact ? offset : Arrays.copyOf(offset, nents),
                exact ? length : Arrays.copyOf(length, nents),
                provider == null ? null : exact ? provider : Arrays.copyOf(provider, nents)};
    }

    /** Total bytes of the input entries. */
    public long totalLength() {
        long t = 0;
        for (int i = 0; i < nents; i++) t += Integer.toUnsignedLong(length[i]);
        return t;
    }
}
