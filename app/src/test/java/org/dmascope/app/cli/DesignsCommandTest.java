package org.dmascope.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

/** {@code dmascope designs}: exit codes, messages for bad input, the text tables and the JSON shape. */
class DesignsCommandTest {
    static final String SAMPLE = MapCommandTest.SAMPLE;

    @Test
    void textHasATablePerQuestionAndTheKernelsAnswer() {
        MapCommandTest.Run r = MapCommandTest.run("designs", SAMPLE, "--initiator", "06:00.0", "--buffer",
                "host:node0:1MiB:scattered", "--buffer", "bar:0000:05:00.0:2:64KiB", "--entries", "--limit", "2");
        assertEquals(0, r.code(), r.err());
        for (String heading : new String[] {"1. What carries the pages into the DMA API", "2. What comes out",
                "3. Finding the P2P provider from a physical address", "4. BAR memory that cannot go peer-to-peer",
                "5. Who maps", "6. A DMA-only scatterlist"}) {
            assertTrue(r.out().contains("\n" + heading + "\n"), heading);
        }
        assertTrue(r.out().contains("kernel: ok, ok; map type NONE, BUS_ADDR;"), r.out());
        assertTrue(r.out().contains("(host RAM and P2P memory mixed)"));
        // the designs side by side: one header line with every carrier's key, mainline ones starred
        assertTrue(r.out().lines().anyMatch(l -> l.matches("\\s+scatterlist \\*\\s+phys_vec \\*\\s+bio_vec\\s+"
                + "phy_range\\s+neoscat")), r.out());
        // each design's source, argument and fate under the table: the orchestrator's as Logan Gunthorpe wrote it
        assertTrue(r.out().contains("\n  orchestrator: the orchestrator maps (proposal, \"Removing struct page from "
                + "P2PDMA\" thread, 2019 (Logan Gunthorpe, <8044000b-1105-4f5d-20c4-ea101b17cd19@deltatee.com>))\n"
                + "    argument: \"there will always be a map step, but it should be done by the orchestrator"),
                r.out());
        assertTrue(r.out().contains("entries of phys_vec (193):"));
        assertTrue(r.out().contains("... 191 more (--limit N shows more)"));
    }

    @Test
    void jsonNamesEachDesignsSource() throws Exception {
        MapCommandTest.Run r = MapCommandTest.run("designs", SAMPLE, "--initiator", "07:00.0", "--buffer",
                "host:node0:64KiB:contiguous", "--format", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = r.json();
        assertEquals(6, j.get("questions").size());
        int designs = 0;
        for (JsonNode q : j.get("questions")) {
            for (JsonNode d : q.get("designs")) {
                String source = d.get("source").asText();
                assertTrue(source.startsWith("mainline") || source.startsWith("proposal"), source);
                assertEquals(source.startsWith("mainline"), d.get("mainline").asBoolean(), source);
                assertTrue(d.get("entries").get("rows").size() <= d.get("entries").get("total").asInt());
                designs++;
            }
        }
        assertEquals(19, designs);
        // the bounce names the message it follows and quotes it; the 4-bit id says no message proposed it
        JsonNode bounce = design(j, "bounce");
        assertTrue(bounce.get("source").asText().contains("<20190627063223.GA7736@ziepe.ca>"), bounce.toString());
        assertTrue(bounce.get("argument").asText().startsWith("\"When an IO against that is run it should succeed"),
                bounce.toString());
        assertTrue(design(j, "provider-id-4bit").get("source").asText().startsWith("proposal, dmascope's reading"));
        assertEquals(16, j.get("pages").asLong(), "64 KiB / 4 KiB");
    }

    static JsonNode design(JsonNode json, String key) {
        for (JsonNode q : json.get("questions")) {
            for (JsonNode d : q.get("designs")) if (d.get("key").asText().equals(key)) return d;
        }
        throw new AssertionError("no design " + key);
    }

    @Test
    void badInputExitsTwoWithAReason() {
        MapCommandTest.Run spec = MapCommandTest.run("designs", SAMPLE, "--initiator", "07:00.0", "--buffer",
                "host:nodeX:1MiB");
        assertEquals(Cli.UNUSABLE, spec.code());
        assertTrue(spec.err().contains("nodeX"), spec.err());
        MapCommandTest.Run noMemory = MapCommandTest.run("designs", SAMPLE, "--initiator", "07:00.0", "--buffer",
                "bar:0000:07:00.0:0:4KiB");
        assertEquals(Cli.UNUSABLE, noMemory.code());
        assertTrue(noMemory.err().startsWith("dmascope designs: bar:0000:07:00.0:0:4KiB: "), noMemory.err());
        MapCommandTest.Run noFile = MapCommandTest.run("designs", "no-such-file.json", "--initiator", "07:00.0",
                "--buffer", "host:node0:4KiB");
        assertEquals(Cli.UNUSABLE, noFile.code());
        assertTrue(noFile.err().contains("no-such-file.json"), noFile.err());
    }
}
