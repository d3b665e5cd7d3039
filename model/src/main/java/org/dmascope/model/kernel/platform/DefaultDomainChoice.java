package org.dmascope.model.kernel.platform;

import java.util.Arrays;
import java.util.Optional;

/**
 * The user-facing choice of default DMA domain behaviour, the way {@code iommu.passthrough=} and
 * {@code iommu.strict=} set it on the kernel command line (R-GRP-3) and {@code --iommu-mode} sets it
 * for the topology rules. It is an input to the default-domain rule; the per-device outcome of that
 * rule is {@link org.dmascope.model.mapping.IommuMode}.
 */
public enum DefaultDomainChoice {
    /** Translated, strict: unmap flushes the IOTLB before the IOVA is reused ({@code iommu.strict=1}). */
    DMA("dma"),
    /** Translated, lazy: IOVAs go through a flush queue ({@code iommu.strict=0}, DMA-FQ). */
    LAZY("lazy"),
    /** Pass-through: devices use dma-direct ({@code iommu.passthrough=1}, x86 {@code iommu=pt}). */
    IDENTITY("identity");

    private final String id;

    DefaultDomainChoice(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Optional<DefaultDomainChoice> byId(String id) {
        return Arrays.stream(values()).filter(m -> m.id.equalsIgnoreCase(id)).findFirst();
    }
}
