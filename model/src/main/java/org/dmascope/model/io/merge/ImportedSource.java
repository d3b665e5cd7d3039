package org.dmascope.model.io.merge;

/**
 * One file's contribution to an import.
 *
 * @param file   the file name as the user gave it
 * @param format what the file is, in words ({@code lspci -t tree})
 * @param facts  what the file says
 */
public record ImportedSource(String file, String format, MachineFacts facts) {
}
