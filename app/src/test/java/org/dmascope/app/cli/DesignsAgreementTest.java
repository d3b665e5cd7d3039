package org.dmascope.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import javafx.beans.property.SimpleObjectProperty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.dmascope.model.designs.Design;
import org.dmascope.model.designs.DesignLab;
import org.dmascope.model.designs.DesignMapping;
import org.dmascope.model.io.TopologyFiles;
import org.dmascope.model.kernel.platform.PlatformOverrides;
import org.dmascope.model.mapping.BufferSpecParser;
import org.dmascope.model.mapping.Mapping;
import org.dmascope.model.session.KernelSession;
import org.dmascope.model.session.MapCall;
import org.dmascope.model.session.MapOptions;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.Topology;
import org.dmascope.views.designs.DesignsViewModel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Designs tab and {@code dmascope designs --format json} agree on every figure of every design for the
 * three buffers of issue 15 on the default sample: 1 GiB of scattered pages, 6 GiB contiguous (the u32
 * split), and host RAM mixed with P2P memory. The tab's side is its view model fed the way the window
 * feeds it (a mapping from a kernel session, the tab shown); the mixed buffer, which the window cannot
 * drop, goes through {@link DesignsViewModel#show} with the parts mapped as the CLI maps them.
 */
class DesignsAgreementTest {
    static final String SAMPLE = MapCommandTest.SAMPLE;

    @ParameterizedTest
    @ValueSource(strings = {"0000:07:00.0 host:node0:1GiB:scattered", "0000:07:00.0 host:node0:6GiB:contiguous",
            "0000:06:00.0 host:node0:1MiB:scattered bar:0000:05:00.0:2:64KiB"})
    void tabAndCliAgree(String args) throws Exception {
        String[] a = args.split(" ");
        Bdf initiator = Bdf.parse(a[0]);
        List<String> specs = Arrays.asList(a).subList(1, a.length);
        List<String> line = new ArrayList<>(List.of("designs", SAMPLE, "--initiator", a[0], "--format",
                "json", "--limit", "5"));
        for (String s : specs) line.addAll(List.of("--buffer", s));
        MapCommandTest.Run run = MapCommandTest.run(line.toArray(String[]::new));
        assertEquals(0, run.code(), run.err());
        JsonNode json = new ObjectMapper().readTree(run.out());

        DesignsViewModel tab = tab(initiator, specs);
        int compared = 0;
        for (JsonNode q : json.get("questions")) {
            for (JsonNode d : q.get("designs")) {
                String key = d.get("key").asText();
                // the attribution, the quoted argument and the fate read the same in both
                Design inTab = tab.reportProperty().get().design(key).orElseThrow(() -> new AssertionError(key));
                assertEquals(inTab.source(), d.get("source").asText(), key);
                assertEquals(inTab.argument(), d.get("argument").asText(), key);
                assertEquals(inTab.fate(), d.get("fate").asText(), key);
                var fields = d.get("figures").fields();
                while (fields.hasNext()) {
                    var f = fields.next();
                    Object shown = tab.figure(key, f.getKey()).orElseThrow(() -> new AssertionError(key + " "
                            + f.getKey() + " is not in the tab"));
                    assertEquals(value(f.getValue()), shown, key + " " + f.getKey());
                    compared++;
                }
            }
        }
        // every figure of the tab is in the JSON too: the same count both ways
        long inTab = tab.reportProperty().get().designs().stream().mapToLong(d -> d.figures().size()).sum();
        assertEquals(inTab, compared);
        assertTrue(compared > 100, "all six questions compared: " + compared);
        // and the tab's rows read the same numbers
        for (DesignsViewModel.Section s : tab.sections()) {
            for (DesignsViewModel.FigureRow r : s.rows()) {
                for (int c = 0; c < s.designs().size(); c++) {
                    String key = s.designs().get(c).key();
                    JsonNode v = design(json, key).get("figures").get(r.key());
                    if (v == null) assertEquals("", r.values().get(c));
                    else assertEquals(v.isBoolean() ? (v.asBoolean() ? "yes" : "no") : v.asText(), r.values().get(c));
                }
            }
        }
    }

    /** The tab's view model for the buffer: a single mapping as a drop makes it, several parts as the CLI maps. */
    private static DesignsViewModel tab(Bdf initiator, List<String> specs) {
        Topology t = TopologyFiles.load(Path.of(SAMPLE)).topology().orElseThrow();
        KernelSession session = KernelSession.boot(t, PlatformOverrides.NONE);
        List<MapCall> calls = specs.stream()
                .map(s -> new MapCall(initiator, BufferSpecParser.parse(s), MapOptions.DEFAULTS)).toList();
        SimpleObjectProperty<Mapping> current = new SimpleObjectProperty<>();
        DesignsViewModel vm = new DesignsViewModel(current);
        DesignMapping m = DesignMapping.map(session, calls);
        if (calls.size() == 1) {
            vm.activeProperty().set(true);
            current.set(m.input().orElseThrow().parts().get(0));
        } else {
            vm.show(new DesignLab().evaluate(m.input().orElseThrow()));
        }
        return vm;
    }

    private static JsonNode design(JsonNode json, String key) {
        for (JsonNode q : json.get("questions")) for (JsonNode d : q.get("designs")) {
            if (d.get("key").asText().equals(key)) return d;
        }
        throw new AssertionError("no design " + key);
    }

    private static Object value(JsonNode v) {
        if (v.isBoolean()) return v.asBoolean();
        if (v.isIntegralNumber()) return v.asLong();
        return v.asText();
    }
}
