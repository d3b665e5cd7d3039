package org.dmascope.model.topology;

/**
 * An inbound DMA range of a host bridge ({@code dma-ranges} / {@code bus_dma_region}): bus (DMA)
 * addresses {@code [busStart, busStart+size)} reach CPU physical {@code [cpuStart, cpuStart+size)}.
 */
public record DmaRange(long cpuStart, long busStart, long size) {
    public DmaRange {
        if (size == 0) throw new IllegalArgumentException("a DMA range needs a size");
    }

    public AddressRange cpuRange() {
        return AddressRange.ofSize(cpuStart, size);
    }

    public AddressRange busRange() {
        return AddressRange.ofSize(busStart, size);
    }
}
