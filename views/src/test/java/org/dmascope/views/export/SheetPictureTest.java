package org.dmascope.views.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.dmascope.model.kernel.TopologyRules;
import org.dmascope.model.kernel.matrix.P2pMatrix;
import org.dmascope.model.mapping.Mapping;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.Topology;
import org.dmascope.model.util.Hex;
import org.dmascope.views.export.Sheet.Cell;
import org.dmascope.views.matrix.MatrixSheet;
import org.dmascope.views.pagewalk.PageWalkSheet;
import org.dmascope.views.scatterlist.ScatterListSheet;
import org.dmascope.views.testing.Mappings;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * Issue 16: the matrix, the scatter list and the page walk as pictures: the SVG holds every cell as
 * text, the PDF opens in PDFBox with the same text, the PNG has the sheet's size and the cells' colours.
 */
class SheetPictureTest {
    private static final Topology SAMPLE = Mappings.sample(Mappings.SWITCH_SERVER);
    private static final TopologyRules RULES = TopologyRules.of(SAMPLE);
    private static final Mapping HOST = Mappings.map(Mappings.SWITCH_SERVER, "0000:03:00.0", "host:node0:64KiB");

    private static List<String> svgTexts(byte[] bytes) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        Document d = f.newDocumentBuilder().parse(new ByteArrayInputStream(bytes));
        NodeList l = d.getElementsByTagNameNS("http://www.w3.org/2000/svg", "text");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < l.getLength(); i++) out.add(l.item(i).getTextContent());
        return out;
    }

    private static String pdfText(byte[] bytes) throws IOException {
        try (PDDocument d = Loader.loadPDF(bytes)) {
            assertEquals(1, d.getNumberOfPages());
            return new PDFTextStripper().getText(d);
        }
    }

    private static void save(String name, byte[] bytes) throws IOException {
        Path dir = Path.of("target", "pictures");
        Files.createDirectories(dir);
        Files.write(dir.resolve(name), bytes);
    }

    @Test
    void theMatrixSvgHasEveryEndpointAndEveryCellAsText() throws Exception {
        P2pMatrix m = RULES.matrix();
        SheetPicture p = SheetPicture.of(MatrixSheet.of(m, RULES));
        byte[] svg = p.bytes(PictureFormat.SVG, 1);
        save("matrix.svg", svg);
        List<String> texts = svgTexts(svg);
        for (Bdf e : m.endpoints()) {
            assertTrue(texts.contains(e.shortText()), e + " heads a row and a column");
            assertTrue(texts.contains(e.toString()), e + " is named in the endpoint list");
        }
        assertTrue(m.size() >= 2, "the sample has pairs");
        for (int r = 0; r < m.size(); r++) {
            for (int c = 0; c < m.size(); c++) {
                if (r == c) continue;
                String want = m.cell(r, c).smi().name() + " · " + switch (m.cell(r, c).mapType()) {
                    case BUS_ADDR -> "BUS";
                    case THRU_HOST_BRIDGE -> "HOST";
                    default -> "NONE";
                };
                assertTrue(texts.contains(want), "cell " + r + "," + c + " reads " + want);
            }
        }
        // 1 header row + one per endpoint, each with a header cell and a cell per endpoint
        long cells = texts.stream().filter(t -> t.matches("(X|PIX|PXB|PHB|NODE|SYS)( · (BUS|HOST|NONE))?")).count();
        assertEquals((long) m.size() * m.size(), cells);
    }

    @Test
    void theMatrixPdfOpensWithTheCellsAsText() throws Exception {
        byte[] pdf = SheetPicture.of(MatrixSheet.of(RULES.matrix(), RULES)).bytes(PictureFormat.PDF, 1);
        save("matrix.pdf", pdf);
        String text = pdfText(pdf);
        assertTrue(text.contains("P2P matrix"), text);
        for (Bdf e : RULES.matrix().endpoints()) assertTrue(text.contains(e.shortText()), e + " in the PDF");
        assertTrue(text.contains("PIX · BUS") || text.contains("PIX - BUS"), "a peer cell in the PDF: " + text);
    }

    @Test
    void theMatrixPngIsTheSheetsSizeAndPaintsAPeerCellInTheGridsBlue() throws Exception {
        SheetPicture p = SheetPicture.of(MatrixSheet.of(RULES.matrix(), RULES));
        byte[] png = p.bytes(PictureFormat.PNG, 2);
        save("matrix.png", png);
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals((int) Math.ceil(p.width() * 2), img.getWidth());
        assertEquals((int) Math.ceil(p.height() * 2), img.getHeight());
        assertTrue(p.width() >= SheetPainter.MIN_WIDTH && p.height() > 100, p.width() + " x " + p.height());
        String blue = SheetPalette.light().fill(Sheet.Tone.PEER).hex();
        int found = 0;
        for (int x = 0; x < img.getWidth(); x += 2) {
            for (int y = 0; y < img.getHeight(); y += 2) {
                if (String.format("#%06x", img.getRGB(x, y) & 0xffffff).equals(blue)) found++;
            }
        }
        assertTrue(found > 200, "BUS_ADDR cells are filled with " + blue + " (" + found + " samples)");
    }

    @Test
    void theScatterListSvgHasItsColumnsAndEveryEntrysAddress() throws Exception {
        byte[] svg = SheetPicture.of(ScatterListSheet.of(HOST, ScatterListSheet.DEFAULT_ROWS))
                .bytes(PictureFormat.SVG, 1);
        save("scatterlist.svg", svg);
        List<String> texts = svgTexts(svg);
        assertTrue(texts.containsAll(List.of("phys address", "DMA address", "DMA length", "formed from")), "headers");
        for (int i = 0; i < HOST.inputs().count(); i++) {
            assertTrue(texts.contains(Hex.addr(HOST.inputs().phys(i))), "entry " + i + "'s physical address");
        }
        for (int s = 0; s < HOST.segments().count(); s++) {
            assertTrue(texts.contains(Hex.addr(HOST.segments().address(s))), "segment " + s + "'s DMA address");
        }
        String pdf = pdfText(SheetPicture.of(ScatterListSheet.of(HOST, 200)).bytes(PictureFormat.PDF, 1));
        assertTrue(pdf.contains(Hex.addr(HOST.segments().address(0))), pdf);
    }

    @Test
    void aLongScatterListIsCutToTheRowsAskedAndSaysHowManyMore() throws Exception {
        Mapping big = Mappings.map(Mappings.SWITCH_SERVER, "0000:03:00.0", "host:node0:4MiB:scattered");
        int rows = big.inputs().count();
        assertTrue(rows > 20, rows + " rows");
        List<String> texts = svgTexts(SheetPicture.of(ScatterListSheet.of(big, 10)).bytes(PictureFormat.SVG, 1));
        assertTrue(texts.stream().anyMatch(t -> t.contains((rows - 10) + " more rows")), String.join("|", texts));
        assertTrue(texts.contains(Hex.addr(big.inputs().phys(9))), "the tenth row");
        assertTrue(!texts.contains(Hex.addr(big.inputs().phys(10))), "not the eleventh");
    }

    @Test
    void thePageWalkSvgHasTheIovaTheLevelsAndThePhysicalAddress() throws Exception {
        byte[] svg = SheetPicture.of(PageWalkSheet.of(HOST, 0, 0)).bytes(PictureFormat.SVG, 1);
        save("pagewalk.svg", svg);
        save("pagewalk.png", SheetPicture.of(PageWalkSheet.of(HOST, 0, 0)).bytes(PictureFormat.PNG, 2));
        List<String> texts = svgTexts(svg);
        assertTrue(HOST.pageTable().leafCount() > 0, "the T4 maps through its IOMMU");
        long iova = HOST.segments().address(0);
        assertTrue(texts.contains(Hex.addr(iova)), "the IOVA: " + texts);
        assertTrue(texts.contains(Hex.addr(HOST.inputs().phys(0))), "the physical page");
        for (var li : HOST.pageTable().walk(0)) {
            assertTrue(texts.contains("entry [" + li.index() + "]"), li.levelName() + "'s entry");
            assertTrue(texts.stream().anyMatch(t -> t.startsWith(li.levelName())), li.levelName() + "'s box");
        }
        String pdf = pdfText(SheetPicture.of(PageWalkSheet.of(HOST, 0, 0)).bytes(PictureFormat.PDF, 1));
        assertTrue(pdf.contains(Hex.addr(iova)), pdf);
    }

    @Test
    void aSegmentTheMappingLacksIsRefusedWithTheRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PageWalkSheet.of(HOST,
                HOST.segments().count(), 0));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void aChainWiderThanTheSheetWrapsOntoRowsAndTheHeightGrows() {
        List<Sheet.Box> boxes = new ArrayList<>();
        List<String> links = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            if (i > 0) links.add("arrow " + i);
            boxes.add(new Sheet.Box("box " + i, List.of(Cell.mono("0x" + i)), Sheet.Tone.PLAIN));
        }
        SheetPicture one = SheetPicture.of(new Sheet("t", List.of(new Sheet.Chain(boxes.subList(0, 2),
                links.subList(0, 1)))));
        SheetPicture many = SheetPicture.of(new Sheet("t", List.of(new Sheet.Chain(boxes, links))));
        assertTrue(many.width() <= SheetPainter.MAX_CHAIN_WIDTH + 2 * SheetPainter.MARGIN, "capped: " + many.width());
        assertTrue(many.height() > 2 * one.height(), one.height() + " vs " + many.height());
    }

    @Test
    void aRowOfTheWrongLengthIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Sheet.Table(List.of(Cell.of("a"), Cell.of("b")),
                List.of(List.of(Cell.of("1"))), false));
    }
}
