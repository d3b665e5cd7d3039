package org.dmascope.model.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.dmascope.model.topology.Bar;
import org.dmascope.model.topology.HostWindow;
import org.dmascope.model.topology.LinkSpeed;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.Platform;
import org.dmascope.model.topology.PortType;
import org.dmascope.model.topology.Topology;
import org.dmascope.model.topology.TopologySource;
import org.dmascope.model.topology.ToolReport;
import org.junit.jupiter.api.Test;

/**
 * Keeps docs/topology-format.md true: its example loads cleanly and every field and value the code knows is documented.
 */
class TopologyFormatDocTest {

    private static final Path DOC = Path.of(System.getProperty("dmascope.docs", "../docs"), "topology-format.md");

    private static String doc() throws IOException {
        return Files.readString(DOC, StandardCharsets.UTF_8);
    }

    /** The first ```json block after the "A complete example" heading. */
    private static String example() throws IOException {
        String text = doc();
        int heading = text.indexOf("## A complete example");
        assertTrue(heading >= 0, "the doc has a complete example section");
        int start = text.indexOf("```json\n", heading);
        int end = text.indexOf("\n```", start + 8);
        assertTrue(start > 0 && end > start, "the example section has a json block");
        return text.substring(start + "```json\n".length(), end + 1);
    }

    @Test
    void theExampleLoadsWithoutAFinding() throws IOException {
        LoadResult r = TopologyJsonReader.read(example(), "topology-format.md example");
        assertTrue(r.ok(), r.report()::toText);
        assertTrue(r.report().isEmpty(), r.report()::toText);
    }

    @Test
    void theExampleIsInCanonicalForm() throws IOException {
        String text = example();
        assertEquals(text, TopologyJsonWriter.write(TopologyJsonReader.read(text, "example").topology().orElseThrow()));
    }

    @Test
    void theExampleShowsEveryPartOfAMachine() throws IOException {
        Topology t = TopologyJsonReader.read(example(), "example").topology().orElseThrow();
        assertTrue(t.platform().iommu().present() && t.platform().swiotlb().size().isPresent());
        assertTrue(!t.numaNodes().isEmpty() && !t.numaNodes().get(0).memory().isEmpty());
        assertTrue(t.hostBridges().get(0).windows().size() >= 3);
        for (PortType p : List.of(PortType.ROOT_PORT, PortType.SWITCH_UPSTREAM, PortType.SWITCH_DOWNSTREAM,
                PortType.ENDPOINT)) {
            assertTrue(t.functions().stream().anyMatch(f -> f.portType().equals(java.util.Optional.of(p))), "no " + p);
        }
        PciFunction cmb = t.functions().stream().filter(f -> !f.p2pMemory().isEmpty()).findFirst().orElseThrow();
        assertTrue(cmb.bars().size() >= 2 && cmb.acs().isPresent() && cmb.link().isPresent() && !cmb.dma().isUnknown());
        assertTrue(t.functions().stream().anyMatch(PciFunction::isVirtualFunction), "no VF");
        assertTrue(t.functions().stream().anyMatch(f -> f.sriov().isPresent()), "no SR-IOV PF");
    }

    @Test
    void everyFieldTheWriterCanWriteIsDocumented() throws IOException {
        Set<String> keys = new TreeSet<>();
        ObjectMapper json = new ObjectMapper();
        keys(json.readTree(example()), keys);
        for (String sample : SampleCatalog.index()) {
            keys(json.readTree(Files.readString(Path.of("../sample-topologies", sample))), keys);
        }
        for (long seed = 1; seed <= 100; seed++) keys(TopologyJsonWriter.toJson(new RandomTopologies(seed).next()),
                keys);
        String text = doc();
        List<String> missing = keys.stream().filter(k -> !text.contains("`" + k + "`") && !text.contains("." + k + "`"))
                .toList();
        assertTrue(missing.isEmpty(), "fields missing from docs/topology-format.md: " + missing);
    }

    private static void keys(JsonNode n, Set<String> out) {
        if (n.isObject()) {
            for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                out.add(k);
                // A provenance object's keys are the names of other fields, not fields of their own.
                if (!k.equals("provenance")) keys(n.get(k), out);
            }
        } else if (n.isArray()) {
            for (JsonNode item : n) keys(item, out);
        }
    }

    @Test
    void everyEnumeratedValueIsDocumented() throws IOException {
        String text = doc();
        Set<String> values = new TreeSet<>();
        for (PortType p : PortType.values()) values.add(p.jsonName());
        for (Platform.Architecture a : Platform.Architecture.values()) values.add(a.jsonName());
        for (Platform.CpuVendor v : Platform.CpuVendor.values()) values.add(v.jsonName());
        for (Platform.IommuDriver d : Platform.IommuDriver.values()) values.add(d.jsonName());
        for (Platform.DomainType d : Platform.DomainType.values()) values.add(d.jsonName());
        for (Platform.PageTableFormat f : Platform.PageTableFormat.values()) values.add(f.jsonName());
        for (Platform.MemoryEncryption e : Platform.MemoryEncryption.values()) values.add(e.jsonName());
        for (HostWindow.Kind k : HostWindow.Kind.values()) values.add(k.jsonName());
        for (Bar.Space s : Bar.Space.values()) values.add(s.jsonName());
        for (TopologySource.Kind k : TopologySource.Kind.values()) values.add(k.jsonName());
        for (LinkSpeed s : LinkSpeed.values()) values.add(s.text());
        for (ToolReport.Tool t : ToolReport.Tool.values()) values.add(t.jsonName());
        for (ToolReport.Match m : ToolReport.Match.values()) values.add(m.jsonName());
        for (ToolReport.Kind k : ToolReport.Kind.values()) values.add(k.name().toLowerCase(java.util.Locale.ROOT));
        List<String> missing = values.stream().filter(v -> !text.contains("`" + v + "`")).toList();
        assertTrue(missing.isEmpty(), "values missing from docs/topology-format.md: " + missing);
    }

    @Test
    void theDocumentedFormatNameAndVersionAreTheCodes() throws IOException {
        String text = doc();
        assertTrue(text.startsWith("# dmascope topology format (`" + TopologyFormat.FORMAT + "`, version "
                + TopologyFormat.VERSION + ")"));
    }
}
