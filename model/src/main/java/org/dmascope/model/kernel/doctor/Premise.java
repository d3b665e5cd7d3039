package org.dmascope.model.kernel.doctor;

import java.util.Objects;

/**
 * A fact the input does not give that the answer depends on: the answer under the assumption taken, and what it
 * would be otherwise (computed by running the rules with the other value).
 *
 * @param assumption the assumption taken, e.g. "0000:b0:04.0 has no ACS (the input does not show its capabilities)"
 * @param answer     the answer under it
 * @param otherwise  the other value of the fact, e.g. "it has ACS with SV|RR|CR|UF enabled"
 * @param other      the answer under the other value
 * @param howToKnow  the change that settles the fact
 */
public record Premise(String assumption, String answer, String otherwise, String other, Change howToKnow) {

    public Premise {
        Objects.requireNonNull(assumption);
        Objects.requireNonNull(answer);
        Objects.requireNonNull(otherwise);
        Objects.requireNonNull(other);
        Objects.requireNonNull(howToKnow);
    }

    /** "under the assumption that X, A; otherwise (Y) B". */
    public String sentence() {
        return "under the assumption that " + assumption + ", " + answer + "; otherwise (" + otherwise + ") " + other;
    }
}
