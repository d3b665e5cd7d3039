package org.dmascope.model.mapping;

/** What a translation step does, for grouping and icons in the step panel. */
public enum StepKind {
    DEVICE, PIN, P2P, ROUTE, SCATTERLIST, DISPATCH, DMA_DIRECT, SWIOTLB, IOVA_ALLOC, PAGE_TABLE, FINALISE, BLOCK,
            IOVA_LINK, RESULT,
    ERROR
}
