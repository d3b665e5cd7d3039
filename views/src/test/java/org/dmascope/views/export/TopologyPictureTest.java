package org.dmascope.views.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.Topology;
import org.dmascope.views.mapping.RouteStops;
import org.dmascope.views.testing.Mappings;
import org.dmascope.views.topology.CanvasRoute;
import org.dmascope.views.topology.GroupColouring;
import org.dmascope.views.topology.LayoutResult;
import org.dmascope.views.topology.Rect;
import org.dmascope.views.topology.RouteGeometry;
import org.dmascope.views.topology.TopologyItem;
import org.dmascope.views.topology.TopologyLayout;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Pictures of the default sample in the three formats, read back with an XML parser, ImageIO and PDFBox. */
class TopologyPictureTest {
    private static final Topology SAMPLE = Mappings.sample(Mappings.SWITCH_SERVER);
    private static final LayoutResult LAYOUT = TopologyLayout.compute(SAMPLE);
    private static final Bdf T4 = Bdf.parse("0000:03:00.0");

    private static CanvasRoute hostRoute() {
        return RouteStops.of(Mappings.map(Mappings.SWITCH_SERVER, "0000:03:00.0", "host:node0:64KiB"));
    }

    private static PictureOptions everything() {
        return PictureOptions.PLAIN.withGroups(GroupColouring.of(TopologyRules.of(SAMPLE))).withRoute(hostRoute())
                .withSelection(TopologyItem.device(T4));
    }

