package org.dmascope.model.mapping;

import java.util.Objects;

import org.dmascope.model.kernel.dma.Errno;

/**
 * The outcome of a mapping: success, or the error the kernel returns.
 *
 * @param code         {@code ok}, an errno name ({@code EREMOTEIO}, {@code EIO}, {@code ENOMEM},
 *                     {@code EINVAL}), {@code SWIOTLB_FULL} (an {@code -EIO} caused by a full bounce
 *                     buffer) or a block status ({@code BLK_STS_INVAL})
 * @param error        the errno, null when ok or when the API returns no errno ({@code DMA_MAPPING_ERROR})
 * @param kernelReturn what the API call returned, e.g. {@code dma_map_sgtable() = -EREMOTEIO}
 * @param summary      one sentence
 * @param errorValue   the error value the API hands back: {@code -EREMOTEIO}, or {@code DMA_MAPPING_ERROR} for
 *                     {@code dma_map_phys()} / {@code dma_map_page()}, which return an address, not an errno (an
 *                     {@code -EIO} is the calling driver's choice); "" when ok
 */
public record Verdict(String code, Errno error, String kernelReturn, String summary, String errorValue) {
    /** {@code include/linux/dma-mapping.h}: {@code #define DMA_MAPPING_ERROR (~(dma_addr_t)0)}. */
    public static final String DMA_MAPPING_ERROR = "DMA_MAPPING_ERROR";

    public Verdict {
        Objects.requireNonNull(code);
        Objects.requireNonNull(errorValue);
    }

    /** A verdict whose error value is the errno's ({@code -EIO}). */
    public Verdict(String code, Errno error, String kernelReturn, String summary) {
        this(code, error, kernelReturn, summary, error == null ? "" : error.negated());
    }

    public static Verdict ok(String kernelReturn, String summary) {
        return new Verdict("ok", null, kernelReturn, summary);
    }

    public static Verdict fail(String code, Errno error, String kernelReturn, String summary) {
        return new Verdict(code, error, kernelReturn, summary);
    }

    /** A mapping call that returned {@code DMA_MAPPING_ERROR} instead of an address. */
    public static Verdict mappingError(String code, String kernelReturn, String summary) {
        return new Verdict(code, null, kernelReturn, summary, DMA_MAPPING_ERROR);
    }

    public boolean isOk() {
        return code.equals("ok");
    }
}
