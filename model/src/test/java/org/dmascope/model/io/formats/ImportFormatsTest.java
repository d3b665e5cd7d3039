package org.dmascope.model.io.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.dmascope.model.io.source.Findings;
import org.dmascope.model.io.source.SourceText;
import org.dmascope.model.testing.Corpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ImportFormatsTest {
    /** The corpus names each file's kind ({@code <machine>.<kind>.txt}); each kind is one format. */
    private static final Map<String, Class<? extends ImportFormat>> BY_KIND = Map.of(
            "tree", LspciTreeFormat.class, "verbose", LspciListingFormat.class, "hex", LspciListingFormat.class,
            "iommu-groups", IommuGroupsFormat.class, "hwloc-xml", HwlocXmlFormat.class,
            "dmesg", KernelLogFormat.class, "nvsmi-topo", NvidiaSmiTopoFormat.class, "nccl-xml",
                    NcclTopologyXmlFormat.class);

    /**
     * The sample imported from a real machine's corpus dump (see RealSampleTest): no topology JSON is in the corpus.
     */
    private static final String REAL_JSON = "supermicro-4028gr-tvrt-8xv100-pex9765.json";

    private final ImportFormats formats = ImportFormats.standard();

    static Stream<Path> corpus() {
        return Corpus.files().stream();
    }

    @ParameterizedTest
    @MethodSource("corpus")
    void everyCorpusFileIsDetectedAsItsKind(Path file) throws IOException {
        String name = file.getFileName().toString();
        String kind = name.substring(name.indexOf('.') + 1, name.length() - ".txt".length());
        assertInstanceOf(BY_KIND.get(kind), formats.detect(decode(file)).format(), name);
    }

    @Test
    void everyFormatIsDetectedFromARealFileOrAMinimalOne() throws IOException {
        Set<Class<?>> seen = new HashSet<>();
        for (Path file : Corpus.files()) seen.add(formats.detect(decode(file)).format().getClass());
        Path json = Path.of(System.getProperty("dmascope.samples", "../sample-topologies")).resolve(REAL_JSON);
        seen.add(formats.detect(decode(json)).format().getClass());
        // Kinds no real export in the corpus shows (the corpus holds no -vmm/-mm output yet).
        Map<String, Class<? extends ImportFormat>> minimal = new LinkedHashMap<>();
        minimal.put("Slot:\t0000:04:00.0\nClass:\tNon-Volatile memory controller [0108]\n", LspciMachineFormat.class);
        minimal.put("<?xml version=\"1.0\"?>\n<html><body/></html>\n", OtherXmlFormat.class);
        minimal.put("\u0000\u0001\u0002binary", BinaryFormat.class);
        minimal.put("\n\n   \n", EmptyFormat.class);
        minimal.put("hello world\nthis is not lspci\n", UnknownFormat.class);
        minimal.forEach((text, expected) -> {
            ImportFormat f = formats.detect(bytes("minimal.txt", text)).format();
            assertInstanceOf(expected, f, text);
            seen.add(f.getClass());
        });
        Set<Class<?>> all = new HashSet<>();
        formats.all().forEach(f -> all.add(f.getClass()));
        assertEquals(all, seen, "every registered format is recognised from some file");
    }

    @Test
    void everyFormatHasANameAndEitherAFilterAndHelpLineOrARefusal() {
        Set<String> names = new HashSet<>();
        for (ImportFormat f : formats.all()) {
            assertFalse(f.name().isBlank(), f.getClass().getSimpleName());
            assertTrue(names.add(f.name()), "one name per format: " + f.name());
            if (f instanceof ReadableFormat r) {
                assertFalse(r.filter().description().isBlank(), f.name());
                assertTrue(r.filter().globs().stream().allMatch(g -> g.startsWith("*.")), f.name() + ": " + r.filter());
                assertTrue(r.help().length() > 20 && !r.help().contains("\n"), f.name() + ": one help line");
            } else {
                assertTrue(((RefusedFormat) f).refusal().length() > 10, f.name());
            }
        }
        assertEquals(8, formats.readableFormats().size());
    }

    @Test
    void theHelpHasAnEntryPerReadableFormatWrappedToItsWidth() {
        String help = formats.help("  ");
        String unwrapped = help.replaceAll("\\s+", " ") + " ";
        for (ReadableFormat f : formats.readableFormats()) assertTrue(unwrapped.contains(" " + f.help() + " "),
                f.name());
        assertEquals(formats.readableFormats().size(), help.lines().filter(l -> !l.startsWith("   ")).count(), help);
        assertTrue(help.lines().allMatch(l -> l.startsWith("  ") && l.length() <= ImportFormats.HELP_WIDTH), help);
    }

    @Test
    void theDetectionOrderIsTheRegistrationOrderWithinEachConfidence() {
        assertEquals(List.of(TopologyJsonFormat.class, BinaryFormat.class, EmptyFormat.class, HwlocXmlFormat.class,
                NcclTopologyXmlFormat.class, OtherXmlFormat.class, KernelLogFormat.class, NvidiaSmiTopoFormat.class,
                        IommuGroupsFormat.class,
                LspciTreeFormat.class, LspciMachineFormat.class, LspciListingFormat.class, UnknownFormat.class),
                formats.all().stream().map(Object::getClass).toList());
    }

    @Test
    void aFileNamedJsonIsTopologyJsonWhateverItHolds() {
        String binary = "\u0000\u0001\u0002binary";
        assertEquals(new Detection(formats.all().get(0), Confidence.NAMED, 0), formats.detect(bytes("broken.json",
                binary)));
        assertInstanceOf(BinaryFormat.class, formats.detect(bytes("broken.txt", binary)).format());
        Detection object = formats.detect(bytes("topo.txt", "\n  {\"format\": \"dmascope-topology\"}\n"));
        assertInstanceOf(TopologyJsonFormat.class, object.format());
        assertEquals(Confidence.DOCUMENT, object.confidence());
        assertEquals(2, object.line());
    }

    @Test
    void aBinaryFileIsNotCalledEmptyThoughItHasNoLines() {
        SourceText binary = bytes("b.bin", "\u0000\u0001\u0002binary");
        assertTrue(binary.blank());
        assertInstanceOf(BinaryFormat.class, formats.detect(binary).format());
    }

    @Test
    void anHwlocRootBeatsPlainXmlAndNamesItsLine() {
        Detection d = formats.detect(bytes("t.xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE topology SYSTEM "hwloc2.dtd">
                <topology version="2.0">
                """));
        assertEquals(new Detection(formats.all().get(3), Confidence.DOCUMENT, 3), d);
    }

    @Test
    void aLineInsideADocumentDoesNotMakeItAnExport() {
        assertInstanceOf(OtherXmlFormat.class, formats.detect(bytes("x.xml",
                "<log>\n[    0.512] DMAR: IOMMU enabled\n</log>\n")).format());
        assertInstanceOf(TopologyJsonFormat.class, formats.detect(bytes("x.txt",
                "{\n\"note\": \"[ 0.5] DMAR: on\"\n}\n")).format());
    }

    @Test
    void theFirstLineAnyFormatSignsDecides() {
        String tree = "-[0000:00]-+-00.0  Intel Corporation Device\n";
        String dmesg = "[    0.512345] DMAR: IOMMU enabled\n";
        assertEquals(new Detection(formats.all().get(9), Confidence.LINE, 2), formats.detect(bytes("a.txt",
                "preamble\n" + tree + dmesg)));
        assertEquals(new Detection(formats.all().get(6), Confidence.LINE, 2), formats.detect(bytes("b.txt",
                "preamble\n" + dmesg + tree)));
    }

    @Test
    void onALineTwoFormatsSignTheOneListedFirstWins() {
        String mm = "00:1f.3 \"Audio device\" \"Intel Corporation\" \"Device 1234\" -r01 \"\" \"\"\n";
        assertInstanceOf(LspciMachineFormat.class, formats.detect(bytes("mm.txt", mm)).format());
        assertTrue(new LspciListingFormat().detect(bytes("mm.txt", mm)).isPresent(),
                "the -mm line is a device line too");
    }

    @Test
    void textNoFormatRecognisesFallsBackAtTheWeakestConfidence() {
        assertEquals(new Detection(formats.all().get(12), Confidence.FALLBACK, 0), formats.detect(bytes("n.txt",
                "hello\n")));
    }

    @Test
    void machineNamesDropTheExtensionAndTheKindSuffixOfAnyFormat() {
        assertEquals("x99-i7-5930k", formats.machineName("x99-i7-5930k.hex.txt"));
        assertEquals("x99-i7-5930k-k58", formats.machineName("x99-i7-5930k-k58.iommu-groups.txt"));
        assertEquals("dell-r410", formats.machineName("dell-r410.hwloc-xml.txt"));
        assertEquals("dell-r410", formats.machineName("dell-r410.hwloc.xml"));
        assertEquals("box", formats.machineName("box.vmm"));
        assertEquals("notes", formats.machineName("notes.txt"));
        assertEquals(".tree", formats.machineName(".tree"), "a name is never cut to nothing");
    }

    @Test
    void theChoosersOfferEveryExportTogetherThenEachFormat() {
        List<FileFilter> exports = formats.exportFilters();
        assertEquals(formats.factsFormats().size() + 1, exports.size());
        assertTrue(exports.get(0).globs().containsAll(List.of("*.txt", "*.xml")), exports.get(0).label());
        assertEquals(List.of(new FileFilter("Topology JSON", "*.json")), formats.documentFilters());
        assertEquals("Topology JSON (*.json)", formats.documentFilters().get(0).label());
    }

    private static SourceText decode(Path file) throws IOException {
        return SourceText.decode(file.getFileName().toString(), Files.readAllBytes(file), new Findings());
    }

    private static SourceText bytes(String name, String text) {
        return SourceText.decode(name, text.getBytes(StandardCharsets.UTF_8), new Findings());
    }
}
