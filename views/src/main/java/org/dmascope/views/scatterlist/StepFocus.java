package org.dmascope.views.scatterlist;

import javafx.css.PseudoClass;

import org.dmascope.model.mapping.Step;

/** Which part of the scatter list a translation step touched, so the table can light it up. */
enum StepFocus {
    NONE(null, ""),
    INPUT("step-input", "the input entries"),
    OUTPUT("step-output", "the DMA segments"),
    BOUNCE("step-bounce", "the bounced segments"),
    BUS("step-bus", "the bus-address segments");

    private final PseudoClass pseudoClass;
    private final String what;

    StepFocus(String pseudoClass, String what) {
        this.pseudoClass = pseudoClass == null ? null : PseudoClass.getPseudoClass(pseudoClass);
        this.what = what;
    }

    /** Null for {@link #NONE}. */
    PseudoClass pseudoClass() {
        return pseudoClass;
    }

    /** Words for the hint, e.g. "the input entries". */
    String what() {
        return what;
    }

    static StepFocus of(Step step) {
        if (step == null) return NONE;
        switch (step.kind()) {
            case PIN:
            case SCATTERLIST:
            case BLOCK:
                return INPUT;
            case FINALISE:
            case RESULT:
            case DMA_DIRECT:
            case IOVA_LINK:
                return OUTPUT;
            case SWIOTLB:
                return BOUNCE;
            case P2P:
                return BUS;
            default:
                return NONE;
        }
    }
}
