package org.dmascope.model.io.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import org.dmascope.model.io.source.Findings;
import org.dmascope.model.io.source.SourceText;
import org.dmascope.model.testing.Corpus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class FormatDetectorTest {
    private static final Map<String, InputFormat> BY_KIND = Map.of(
            "tree", InputFormat.LSPCI_TREE, "verbose", InputFormat.LSPCI_LISTING, "hex", InputFormat.LSPCI_LISTING,
            "iommu-groups", InputFormat.IOMMU_GROUPS, "hwloc-xml", InputFormat.HWLOC_XML,
            "dmesg", InputFormat.KERNEL_LOG, "nvsmi-topo", InputFormat.NVIDIA_SMI_TOPO);

    static Stream<Path> corpus() {
        return Corpus.files().stream();
    }

    @ParameterizedTest
    @MethodSource("corpus")
    void everyCorpusFileIsRecognisedAsItsKind(Path file) throws IOException {
        String name = file.getFileName().toString();
        String kind = name.substring(name.indexOf('.') + 1, name.length() - ".txt".length());
        SourceText text = SourceText.decode(name, Files.readAllBytes(file), new Findings());
        assertEquals(BY_KIND.get(kind), FormatDetector.detect(text).format(), name);
    }
}
