package org.dmascope.model.kernel.dma;

import java.util.Locale;
import java.util.Optional;

/** {@code enum dma_data_direction}: who writes the buffer. */
public enum DmaDirection {
    BIDIRECTIONAL("DMA_BIDIRECTIONAL", "bidirectional"),
    TO_DEVICE("DMA_TO_DEVICE", "to-device"),
    FROM_DEVICE("DMA_FROM_DEVICE", "from-device");

    private final String kernelName;
    private final String spec;

    DmaDirection(String kernelName, String spec) {
        this.kernelName = kernelName;
        this.spec = spec;
    }

    public String kernelName() {
        return kernelName;
    }

    /** The spelling used in buffer specs: {@code to-device}. */
    public String spec() {
        return spec;
    }

    public static Optional<DmaDirection> parse(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        for (DmaDirection d : values()) if (d.spec.equals(t)) return Optional.of(d);
        return Optional.empty();
    }

    /** The device reads the buffer ({@code IOMMU_READ}). */
    public boolean deviceReads() {
        return this != FROM_DEVICE;
    }

    /** The device writes the buffer ({@code IOMMU_WRITE}). */
    public boolean deviceWrites() {
        return this != TO_DEVICE;
    }
}
