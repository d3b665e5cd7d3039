package org.dmascope.model.addresses;

import java.util.Objects;

/**
 * One problem of one range, with the kernel's reason: what the kernel logs or does about it, in words.
 *
 * @param reason a sentence naming the range, the other party and what Linux does (with its source file)
 */
public record Problem(ProblemKind kind, String reason) {
    public Problem {
        Objects.requireNonNull(kind);
        Objects.requireNonNull(reason);
    }

    /** {@code R-ADDR-1 outside its bridge window: …}. */
    @Override
    public String toString() {
        return kind.rule() + " " + kind.title() + ": " + reason;
    }
}
