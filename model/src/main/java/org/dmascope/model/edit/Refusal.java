package org.dmascope.model.edit;

/**
 * Why an edit cannot be made, thrown deep inside an edit and turned into {@link EditResult.Refused} where the edit
 * is applied; never leaves this package.
 */
final class Refusal extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Refusal(String reason) {
        super(reason, null, false, false);
    }
}
