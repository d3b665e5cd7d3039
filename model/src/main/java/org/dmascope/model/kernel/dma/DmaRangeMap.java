package org.dmascope.model.kernel.dma;

import java.util.ArrayList;
import java.util.List;

import org.dmascope.model.topology.DmaRange;

/**
 * {@code dev->dma_range_map}: the list of {@code struct bus_dma_region} a device inherits from its
 * host bridge's {@code dma-ranges}. {@link #IDENTITY} stands for the kernel's NULL map (CPU physical
 * equals DMA address).
 */
public final class DmaRangeMap {
    /** {@code struct bus_dma_region}. */
    public record Region(long cpuStart, long dmaStart, long size) {
    }

    /** No map: {@code dev->dma_range_map == NULL}. */
    public static final DmaRangeMap IDENTITY = new DmaRangeMap(List.of());

    private final List<Region> regions;

    private DmaRangeMap(List<Region> regions) {
        this.regions = List.copyOf(regions);
    }

    public static DmaRangeMap of(List<Region> regions) {
        return regions.isEmpty() ? IDENTITY : new DmaRangeMap(regions);
    }

    /** The map a PCI device gets from its host bridge's inbound ranges (identity when it has none). */
    public static DmaRangeMap fromHostBridge(List<DmaRange> ranges) {
        List<Region> list = new ArrayList<>();
        for (DmaRange r : ranges) list.add(new Region(r.cpuStart(), r.busStart(), r.size()));
        return of(list);
    }

    public boolean isIdentity() {
        return regions.isEmpty();
    }

    public List<Region> regions() {
        return regions;
    }

    @Override
    public String toString() {
        if (isIdentity()) return "identity";
        StringBuilder sb = new StringBuilder();
        for (Region r : regions) {
            if (sb.length() > 0) sb.append(", ");
            sb.append("cpu 0x").append(Long.toHexString(r.cpuStart)).append(" -> dma 0x")
                    .append(Long.toHexString(r.dmaStart)).append(" size 0x").append(Long.toHexString(r.size));
        }
        return sb.toString();
    }
}
