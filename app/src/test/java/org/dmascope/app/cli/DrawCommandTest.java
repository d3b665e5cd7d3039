package org.dmascope.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.dmascope.model.io.imports.ImportProgress;
import org.dmascope.model.io.imports.ImportResult;
import org.dmascope.model.io.imports.Importer;
import org.dmascope.model.kernel.matrix.DmaEndpoints;
import org.dmascope.model.testing.Corpus;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.Topology;
import org.dmascope.views.topology.LayoutResult;
import org.dmascope.views.topology.Rect;
import org.dmascope.views.topology.TopologyItem;
import org.dmascope.views.topology.TopologyLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * Issue 16: {@code dmascope draw} on every sample and every lspci export of the corpus, read back as XML,
 * as an image and as a PDF; and its refusals (bad extension, unwritable output, bad input, bad usage).
 */
class DrawCommandTest {
    private static final String SVG_NS = "http://www.w3.org/2000/svg";

    @TempDir
    Path dir;

    static Stream<Path> samples() throws IOException {
        Path samples = Path.of(CliRun.SAMPLE).getParent();
        try (Stream<Path> s = Files.list(samples)) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted().toList().stream();
        }
    }

    static Stream<Path> lspciExports() {
        return Stream.of("verbose", "tree", "hex").flatMap(k -> Corpus.ofKind(k).stream());
    }

    private static Topology load(Path file) {
        ImportResult r = Importer.importFiles(List.of(file), ImportProgress.NONE, () -> false);
        return r.topology().orElseThrow(() -> new AssertionError(r.report().toText()));
    }

    private static List<String> svgTexts(Path svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        Document d = f.newDocumentBuilder().parse(svg.toFile());
        NodeList l = d.getElementsByTagNameNS(SVG_NS, "text");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < l.getLength(); i++) out.add(l.item(i).getTextContent());
        return out;
    }

    /** Every function is drawn with its address as text, but the VFs a collapsed group hides. */
    private static void assertEveryDrawnFunctionIsText(Topology t, List<String> texts, String what) {
        LayoutResult layout = TopologyLayout.compute(t);
        for (PciFunction f : t.functions()) {
            if (layout.hiddenVfs().containsKey(f.address())) continue;
            assertTrue(texts.contains(f.address().toString()) || texts.contains(f.address().shortText()),
                    what + ": " + f.address() + " is written as text");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void everySampleDrawsAsSvgWithItsGroups(Path sample) throws Exception {
        Path out = dir.resolve("sample.svg");
        CliRun run = CliRun.of("draw", sample.toString(), "-o", out.toString(), "--groups");
        assertEquals(0, run.status(), run::toString);
        assertTrue(run.out().startsWith("Wrote " + out + " (SVG, "), run::toString);
        List<String> texts = svgTexts(out);
        assertEveryDrawnFunctionIsText(load(sample), texts, sample.getFileName().toString());
        assertTrue(texts.stream().anyMatch(s -> s.startsWith("IOMMU groups derived") || s.startsWith("No IOMMU")),
                "the legend");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lspciExports")
    void everyLspciExportDrawsWithTheRouteOfAHostMapping(Path file) throws Exception {
        Topology t = load(file);
        List<PciFunction> endpoints = DmaEndpoints.of(t);
        PciFunction device = endpoints.isEmpty() ? t.functions().get(0) : endpoints.get(0);
        Path out = dir.resolve("export.svg");
        CliRun run = CliRun.of("draw", file.toString(), "-o", out.toString(), "--groups", "--initiator",
                device.address().toString(), "--buffer", "host:node0:64KiB");
        assertEquals(0, run.status(), run::toString);
        List<String> texts = svgTexts(out);
        assertEveryDrawnFunctionIsText(t, texts, file.getFileName().toString());
        if (run.out().contains("the route of")) {
            // a device on a bus no host bridge reaches has a route of one drawn stop: itself
            assertTrue(texts.contains("1"), "numbered route stops: " + run);
        } else {
            assertTrue(run.err().contains("no route"), run::toString);
        }
    }

    @Test
    void aP2pRouteIsNumberedStopByStop() throws Exception {
        Path out = dir.resolve("route.svg");
        CliRun run = CliRun.of("draw", CliRun.SAMPLE, "-o", out.toString(), "--route", "05:00.0,03:00.0");
        assertEquals(0, run.status(), run::toString);
        assertTrue(run.out().contains("the route of 0000:03:00.0 to 0000:05:00.0 (BUS_ADDR)"), run::toString);
        List<String> texts = svgTexts(out);
        // T4 → its downstream port → the switch's upstream port (the turn) → the NVMe's port → the NVMe
        assertTrue(texts.containsAll(List.of("1", "2", "3", "4", "5")), texts.toString());
        assertFalse(texts.contains("6"), "five stops inside the switch: " + texts);
        String svg = Files.readString(out);
        assertTrue(svg.contains("<g id=\"route-stop-3\">"), "each stop is its own group with a tooltip");
    }

    @Test
    void thePngHasTheLayoutsSizeAndTheCardsWhereTheLayoutPutsThem() throws Exception {
        Path out = dir.resolve("machine.png");
        CliRun run = CliRun.of("draw", CliRun.SAMPLE, "-o", out.toString(), "--scale", "1.5");
        assertEquals(0, run.status(), run::toString);
        BufferedImage img = ImageIO.read(out.toFile());
        LayoutResult layout = TopologyLayout.compute(load(Path.of(CliRun.SAMPLE)));
        assertEquals((int) Math.ceil(layout.bounds().width() * 1.5), img.getWidth());
        assertEquals((int) Math.ceil(layout.bounds().height() * 1.5), img.getHeight());
        int background = img.getRGB(2, 2);
        for (PciFunction f : load(Path.of(CliRun.SAMPLE)).functions()) {
            Rect r = layout.box(TopologyItem.device(f.address())).orElseThrow().bounds();
            int differ = 0;
            for (double x = r.x() + 3; x < r.maxX() - 3; x += 4) {
                if (img.getRGB((int) (x * 1.5), (int) (r.centerY() * 1.5)) != background) differ++;
            }
            assertTrue(differ > (r.width() - 6) / 4 * 0.9, f.address() + " is drawn where the layout puts it");
        }
        assertEquals(background, img.getRGB(img.getWidth() - 3, img.getHeight() - 3), "the margin is background");
    }

    @Test
    void thePdfOpensAndHasTheDeviceNamesAsText() throws Exception {
        Path out = dir.resolve("machine.pdf");
        CliRun run = CliRun.of("draw", CliRun.SAMPLE, "-o", out.toString(), "--groups", "--initiator", "03:00.0",
                "--buffer", "host:node0:1MiB");
        assertEquals(0, run.status(), run::toString);
        try (PDDocument doc = Loader.loadPDF(out.toFile())) {
            String text = new PDFTextStripper().getText(doc);
            assertTrue(text.contains("NVIDIA Tesla T4"), text);
            assertTrue(text.contains("ConnectX-6 Dx"), "a name wrapped over two lines: " + text);
            assertTrue(text.contains("0000:03:00.0"), text);
            assertTrue(text.contains("RAM"), "the route's RAM pill: " + text);
        }
    }

    @Test
    void anOutputNameWithoutAPictureExtensionIsAUsageError() {
        CliRun run = CliRun.of("draw", CliRun.SAMPLE, "-o", dir.resolve("x.jpg").toString());
        assertEquals(Cli.UNUSABLE, run.status());
        assertTrue(run.err().contains("comes from its extension: .svg, .png or .pdf"), run::toString);
        assertFalse(Files.exists(dir.resolve("x.jpg")));
    }

    @Test
    void anUnwritableOutputSaysWhyAndLeavesNoTemporaryFile() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("taken.svg"));
        CliRun run = CliRun.of("draw", CliRun.SAMPLE, "-o", folder.toString());
        assertEquals(Cli.UNUSABLE, run.status());
        assertTrue(run.err().contains("cannot save " + folder + ": it is a folder"), run::toString);
        CliRun missing = CliRun.of("draw", CliRun.SAMPLE, "-o", dir.resolve("no/such/x.png").toString());
        assertEquals(Cli.UNUSABLE, missing.status());
        assertTrue(missing.err().contains("does not exist"), missing::toString);
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of(folder), left.toList(), "nothing but the folder");
        }
    }

    @Test
    void badInputNamesTheFileAndLine() throws Exception {
        Path bad = dir.resolve("broken.json");
        Files.writeString(bad, "{\n  \"name\": \"x\",\n  \"functions\": [ {\"address\": 7 ]\n}\n");
        CliRun run = CliRun.of("draw", bad.toString(), "-o", dir.resolve("x.svg").toString());
        assertEquals(Cli.UNUSABLE, run.status());
        assertTrue(run.err().contains("broken.json:3"), run::toString);
        assertFalse(Files.exists(dir.resolve("x.svg")));
    }

    @Test
    void theRouteOptionsGoTogetherAndApart() {
        String out = dir.resolve("x.svg").toString();
        CliRun half = CliRun.of("draw", CliRun.SAMPLE, "-o", out, "--initiator", "03:00.0");
        assertEquals(Cli.UNUSABLE, half.status());
        assertTrue(half.err().contains("--initiator and --buffer go together"), half::toString);
        CliRun both = CliRun.of("draw", CliRun.SAMPLE, "-o", out, "--route", "05:00.0,03:00.0", "--initiator",
                "03:00.0", "--buffer", "host:node0:4KiB");
        assertEquals(Cli.UNUSABLE, both.status());
        assertTrue(both.err().contains("give one or the other"), both::toString);
        CliRun one = CliRun.of("draw", CliRun.SAMPLE, "-o", out, "--route", "05:00.0");
        assertEquals(Cli.UNUSABLE, one.status());
        CliRun absent = CliRun.of("draw", CliRun.SAMPLE, "-o", out, "--route", "05:00.0,77:00.0");
        assertEquals(Cli.UNUSABLE, absent.status());
        assertTrue(absent.err().contains("client 77:00.0 is not in the topology"), absent::toString);
    }
}
