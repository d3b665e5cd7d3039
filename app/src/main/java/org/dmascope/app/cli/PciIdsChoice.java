package org.dmascope.app.cli;

import java.nio.file.Path;
import java.util.List;

import org.dmascope.model.io.pciids.PciIdSource;

/**
 * Which pci.ids the application resolves names and IDs with: the one dmascope ships, unless the system
 * has a newer copy where lspci's packages put it (Debian's {@code pci.ids} and {@code hwdata}, Fedora's
 * {@code hwdata}). Only the headers are read here; the chosen database is read on the first import that
 * needs it.
 */
public final class PciIdsChoice {
    /** Where distributions install pci.ids. */
    public static final List<Path> SYSTEM_COPIES = List.of(Path.of("/usr/share/misc/pci.ids"),
            Path.of("/usr/share/hwdata/pci.ids"));

    private PciIdsChoice() {
    }

    /** The newest of the shipped copy and the system's. */
    public static PciIdSource newest() {
        return PciIdSource.newest(PciIdSource.shipped(), SYSTEM_COPIES);
    }
}
