package org.dmascope.model.kernel.dma;

/**
 * What a {@code map_sg} implementation returns: the number of DMA segments, or an error. R-MAP-2:
 * {@code dma_map_sg_attrs} reports any error as 0, {@code dma_map_sgtable} passes the error code on.
 */
public record SgMapResult(int count, Errno error) {
    public static SgMapResult ok(int count) {
        return new SgMapResult(count, null);
    }

    public static SgMapResult fail(Errno e) {
        return new SgMapResult(0, e);
    }

    public boolean isOk() {
        return error == null;
    }

    /** {@code dma_map_sg_attrs()}'s return value. */
    public int dmaMapSgReturn() {
        return isOk() ? count : 0;
    }
}
