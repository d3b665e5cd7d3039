package org.dmascope.model.mapping;

/** Small helpers for narration sentences. */
final class Words {
    private Words() {
    }

    /** {@code 1 DMA segment}, {@code 3 DMA segments}. */
    static String count(long n, String singular) {
        return n + " " + (n == 1 ? singular : singular + "s");
    }
}