    private static Document svg(byte[] bytes) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(bytes));
    }

    private static List<String> texts(Document d) {
        List<String> out = new ArrayList<>();
        NodeList l = d.getElementsByTagNameNS("http://www.w3.org/2000/svg", "text");
        for (int i = 0; i < l.getLength(); i++) out.add(l.item(i).getTextContent());
        return out;
    }

    @Test
    void theSvgIsXmlWithEveryFunctionsAddressAsTextAndItsFullNameAsTitle() throws Exception {
        byte[] bytes = TopologyPicture.of(SAMPLE, LAYOUT, everything()).bytes(PictureFormat.SVG, 1);
        save("sample.svg", bytes);
        save("sample-route.png", TopologyPicture.of(SAMPLE, LAYOUT, everything()).bytes(PictureFormat.PNG, 1.5));
        Document d = svg(bytes);
        List<String> texts = texts(d);
        for (PciFunction f : SAMPLE.functions()) {
            boolean shown = texts.contains(f.address().toString()) || texts.contains(f.address().shortText());
            assertTrue(shown, f.address() + " is written as text");
            Element g = d.getElementById(TopologyItem.device(f.address()).nodeId());
            Element item = g != null ? g : byId(d, TopologyItem.device(f.address()).nodeId());
            assertTrue(item != null, f.address() + " has its own group");
            assertTrue(item.getTextContent().contains(f.address().toString()), "the title names " + f.address());
        }
        assertTrue(texts.stream().anyMatch(t -> t.contains("NUMA node")), "the NUMA frame's title");
        assertTrue(texts.contains("G" + GroupColouring.of(TopologyRules.of(SAMPLE)).tag(T4).orElseThrow().group()),
                "the T4's group tag");
        assertTrue(texts.containsAll(List.of("1", "2", "3", "4", "5", "6")), "six numbered route stops");
        assertTrue(texts.contains("RAM · node 0"), "the RAM pill");
    }

    private static Element byId(Document d, String id) {
        NodeList gs = d.getElementsByTagNameNS("http://www.w3.org/2000/svg", "g");
        for (int i = 0; i < gs.getLength(); i++) {
            Element e = (Element) gs.item(i);
            if (id.equals(e.getAttribute("id"))) return e;
        }
        return null;
    }

    @Test
    void textIsEscapedInTheSvg() throws Exception {
        assertEquals("a &lt;b&gt; &amp; &quot;c&quot;", SvgSurface.escape("a <b> & \"c\"\u0001"));
    }

    @Test
    void thePngHasTheLayoutsSizeAtTheScaleAndACardWhereTheLayoutPutsIt() throws Exception {
        TopologyPicture p = TopologyPicture.of(SAMPLE, LAYOUT, PictureOptions.PLAIN);
        byte[] bytes = p.bytes(PictureFormat.PNG, 2);
        save("sample.png", bytes);
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(bytes));
        assertEquals((int) Math.ceil(LAYOUT.bounds().width() * 2), img.getWidth());
        assertEquals((int) Math.ceil(LAYOUT.bounds().height() * 2), img.getHeight());
        int background = img.getRGB(1, 1);
        Rect card = LAYOUT.box(TopologyItem.device(T4)).orElseThrow().bounds();
        int inside = 0;
        for (int x = (int) card.x() * 2 + 4; x < (int) card.maxX() * 2 - 4; x += 3) {
            for (int y = (int) card.y() * 2 + 4; y < (int) card.maxY() * 2 - 4; y += 3) {
                if (img.getRGB(x, y) != background) inside++;
            }
        }
        assertTrue(inside > 100, "the card is drawn (" + inside + " pixels differ from the background)");
        // the card's white face, not the background, at its middle-left edge inside the border
        assertEquals(0xffffffff, img.getRGB((int) (card.x() * 2) + 6, (int) (card.centerY() * 2) + 30));
    }

    @Test
    void aGroupColouredCardIsFilledWithItsGroupsColour() throws Exception {
        GroupColouring g = GroupColouring.of(TopologyRules.of(SAMPLE));
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(TopologyPicture.of(SAMPLE, LAYOUT,
                PictureOptions.PLAIN.withGroups(g)).bytes(PictureFormat.PNG, 1)));
        double band = new TopologyPainter(SAMPLE, LAYOUT, PictureOptions.PLAIN.withGroups(g), CanvasPalette.light(),
                new TextMeasure()).legendHeight(LAYOUT.bounds().width());
        assertTrue(band > 0, "the legend band");
        Rect card = LAYOUT.box(TopologyItem.device(T4)).orElseThrow().bounds();
        Colour fill = CanvasPalette.light().group(g.tag(T4).orElseThrow().colour()).fill();
        int rgb = img.getRGB((int) card.x() + 4, (int) (card.centerY() + band) + 20);
        assertEquals(fill.hex(), String.format("#%06x", rgb & 0xffffff));
    }

    @Test
    void thePdfOpensAndItsTextHasTheDeviceAddressesAndNames() throws Exception {
        byte[] bytes = TopologyPicture.of(SAMPLE, LAYOUT, everything()).bytes(PictureFormat.PDF, 1);
        save("sample.pdf", bytes);
        try (PDDocument doc = Loader.loadPDF(bytes)) {
            assertEquals(1, doc.getNumberOfPages());
            String text = new PDFTextStripper().getText(doc);
            for (PciFunction f : SAMPLE.functions()) {
                assertTrue(text.contains(f.address().toString()) || text.contains(f.address().shortText()),
                        f.address() + " in the PDF's text");
            }
            assertTrue(text.contains("Tesla T4") || text.contains("T4"), "a device name in the PDF's text: " + text);
        }
    }

    @Test
    void theVisiblePartIsDrawnAlone() {
        Rect card = LAYOUT.box(TopologyItem.device(T4)).orElseThrow().bounds();
        Rect area = new Rect(card.x() - 10, card.y() - 10, card.width() + 20, card.height() + 20);
        TopologyPicture p = TopologyPicture.of(SAMPLE, LAYOUT, PictureOptions.PLAIN.withArea(area));
        assertEquals(area.width(), p.width(), 1e-9);
        assertEquals(area.height(), p.height(), 1e-9);
        String svg = new String(p.bytes(PictureFormat.SVG, 1), StandardCharsets.UTF_8);
        assertTrue(svg.contains("viewBox=\"" + SvgSurface.n(area.x()) + " " + SvgSurface.n(area.y())), svg);
    }

    @Test
    void aHugePngIsDrawnSmallerThanAskedNotOutOfMemory() {
        TopologyPicture p = TopologyPicture.of(SAMPLE, LAYOUT, PictureOptions.PLAIN);
        assertEquals(2, p.pngScale(2), 1e-9);
        double s = p.pngScale(100);
        assertTrue(p.width() * p.height() * s * s <= TopologyPicture.MAX_PNG_PIXELS * 1.0001);
        assertNotEquals(100, s);
    }

    @Test
    void routeStopsSitWhereTheCanvasPutsThem() {
        RouteGeometry.Placed placed = RouteGeometry.place(LAYOUT, hostRoute());
        assertEquals(6, placed.stops().size());
        assertEquals(5, placed.paths().size());
        assertTrue(placed.stops().get(5).memory(), "the route ends in the RAM pill");
        assertFalse(placed.stops().get(0).memory());
    }

    @Test
    void formatsAreChosenByExtension() {
        assertEquals(PictureFormat.SVG, PictureFormat.ofFileName("route.SVG").orElseThrow());
        assertEquals(PictureFormat.PDF, PictureFormat.ofFileName("/tmp/a.b/x.pdf").orElseThrow());
        assertTrue(PictureFormat.ofFileName("x.jpg").isEmpty());
        assertTrue(PictureFormat.ofFileName("png").isEmpty());
    }

    /** Keeps a copy under target/ for a person to look at. */
    private static void save(String name, byte[] bytes) throws IOException {
        Path dir = Path.of("target", "pictures");
        Files.createDirectories(dir);
        Files.write(dir.resolve(name), bytes);
    }
}
