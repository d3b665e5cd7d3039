package org.dmascope.model.mapping;

import java.util.Locale;
import java.util.Optional;

import org.dmascope.model.topology.Platform;

/**
 * How the initiator's DMA is translated: the resolved default-domain type of its IOMMU group
 * (R-GRP-3), or no IOMMU at all.
 */
public enum IommuMode {
    /** {@code IOMMU_DOMAIN_DMA}: dma-iommu, strict invalidation. */
    DMA("dma", "IOMMU DMA domain, strict"),
    /** {@code IOMMU_DOMAIN_DMA_FQ}: dma-iommu, lazy invalidation through a flush queue. */
    DMA_FQ("lazy", "IOMMU DMA domain, lazy (flush queue)"),
    /** {@code IOMMU_DOMAIN_IDENTITY} ({@code iommu=pt}): the IOMMU passes addresses through; dma-direct. */
    IDENTITY("identity", "IOMMU identity (passthrough) domain: dma-direct"),
    /** No IOMMU translating for the device: dma-direct. */
    OFF("off", "no IOMMU: dma-direct");

    private final String cli;
    private final String words;

    IommuMode(String cli, String words) {
        this.cli = cli;
        this.words = words;
    }

    /** The {@code --iommu-mode} spelling. */
    public String cli() {
        return cli;
    }

    public String words() {
        return words;
    }

    /** True when mappings go through dma-iommu. */
    public boolean translates() {
        return this == DMA || this == DMA_FQ;
    }

    public static Optional<IommuMode> parse(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        for (IommuMode m : values()) if (m.cli.equals(t)) return Optional.of(m);
        if (t.equals("dma-fq") || t.equals("fq")) return Optional.of(DMA_FQ);
        if (t.equals("strict")) return Optional.of(DMA);
        if (t.equals("pt") || t.equals("passthrough")) return Optional.of(IDENTITY);
        if (t.equals("none")) return Optional.of(OFF);
        return Optional.empty();
    }

    /** A resolved mode and how it was decided. */
    public record Resolved(IommuMode mode, String reason) {
    }

    /**
     * The mode a device gets from the platform alone, until the group rules (R-GRP-3) decide per
     * device: no IOMMU driver → off; else the platform's default domain type; an IOMMU whose default
     * type is unknown → lazy DMA-FQ, the x86 Kconfig default since v5.15 (stated as an assumption).
     */
    public static Resolved fromPlatform(Platform platform) {
        Platform.Iommu iommu = platform.iommu();
        if (iommu.driver().isEmpty()) {
            return new Resolved(OFF, "the topology does not say which IOMMU driver runs: assuming none");
        }
        if (!iommu.present()) return new Resolved(OFF, "the platform has no IOMMU driver");
        if (iommu.defaultDomain().isPresent()) {
            switch (iommu.defaultDomain().get()) {
                case IDENTITY:
                    return new Resolved(IDENTITY, "the platform's default domain is identity (iommu.passthrough=1)");
                case DMA:
                    return new Resolved(DMA, "the platform's default domain is DMA (iommu.strict=1)");
                case DMA_FQ:
                    return new Resolved(DMA_FQ, "the platform's default domain is DMA-FQ (lazy)");
                default:
                    return new Resolved(OFF, "the platform's default domain is blocked: DMA would fault");
            }
        }
        if (iommu.strict().isPresent()) {
            return iommu.strict().get() ? new Resolved(DMA, "iommu.strict=1") : new Resolved(DMA_FQ, "iommu.strict=0");
        }
        return new Resolved(DMA_FQ, "default domain type unknown: assuming DMA-FQ (lazy), the x86 default since 5.15");
    }
}
