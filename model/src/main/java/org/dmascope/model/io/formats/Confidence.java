package org.dmascope.model.io.formats;

/**
 * How strongly a file shows a format, strongest first. {@link ImportFormats#detect} takes the strongest
 * evidence any format finds; between equally strong ones the earliest line wins, then the format
 * registered first. So a file that opens like a JSON or XML document is never taken for an export
 * because of a line inside it, and among line signatures the first line that any format signs decides.
 */
public enum Confidence {
    /** The file's name says what it is ({@code *.json}): the user named it so. */
    NAMED,
    /** Its bytes say it: not text at all, or nothing but blanks. */
    CONTENT,
    /** Its opening and root show it: a JSON object, an XML document with an hwloc {@code <topology>}. */
    DOCUMENT,
    /** Only its opening shows it: XML with some other root. */
    OPENING,
    /** A line carries the format's signature (looked for in the first {@value Lines#SCAN_LINES} non-blank lines). */
    LINE,
    /** Nothing does: the fallback for a file no format recognises. */
    FALLBACK
}
