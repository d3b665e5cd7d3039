package org.dmascope.model.mapping;

import org.dmascope.model.kernel.dma.Errno;

/**
 * The outcome of a mapping: success, or the error the kernel returns.
 *
 * @param code         {@code ok}, an errno name ({@code EREMOTEIO}, {@code EIO}, {@code ENOMEM},
 *                     {@code EINVAL}), {@code SWIOTLB_FULL} (an {@code -EIO} caused by a full bounce
 *                     buffer) or a block status ({@code BLK_STS_INVAL})
 * @param error        the errno, null when ok
 * @param kernelReturn what the API call returned, e.g. {@code dma_map_sgtable() = -EREMOTEIO}
 * @param summary      one sentence
 */
public record Verdict(String code, Errno error, String kernelReturn, String summary) {

    public static Verdict ok(String kernelReturn, String summary) {
        return new Verdict("ok", null, kernelReturn, summary);
    }

    public static Verdict fail(String code, Errno error, String kernelReturn, String summary) {
        return new Verdict(code, error, kernelReturn, summary);
    }

    public boolean isOk() {
        return error == null;
    }
}
