package org.dmascope.model.kernel.swiotlb;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.dmascope.model.kernel.rule.KernelRule;

/**
 * The default bounce-buffer pool ({@code struct io_tlb_pool}) with its slot state. Allocated slots
 * stay taken until released, so a second mapping lands where the kernel would put it.
 *
 * <p>R-TLB-2 the free-list encoding ({@code swiotlb_init_io_tlb_pool}, {@code swiotlb_release_slots}):
 * {@code slots[i].list} is the number of free slots starting at {@code i} up to the end of its
 * 128-slot segment, so one allocation never crosses a segment and is at most 128 × 2048 bytes.
 * Dynamic transient pools ({@code CONFIG_SWIOTLB_DYNAMIC}) are not modelled: only the default pool.
 */
@KernelRule("R-TLB-2")
public final class SwiotlbPool {
    public static final int IO_TLB_SHIFT = 11;
    public static final int IO_TLB_SIZE = 1 << IO_TLB_SHIFT;
    public static final int IO_TLB_SEGSIZE = 128;
    public static final long INVALID_PHYS_ADDR = -1L;

    private final SwiotlbSizing sizing;
    // The slot arrays are created on first use: a pool nobody bounces through costs nothing.
    int[] list;
    long[] origAddr;
    int[] allocSize;
    int[] padSlots;
    final int[] areaUsed;
    final int[] areaIndex;
    private final Map<Long, SwiotlbAllocation> live = new LinkedHashMap<>();

    public SwiotlbPool(SwiotlbSizing sizing) {
        this.sizing = sizing;
        areaUsed = new int[sizing.nareas()];
        areaIndex = new int[sizing.nareas()];
    }

    /** Creates the slot arrays in their boot state, once. */
    void ensureSlots() {
        if (list != null) return;
        int n = sizing.nslabs();
        list = new int[n];
        origAddr = new long[n];
        allocSize = new int[n];
        padSlots = new int[n];
        initSlots();
    }

    /** Frees every slot: the pool as boot leaves it. */
    public void reset() {
        java.util.Arrays.fill(areaUsed, 0);
        java.util.Arrays.fill(areaIndex, 0);
        live.clear();
        if (list != null) initSlots();
    }

    private void initSlots() {
        int n = sizing.nslabs();
        for (int i = 0; i < n; i++) {
            list[i] = Math.min(IO_TLB_SEGSIZE - (i % IO_TLB_SEGSIZE), n - i);
            origAddr[i] = INVALID_PHYS_ADDR;
            allocSize[i] = 0;
            padSlots[i] = 0;
        }
    }

    public SwiotlbSizing sizing() {
        return sizing;
    }

    public long start() {
        return sizing.start();
    }

    public int nslabs() {
        return sizing.nslabs();
    }

    /** {@code slots[i].list}: free slots from {@code i} to the end of its segment (0 when taken). */
    public int freeRun(int slot) {
        ensureSlots();
        return list[slot];
    }

    /** Slots in use over all areas. */
    public int used() {
        int u = 0;
        for (int a : areaUsed) u += a;
        return u;
    }

    public boolean isEmpty() {
        return used() == 0 && live.isEmpty();
    }

    /** The bounce buffers currently taken, in allocation order. */
    public List<SwiotlbAllocation> liveAllocations() {
        return Collections.unmodifiableList(new ArrayList<>(live.values()));
    }

    /** Marks {@code nslots} slots from {@code slot} taken and fixes the free-run counts before them. */
    void take(int area, int slot, int nslots, int index, int allocBytes) {
        for (int i = slot; i < slot + nslots; i++) {
            list[i] = 0;
            allocSize[i] = allocBytes - ((i - slot) << IO_TLB_SHIFT);
        }
        int count = 0;
        for (int i = slot - 1; i >= 0 && (i & (IO_TLB_SEGSIZE - 1)) != IO_TLB_SEGSIZE - 1 && list[i] != 0; i--) {
            list[i] = ++count;
        }
        areaIndex[area] = wrapAreaIndex(index + nslots);
        areaUsed[area] += nslots;
    }

    void record(SwiotlbAllocation a) {
        live.put(a.tlbAddr(), a);
    }

    int wrapAreaIndex(int index) {
        return index >= sizing.areaNslabs() ? 0 : index;
    }

    /**
     * {@code swiotlb_release_slots()}: gives the slots of the bounce buffer at {@code tlbAddr} back,
     * merging the free run with the free slots after and before it inside the segment.
     *
     * @return the released allocation
     * @throws IllegalArgumentException when no bounce buffer starts there
     */
    public SwiotlbAllocation release(long tlbAddr) {
        ensureSlots();
        SwiotlbAllocation a = live.remove(tlbAddr);
        if (a == null) throw new IllegalArgumentException("no swiotlb bounce buffer at 0x" + Long.toHexString(tlbAddr));
        int index = a.firstSlot();
        int nslots = a.nslots();
        int count = index + nslots < alignUpSeg(index + 1) ? list[index + nslots] : 0;
        for (int i = index + nslots - 1; i >= index; i--) {
            list[i] = ++count;
            origAddr[i] = INVALID_PHYS_ADDR;
            allocSize[i] = 0;
            padSlots[i] = 0;
        }
        for (int i = index - 1; i >= 0 && (i & (IO_TLB_SEGSIZE - 1)) != IO_TLB_SEGSIZE - 1 && list[i] != 0; i--) {
            list[i] = ++count;
        }
        areaUsed[a.area()] -= nslots;
        return a;
    }

    private static int alignUpSeg(int x) {
        return (x + IO_TLB_SEGSIZE - 1) & -IO_TLB_SEGSIZE;
    }

    /** Physical address of slot {@code index}: {@code slot_addr(start, index)}. */
    public long slotAddr(int index) {
        return sizing.start() + ((long) index << IO_TLB_SHIFT);
    }

    /** True when {@code phys} lies inside the pool ({@code is_swiotlb_buffer}). */
    public boolean contains(long phys) {
        return Long.compareUnsigned(phys, sizing.start()) >= 0
                && Long.compareUnsigned(phys - sizing.start(), sizing.bytes()) < 0;
    }
}
