package org.dmascope.model.io.pciids;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Choosing between the shipped pci.ids and the system's copies, and reading one lazily. */
class PciIdSourceTest {
    @TempDir
    Path dir;

    private Path copy(String name, String version, String date) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, "#\n#\tList of PCI ID's\n#\n#\tVersion: " + version + "\n#\tDate:    " + date
                + " 20:08:02\n#\n\n8086  Intel Corporation\n\t2021  Sky Lake-E CBDMA Registers\n",
                StandardCharsets.UTF_8);
        return p;
    }

    @Test
    void aNewerSystemCopyIsPreferred() throws IOException {
        Path older = copy("older.ids", "2020.01.01", "2020-01-01");
        Path newer = copy("newer.ids", "2031.05.06", "2031-05-06");
        PciIdSource chosen = PciIdSource.newest(PciIdSource.shipped(), List.of(older, dir.resolve("missing"), newer));
        assertEquals(newer.toString(), chosen.where());
        assertEquals(newer + " (2031-05-06)", chosen.provenanceName());
        assertEquals("pci.ids 2031.05.06 (2031-05-06), " + newer, chosen.description());
        assertEquals("Sky Lake-E CBDMA Registers", chosen.database().device(0x8086, 0x2021).orElseThrow().name());
    }

    @Test
    void theShippedCopyWinsOverOlderOrUndatedOnes() throws IOException {
        Path older = copy("older.ids", "2020.01.01", "2020-01-01");
        Path undated = dir.resolve("undated.ids");
        Files.writeString(undated, "8086  Intel Corporation\n", StandardCharsets.UTF_8);
        assertSame(PciIdSource.shipped(), PciIdSource.newest(PciIdSource.shipped(), List.of(older, undated)));
        assertEquals(Optional.empty(), PciIdSource.file(undated), "no header: not taken for a pci.ids");
        assertTrue(PciIdSource.shipped().isShipped());
        assertEquals("pci.ids 2023.04.10 (2023-04-10), shipped with dmascope", PciIdSource.shipped().description());
    }

    @Test
    void aCopyThatCannotBeReadGivesAnEmptyDatabaseAndSaysWhy() throws IOException {
        Path p = copy("gone.ids", "2031.05.06", "2031-05-06");
        PciIdSource s = PciIdSource.file(p).orElseThrow();
        Files.delete(p);
        assertEquals(0, s.database().vendorCount());
        assertTrue(s.problem().orElseThrow().startsWith(p + " could not be read"), s.problem().toString());
    }
}
