package org.dmascope.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.dmascope.model.kernel.TopologyRules;
import org.dmascope.model.kernel.matrix.P2pMatrix;
import org.dmascope.model.topology.Bdf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/** Issue 16: {@code dmascope draw --what matrix|scatterlist|pagewalk}, and what it refuses. */
class DrawSheetsCommandTest {
    @TempDir
    Path dir;

    private static List<String> svgTexts(Path svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        Document d = f.newDocumentBuilder().parse(svg.toFile());
        NodeList l = d.getElementsByTagNameNS("http://www.w3.org/2000/svg", "text");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < l.getLength(); i++) out.add(l.item(i).getTextContent());
        return out;
    }

    @Test
    void theMatrixIsDrawnWithEveryEndpointAsText() throws Exception {
        Path out = dir.resolve("matrix.svg");
        CliRun run = CliRun.of("draw", CliRun.SAMPLE, "-o", out.toString(), "--what", "matrix");
        assertEquals(0, run.status(), run::toString);
        assertTrue(run.out().contains("the P2P matrix of 5 DMA endpoints"), run::toString);
        List<String> texts = svgTexts(out);
        P2pMatrix m = TopologyRules.of(DrawCommandTestSupport.sample()).matrix();
        for (Bdf e : m.endpoints()) assertTrue(texts.contains(e.shortText()), e + " in " + texts);
        assertTrue(texts.contains("PIX · BUS") && texts.contains("PHB · HOST"), texts.toString());
    }

    @Test
    void theScatterListIsDrawnAsPdfWithItsAddresses() throws Exception {
        Path out = dir.resolve("sg.pdf");
        CliRun run = CliRun.of("draw", CliRun.SAMPLE, "-o", out.toString(), "--what", "scatterlist", "--initiator",
                "03:00.0", "--buffer", "host:node0:1MiB:scattered", "--rows", "8");
        assertEquals(0, run.status(), run::toString);
        Matcher n = Pattern.compile("\\(8 of (\\d+) entries\\)").matcher(run.out());
        assertTrue(n.find(), run::toString);
        int entries = Integer.parseInt(n.group(1));
        assertTrue(entries > 100, "a scattered MiB has many entries: " + entries);
        try (PDDocument d = Loader.loadPDF(out.toFile())) {
            String text = new PDFTextStripper().getText(d);
            assertTrue(text.contains("DMA address") && text.contains((entries - 8) + " more rows"), text);
        }
    }

    @Test
    void thePageWalkIsDrawnAsPngOfASaneSize() throws Exception {
        Path out = dir.resolve("walk.png");
        CliRun run = CliRun.of("draw", CliRun.SAMPLE, "-o", out.toString(), "--what", "pagewalk", "--initiator",
                "03:00.0", "--buffer", "host:node0:64KiB", "--page", "3", "--scale", "1");
        assertEquals(0, run.status(), run::toString);
        BufferedImage img = ImageIO.read(out.toFile());
        assertTrue(img.getWidth() >= 640 && img.getWidth() < 3000, img.getWidth() + " wide");
        assertTrue(img.getHeight() >= 200 && img.getHeight() < 2000, img.getHeight() + " high");
        assertTrue(run.out().contains(img.getWidth() + " x " + img.getHeight() + " pixels"), run::toString);
    }

    @Test
    void aSegmentBeyondTheMappingIsRefusedAndNoFileIsLeft() {
        Path out = dir.resolve("walk.svg");
        CliRun run = CliRun.of("draw", CliRun.SAMPLE, "-o", out.toString(), "--what", "pagewalk", "--initiator",
                "03:00.0", "--buffer", "host:node0:64KiB", "--segment", "5");
        assertEquals(Cli.UNUSABLE, run.status(), run::toString);
        assertTrue(run.err().contains("segment 5 does not exist: the mapping has 1"), run::toString);
        assertFalse(Files.exists(out));
    }

    @Test
    void optionsThatDoNotFitWhatIsDrawnAreUsageErrors() {
        Path out = dir.resolve("x.svg");
        CliRun unknown = CliRun.of("draw", CliRun.SAMPLE, "-o", out.toString(), "--what", "iommu");
        assertEquals(2, unknown.status(), unknown::toString);
        assertTrue(unknown.err().contains("--what iommu"), unknown::toString);
        CliRun noMapping = CliRun.of("draw", CliRun.SAMPLE, "-o", out.toString(), "--what", "pagewalk");
        assertEquals(2, noMapping.status(), noMapping::toString);
        assertTrue(noMapping.err().contains("give --initiator and --buffer"), noMapping::toString);
        CliRun groups = CliRun.of("draw", CliRun.SAMPLE, "-o", out.toString(), "--what", "matrix", "--groups");
        assertEquals(2, groups.status(), groups::toString);
        assertFalse(Files.exists(out));
    }
}
