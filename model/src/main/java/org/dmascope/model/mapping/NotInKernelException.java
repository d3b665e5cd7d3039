package org.dmascope.model.mapping;

/**
 * The request names an API or path its kernel does not have: "dma_iova_try_alloc is not in Linux 6.12
 * (since 6.16)". An {@link IllegalArgumentException}, so every caller that reports a request that does not
 * fit the machine reports this one the same way.
 */
public final class NotInKernelException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public NotInKernelException(String sentence) {
        super(sentence);
    }
}
