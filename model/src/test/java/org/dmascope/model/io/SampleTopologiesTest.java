package org.dmascope.model.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.dmascope.model.topology.Topology;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every shipped sample loads without a finding, and reading then writing it is lossless. */
class SampleTopologiesTest {

    static Stream<String> samples() {
        return SampleCatalog.index().stream();
    }

    private static Path samplesDir() {
        return Path.of(System.getProperty("dmascope.samples", "../sample-topologies"));
    }

    @ParameterizedTest
    @MethodSource("samples")
    void loadsWithoutErrorsOrWarnings(String file) {
        LoadResult r = TopologyFiles.load(samplesDir().resolve(file));
        assertTrue(r.ok(), () -> file + ":\n" + r.report().toText());
        assertTrue(r.report().isEmpty(), () -> "a sample should be clean:\n" + r.report().toText());
    }

    @ParameterizedTest
    @MethodSource("samples")
    void writingGivesBackTheFileByteForByte(String file) throws IOException {
        String text = Files.readString(samplesDir().resolve(file), StandardCharsets.UTF_8);
        Topology t = TopologyJsonReader.read(text, file).topology().orElseThrow();
        String written = TopologyJsonWriter.write(t);
        if (Boolean.getBoolean("dmascope.rewriteSamples")) {
            // Golden-file refresh after a hand edit: mvn -pl model test -Dtest=SampleTopologiesTest
            // -Ddmascope.rewriteSamples=true
            Files.writeString(samplesDir().resolve(file), written, StandardCharsets.UTF_8);
            text = written;
        }
        assertEquals(text, written, "samples are kept in canonical form; reading then writing must not change a byte");
        assertEquals(t, TopologyJsonReader.read(written, file).topology().orElseThrow());
    }

    @ParameterizedTest
    @MethodSource("samples")
    void hasADescriptionOfWhatItTeaches(String file) {
        Topology t = TopologyFiles.load(samplesDir().resolve(file)).topology().orElseThrow();
        assertTrue(t.description().isPresent() && t.description().get().length() > 80,
                file + " needs a description of what it teaches");
        assertTrue(t.source().isPresent(), file + " needs a source");
    }

    @Test
    void everySampleFileIsListedInTheIndex() throws IOException {
        List<String> index = SampleCatalog.index();
        try (Stream<Path> files = Files.list(samplesDir())) {
            List<String> json = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted()
                    .toList();
            assertEquals(json, index.stream().sorted().toList());
        }
    }

    @Test
    void catalogLoadsFromTheClasspathWithTheDefaultFirst() {
        SampleCatalog c = SampleCatalog.load();
        assertFalse(c.samples().isEmpty());
        assertEquals(SampleCatalog.index().get(0), c.defaultSample().fileName());
        assertEquals(c.defaultSample().topology(), SampleCatalog.loadDefault());
    }
}
