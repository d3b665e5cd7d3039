package org.dmascope.model.kernel.dma;

import java.util.ArrayList;
import java.util.List;

import org.dmascope.model.topology.DmaRange;

/**
 * {@code dev->dma_range_map}: the list of {@code struct bus_dma_region} a device inherits from its
 * host bridge's {@code dma-ranges}. {@link #IDENTITY} stands for the kernel's NULL map (CPU physical
 * equals DMA address). It also carries the address bit {@code phys_to_dma()} adds on top of the map on
 * an SME host ({@code sme_me_mask}, the C-bit; 0 elsewhere), since both describe how this device's DMA
 * addresses are formed from CPU physical ones (R-DIR-1).
 */
public final class DmaRangeMap {
    /** {@code struct bus_dma_region}. */
    public record Region(long cpuStart, long dmaStart, long size) {
    }

    /** No map: {@code dev->dma_range_map == NULL}. */
    public static final DmaRangeMap IDENTITY = new DmaRangeMap(List.of(), 0);

    private final List<Region> regions;
    private final long encryptionMask;

    private DmaRangeMap(List<Region> regions, long encryptionMask) {
        this.regions = List.copyOf(regions);
        this.encryptionMask = encryptionMask;
    }

    public static DmaRangeMap of(List<Region> regions) {
        return regions.isEmpty() ? IDENTITY : new DmaRangeMap(regions, 0);
    }

    /** This map with {@code sme_me_mask}: the C-bit {@code phys_to_dma()} sets, 0 for none. */
    public DmaRangeMap withEncryptionMask(long mask) {
        return mask == encryptionMask ? this : new DmaRangeMap(regions, mask);
    }

    /** {@code sme_me_mask}: the bit {@code phys_to_dma()} adds on an SME host, 0 elsewhere. */
    public long encryptionMask() {
        return encryptionMask;
    }

    /** The map a PCI device gets from its host bridge's inbound ranges (identity when it has none). */
    public static DmaRangeMap fromHostBridge(List<DmaRange> ranges) {
        List<Region> list = new ArrayList<>();
        for (DmaRange r : ranges) list.add(new Region(r.cpuStart(), r.busStart(), r.size()));
        return of(list);
    }

    /** No region translates: CPU physical equals DMA address (apart from an SME C-bit). */
    public boolean isIdentity() {
        return regions.isEmpty();
    }

    public List<Region> regions() {
        return regions;
    }

    @Override
    public String toString() {
        String sme = encryptionMask == 0 ? "" : String.format(" (SME C-bit 0x%x)", encryptionMask);
        if (isIdentity()) return "identity" + sme;
        StringBuilder sb = new StringBuilder();
        for (Region r : regions) {
            if (sb.length() > 0) sb.append(", ");
            sb.append("cpu 0x").append(Long.toHexString(r.cpuStart)).append(" -> dma 0x")
                    .append(Long.toHexString(r.dmaStart)).append(" size 0x").append(Long.toHexString(r.size));
        }
        return sb.append(sme).toString();
    }
}
