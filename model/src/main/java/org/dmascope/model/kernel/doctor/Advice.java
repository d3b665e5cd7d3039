package org.dmascope.model.kernel.doctor;

import java.util.Objects;

/**
 * A change and what the result would become with it.
 *
 * @param change   the change
 * @param result   the answer with the change, e.g. "BUS_ADDR, distance 4" or "the group splits into …"
 * @param verified true when the result was computed by running the rules again with the change applied; false when
 *                 it follows from a rule without a run (moving a card: the slot is not in the input)
 */
public record Advice(Change change, String result, boolean verified) {

    public Advice {
        Objects.requireNonNull(change);
        Objects.requireNonNull(result);
    }

    /** "boot with …: BUS_ADDR, distance 2 (checked by running the rules with it)". */
    public String sentence() {
        return change.words() + ": " + result + (verified ? " (checked by running the rules with it)" : "");
    }
}
