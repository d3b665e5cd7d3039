package org.dmascope.model.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.dmascope.model.diff.TopologyDiff.CellChange;
import org.dmascope.model.diff.TopologyDiff.FieldChange;
import org.dmascope.model.diff.TopologyDiff.GroupChange;
import org.dmascope.model.io.TopologyJsonReader;
import org.dmascope.model.kernel.TopologyRules;
import org.dmascope.model.kernel.p2p.P2pMapType;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.Topology;
import org.junit.jupiter.api.Test;

/**
 * The default sample against itself with its ConnectX-6 NIC moved from the switch's last downstream port to a root
 * port of its own (the windows that held its BAR moved with it), the done-when case of the what-if editor.
 */
class TopologyDifferTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Bdf NIC = Bdf.parse("0000:06:00.0");
    private static final Bdf NIC_MOVED = Bdf.parse("0000:08:00.0");
    private static final Bdf NEW_PORT = Bdf.parse("0000:00:05.0");
    private static final Bdf GPU = Bdf.parse("0000:03:00.0");

    @Test
    void aMachineComparedWithItselfIsTheSame() throws IOException {
        Topology t = load(sample());
        assertTrue(TopologyDiffer.compare(TopologyRules.of(t), TopologyRules.of(t)).same());
    }

    @Test
    void movingTheNicToItsOwnRootPortReportsTheMoveTheWindowsItsGroupAndItsP2pVerdicts() throws IOException {
        ObjectNode before = sample();
        TopologyDiff d = TopologyDiffer.compare(TopologyRules.of(load(before)), TopologyRules.of(load(nicMoved())));

        assertEquals(List.of(NEW_PORT), d.added());
        assertEquals(List.of(), d.removed());
        assertEquals(1, d.moved().size());
        assertEquals(NIC, d.moved().get(0).before());
        assertEquals(NIC_MOVED, d.moved().get(0).after());
        assertEquals(List.of(), d.moved().get(0).fields(), "only its address changed");
        assertEquals(List.of("0000:00:01.0", "0000:01:00.0", "0000:02:03.0"),
                d.changed().stream().map(c -> c.address().toString()).toList());
        assertEquals(List.of(new FieldChange("bridge.prefetchable", "0x3850000000-0x385fffffff", "disabled")),
                d.changed().get(2).fields());
        assertEquals(List.of(new FieldChange("bridge.prefetchable", "0x3800000000-0x385fffffff",
                "0x3800000000-0x384fffffff")), d.changed().get(0).fields());
        assertEquals(List.of(), d.machine());

        // Behind the switch the downstream ports control SV|UF only (0x11, no RR/CR), so the devices under it
        // share a group; on a root port enabling SV|RR|CR|UF (0x1d) the NIC stands alone.
        assertEquals(1, d.groups().size(), d.groups()::toString);
        GroupChange split = d.groups().get(0);
        assertEquals(GroupChange.Kind.SPLIT, split.kind());
        assertTrue(split.before().get(0).contains(NIC_MOVED));
        assertTrue(split.after().contains(List.of(NIC_MOVED)), split.after()::toString);

        // Inside the switch the NIC and a T4 reach each other through it (BUS_ADDR); from a root port of its own
        // the traffic goes through the host bridge.
        Optional<CellChange> gpuToNic = d.cells().stream()
                .filter(c -> c.provider().equals(GPU) && c.client().equals(NIC_MOVED)).findFirst();
        assertTrue(gpuToNic.isPresent(), d.cells()::toString);
        assertEquals(P2pMapType.BUS_ADDR, gpuToNic.get().beforeType());
        assertEquals(P2pMapType.THRU_HOST_BRIDGE, gpuToNic.get().afterType());
        assertTrue(gpuToNic.get().rules().stream().anyMatch(r -> r.startsWith("R-P2P")), gpuToNic.get()::toString);
        assertTrue(d.cells().stream().allMatch(c -> c.provider().equals(NIC_MOVED) || c.client().equals(NIC_MOVED)),
                "only pairs with the NIC change: " + d.cells());
    }

    @Test
    void aChangedAcsControlIsAFieldChangeAndItsGroupsFollow() throws IOException {
        ObjectNode after = sample();
        function(after, "0000:02:00.0").with("acs").put("control", "001d");
        TopologyDiff d = TopologyDiffer.compare(TopologyRules.of(load(sample())), TopologyRules.of(load(after)));
        assertEquals(List.of(new FieldChange("acs.control", "0011", "001d")), d.changed().get(0).fields());
        assertTrue(d.groups().stream().anyMatch(g -> g.kind() == GroupChange.Kind.SPLIT
                && g.after().contains(List.of(GPU))), d.groups()::toString);
    }

    private static ObjectNode nicMoved() throws IOException {
        ObjectNode t = sample();
        bridge(t, "0000:00:01.0").put("prefetchable", "0x3800000000-0x384fffffff");
        bridge(t, "0000:01:00.0").put("prefetchable", "0x3800000000-0x384fffffff");
        bridge(t, "0000:02:03.0").put("prefetchable", "disabled");
        ObjectNode port = function(t, "0000:00:03.0").deepCopy();
        port.put("address", NEW_PORT.toString());
        port.put("deviceName", "Ice Lake Xeon PCIe Root Port E");
        ObjectNode b = port.with("bridge");
        b.put("secondary", "08");
        b.put("subordinate", "08");
        b.put("memory", "disabled");
        b.put("prefetchable", "0x3850000000-0x385fffffff");
        ArrayNode fs = (ArrayNode) t.get("functions");
        fs.insert(3, port);
        function(t, NIC.toString()).put("address", NIC_MOVED.toString());
        return t;
    }

    private static ObjectNode bridge(ObjectNode t, String address) {
        return function(t, address).with("bridge");
    }

    private static ObjectNode function(ObjectNode t, String address) {
        for (JsonNode f : t.get("functions")) if (f.get("address").asText().equals(address)) return (ObjectNode) f;
        throw new AssertionError(address);
    }

    private static ObjectNode sample() throws IOException {
        String dir = System.getProperty("dmascope.samples", "../sample-topologies");
        return (ObjectNode) JSON.readTree(Files.readString(Path.of(dir, "switch-p2p-server.json")));
    }

    private static Topology load(ObjectNode json) {
        var r = TopologyJsonReader.read(json.toString(), "edited.json");
        return r.topology().orElseThrow(() -> new AssertionError(r.report().toString()));
    }
}
