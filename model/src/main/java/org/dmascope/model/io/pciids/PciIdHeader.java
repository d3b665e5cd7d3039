package org.dmascope.model.io.pciids;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.Optional;

/**
 * What the comment block at the top of a pci.ids file says about the file:
 * {@code #	Version: 2023.04.10} and {@code #	Date:    2023-04-10 20:08:02}.
 *
 * @param version the version line's text, or empty when the file has none
 * @param date    the day of the date line, else the day the version names, else empty
 */
public record PciIdHeader(String version, Optional<LocalDate> date) {
    /** Older files first; files without a date before all dated ones. */
    public static final Comparator<PciIdHeader> BY_DATE = Comparator.comparing(
            (PciIdHeader h) -> h.date().orElse(LocalDate.MIN));

    public static final PciIdHeader UNKNOWN = new PciIdHeader("", Optional.empty());

    /** The date as {@code 2023-04-10}, else the version, else "undated". */
    public String dateText() {
        if (date.isPresent()) return date.get().toString();
        return version.isEmpty() ? "undated" : version;
    }
}
