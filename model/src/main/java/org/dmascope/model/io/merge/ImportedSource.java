package org.dmascope.model.io.merge;

/**
 * One file's contribution to an import.
 *
 * @param file    the file name as the user gave it
 * @param format  what the file is, in words ({@code lspci -t tree})
 * @param machine the machine its name points at ({@code x99-i7-5930k} for {@code x99-i7-5930k.hex.txt})
 * @param facts   what the file says
 */
public record ImportedSource(String file, String format, String machine, MachineFacts facts) {
}
