package org.dmascope.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.dmascope.model.io.SampleCatalog;
import org.dmascope.model.io.TopologyJsonWriter;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.Topology;

/** Topology files for app tests: a smaller valid machine, broken ones, one with a warning. */
final class TestFiles {
    static final Bdf BOOT_NVME = Bdf.parse("0000:07:00.0");

    private TestFiles() {
    }

    static String defaultJson() {
        return TopologyJsonWriter.write(SampleCatalog.loadDefault());
    }

    /** The default machine without its boot NVMe drive, named "Smaller server". */
    static Path smaller(Path dir) throws IOException {
        Topology t = SampleCatalog.loadDefault();
        List<PciFunction> fewer = t.functions().stream().filter(f -> !f.address().equals(BOOT_NVME)).toList();
        return write(dir.resolve("smaller.json"), TopologyJsonWriter.write(t.withFunctions(fewer)
                .withName("Smaller server")));
    }

    /** JSON cut off in the middle: a syntax error. */
    static Path badJson(Path dir) throws IOException {
        String json = defaultJson();
        return write(dir.resolve("broken.json"), json.substring(0, json.length() / 3));
    }

    /** Well-formed JSON that fails validation: two functions claim 0000:03:00.0. */
    static Path duplicateAddress(Path dir) throws IOException {
        return write(dir.resolve("duplicate.json"), defaultJson().replace("\"0000:04:00.0\"", "\"0000:03:00.0\""));
    }

    /** Loads, with one warning for a field the format does not know. */
    static Path withWarning(Path dir) throws IOException {
        String json = defaultJson().replaceFirst("\\{", "{\n  \"colour\": \"red\",");
        return write(dir.resolve("warned.json"), json);
    }

    static Path write(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }
}
