package org.dmascope.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.dmascope.model.edit.EditResult;
import org.dmascope.model.edit.MoveDevice;
import org.dmascope.model.edit.RemoveDevice;
import org.dmascope.model.io.SampleCatalog;
import org.dmascope.model.io.TopologyFiles;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.Topology;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dmascope diff}: exit status, the text for people and the JSON contract. */
class DiffCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void theSameFileTwiceIsTheSameAndExitsZero() {
        CliRun r = CliRun.of("diff", CliRun.SAMPLE, CliRun.SAMPLE);
        assertEquals(0, r.status(), r::toString);
        assertTrue(r.out().startsWith("same:"), r::toString);
    }

    @Test
    void aDownstreamPortWithFullAcsSplitsItsGroupAndExitsOne() throws IOException {
        Path after = edited(t -> function(t, "0000:02:00.0").with("acs").put("control", "001d"));
        CliRun r = CliRun.of("diff", CliRun.SAMPLE, after.toString());
        assertEquals(1, r.status(), r::toString);
        assertTrue(r.out().contains("changed  0000:02:00.0"), r::toString);
        assertTrue(r.out().contains("acs.control: 0011 -> 001d"), r::toString);
        assertTrue(r.out().contains("IOMMU groups (R-GRP-2): 1 split, 0 merged"), r::toString);

        CliRun json = CliRun.of("diff", CliRun.SAMPLE, after.toString(), "--format", "json");
        assertEquals(1, json.status(), json::toString);
        JsonNode d = JSON.readTree(json.out());
        assertEquals(false, d.get("same").asBoolean());
        assertEquals("acs.control", d.at("/changed/0/fields/0/field").asText());
        assertEquals("split", d.at("/groups/0/kind").asText());
        assertEquals("R-GRP-2", d.at("/groups/0/rule").asText());
        assertTrue(d.at("/groups/0/after").size() > 1, d::toString);
    }

    @Test
    void theNicMovedToTheOtherRootPortWithTheWhatIfEditsIsExactlyAMoveARemovalASplitAndSixCells() throws IOException {
        Topology t = SampleCatalog.loadDefault();
        t = ((EditResult.Applied) new RemoveDevice(Bdf.parse("0000:07:00.0")).apply(t)).topology();
        t = ((EditResult.Applied) new MoveDevice(Bdf.parse("0000:06:00.0"), Bdf.parse("0000:00:03.0")).apply(t))
                .topology();
        Path after = tmp.resolve("edited.json");
        TopologyFiles.save(t, after);

        CliRun json = CliRun.of("diff", CliRun.SAMPLE, after.toString(), "--format", "json");
        assertEquals(1, json.status(), json::toString);
        JsonNode d = JSON.readTree(json.out());
        assertEquals("[]", d.get("added").toString());
        assertEquals("[\"0000:07:00.0\"]", d.get("removed").toString());
        assertEquals(1, d.get("moved").size());
        assertEquals("0000:06:00.0", d.at("/moved/0/before").asText());
        assertEquals("0000:07:00.0", d.at("/moved/0/after").asText());
        assertEquals(1, d.get("changed").size(), "the switch port the NIC left: its link is down");
        assertEquals("0000:02:03.0", d.at("/changed/0/address").asText());
        assertEquals(0, d.get("machine").size());
        assertEquals(1, d.get("groups").size());
        assertEquals("split", d.at("/groups/0/kind").asText());
        assertEquals("[[\"0000:02:03.0\"],[\"0000:07:00.0\"]]", d.at("/groups/0/after").toString());
        assertEquals(6, d.get("cells").size());
        for (JsonNode c : d.get("cells")) {
            assertTrue(c.get("provider").asText().equals("0000:07:00.0") || c.get("client").asText()
                    .equals("0000:07:00.0"), c::toString);
            assertEquals("BUS_ADDR", c.at("/before/mapType").asText());
            assertEquals("THRU_HOST_BRIDGE", c.at("/after/mapType").asText());
        }
    }

    @Test
    void anUnreadableSideIsUnusableWithTheFileAndReason() {
        CliRun r = CliRun.of("diff", CliRun.SAMPLE, tmp.resolve("missing.json").toString());
        assertEquals(2, r.status(), r::toString);
        assertTrue(r.err().contains("missing.json: error: the file does not exist"), r::toString);
    }

    private Path edited(java.util.function.Consumer<ObjectNode> edit) throws IOException {
        ObjectNode t = (ObjectNode) JSON.readTree(Files.readString(Path.of(CliRun.SAMPLE)));
        edit.accept(t);
        Path p = tmp.resolve("edited.json");
        Files.writeString(p, t.toString());
        return p;
    }

    private static ObjectNode function(ObjectNode t, String address) {
        for (JsonNode f : t.get("functions")) if (f.get("address").asText().equals(address)) return (ObjectNode) f;
        throw new AssertionError(address);
    }
}
