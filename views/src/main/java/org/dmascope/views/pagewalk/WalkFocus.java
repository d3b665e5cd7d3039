package org.dmascope.views.pagewalk;

import javafx.css.PseudoClass;

import org.dmascope.model.mapping.Step;

/** Which part of the address trail a translation step touched, so the view can light it up. */
enum WalkFocus {
    NONE(null, ""),
    PIN("step-pin", "virtual and physical pages"),
    PHYSICAL("step-physical", "the physical entries"),
    TRANSLATION("step-translation", "physical → DMA address"),
    IOVA("step-iova", "the IOVA"),
    LEVELS("step-levels", "the page-table levels"),
    DMA("step-dma", "the DMA address");

    private final PseudoClass pseudoClass;
    private final String what;

    WalkFocus(String pseudoClass, String what) {
        this.pseudoClass = pseudoClass == null ? null : PseudoClass.getPseudoClass(pseudoClass);
        this.what = what;
    }

    PseudoClass pseudoClass() {
        return pseudoClass;
    }

    String what() {
        return what;
    }

    static WalkFocus of(Step step) {
        if (step == null) return NONE;
        switch (step.kind()) {
            case PIN:
                return PIN;
            case SCATTERLIST:
            case BLOCK:
                return PHYSICAL;
            case SWIOTLB:
            case DMA_DIRECT:
            case P2P:
                return TRANSLATION;
            case IOVA_ALLOC:
            case IOVA_LINK:
                return IOVA;
            case PAGE_TABLE:
                return LEVELS;
            case FINALISE:
            case RESULT:
                return DMA;
            default:
                return NONE;
        }
    }
}
