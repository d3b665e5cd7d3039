package org.dmascope.model.io.detect;

/**
 * The format of an input and the 1-based line that gave it away (0 when the whole file decided it).
 */
public record Detection(InputFormat format, int line) {
}
