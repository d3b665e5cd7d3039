package org.dmascope.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.dmascope.model.io.TopologyFiles;
import org.dmascope.model.testing.Corpus;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.PciIdentity;
import org.dmascope.model.topology.Topology;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSON contracts of {@code groups}, {@code p2p} and {@code matrix}, run in-process. */
class TopologyCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] DSPS = {"0000:02:00.0", "0000:02:01.0", "0000:02:02.0", "0000:02:03.0"};

    @TempDir
    Path tmp;

    record Run(int status, String out, String err) {
        JsonNode json() {
            try {
                return JSON.readTree(out);
            } catch (IOException e) {
                throw new AssertionError("stdout is not JSON: " + out + "\nstderr: " + err, e);
            }
        }
    }

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Cli.standard().run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static Path sample() {
        return Path.of(System.getProperty("dmascope.samples", "../sample-topologies"), "switch-p2p-server.json");
    }

    static Topology loadSample() {
        return TopologyFiles.load(sample()).topology().orElseThrow();
    }

    private Path save(Topology t, String name) throws IOException {
        Path p = tmp.resolve(name);
        TopologyFiles.save(t, p);
        return p;
    }

    /** The default sample with the switch downstream ports' ACS control set to 0x001d (redirect on). */
    private static Topology acsRedirectSample(int hostBridgeDevice) {
        Topology t = loadSample();
        for (String d : DSPS) t = t.withFunction(Bdf.parse(d), f -> f.toBuilder().acs(f.acs().orElseThrow()
                .withControl(0x001d)).build());
        return t.withFunction(Bdf.parse("0000:00:00.0"), f -> f.toBuilder().identity(new PciIdentity(f.identity()
                .vendorId(),
                OptionalInt.of(hostBridgeDevice), f.identity().subsystemVendorId(), f.identity().subsystemDeviceId(),
                f.identity().classCode(), f.identity().revision(), f.identity().vendorName(),
                        java.util.Optional.empty(),
                f.identity().subsystemName(), f.identity().className())).build());
    }

    private static List<String> routeDevices(JsonNode j) {
        List<String> l = new ArrayList<>();
        j.get("route").forEach(h -> l.add(h.get("device").asText()));
        return l;
    }

    @Test
    void p2pOnTheDefaultSampleExplainsASwitchLocalBusAddrPair() {
        Run r = run("p2p", sample().toString(), "--provider", "05:00.0", "--client", "03:00.0", "--format", "json");
        assertEquals(0, r.status(), r.err());
        JsonNode j = r.json();
        assertEquals("BUS_ADDR", j.get("mapType").asText());
        assertEquals(4, j.get("distance").asInt());
        assertEquals(List.of("0000:03:00.0", "0000:02:00.0", "0000:01:00.0", "0000:02:02.0", "0000:05:00.0"),
                routeDevices(j));
        j.get("route").forEach(h -> assertFalse(h.get("decision").asText().isEmpty()));
        assertEquals("forward to peer", j.get("route").get(1).get("decision").asText());
        assertTrue(j.get("reason").asText().contains("switch upstream port 0000:01:00.0"), j.get("reason").asText());
        assertEquals("0000:01:00.0", j.get("commonUpstream").asText());
        assertEquals(3.938, j.get("bottleneck").get("gigabytesPerSecond").asDouble(), 0.001);
        assertTrue(j.get("assumptions").size() > 0);
    }

    @Test
    void p2pWithSeveralClientsSumsTheDistancesAndFindsTheProvider() throws IOException {
        // pci_p2pdma_distance_many: three clients under the same switch, 4 hops each, sum 12.
        Run many = run("p2p", sample().toString(), "--provider", "05:00.0", "--clients", "03:00.0,04:00.0,06:00.0",
                "--format", "json");
        assertEquals(0, many.status(), many.err());
        assertEquals(12, many.json().get("distance").asInt());
        assertEquals(3, many.json().get("clients").size());
        // pci_p2pmem_find_many: the only published provider, at 4 + 4 for two clients.
        Run find = run("p2p", sample().toString(), "--find-provider", "03:00.0,06:00.0", "--format", "json");
        assertEquals(0, find.status(), find.err());
        assertEquals("0000:05:00.0", find.json().get("provider").asText());
        assertEquals(8, find.json().get("scored").get(0).get("distance").asInt());
        assertFalse(find.json().get("scored").get(0).get("assumed").asBoolean(), "the sample registers its CMB");
        // an lspci export: the V100s' BARs are assumed registered, not published; the answer says so
        Run v100s = run("p2p", Corpus.file("supermicro-4028gr-tvrt-8xv100-pex9765.verbose.txt").toString(),
                "--find-provider", "0d:00.0,0e:00.0");
        assertEquals(Cli.FAILED, v100s.status(), v100s.err());
        assertTrue(v100s.out().contains("Assumed: 0000:0d:00.0,") && v100s.out().contains("If it were published, "
                + "pci_p2pmem_find_many would return 0000:0"), v100s.out());
        // a client the ACS redirect sends through a host bridge not on the whitelist: -1 for the whole set
        Path file = save(acsRedirectSample(0x09a3), "acs-unlisted-many.json");
        Run refused = run("p2p", file.toString(), "--provider", "05:00.0", "--clients", "03:00.0,04:00.0",
                "--format", "json");
        assertEquals(Cli.FAILED, refused.status());
        assertEquals(-1, refused.json().get("distance").asInt());
        Run none = run("p2p", file.toString(), "--find-provider", "03:00.0", "--format", "json");
        assertEquals(Cli.FAILED, none.status());
        assertTrue(none.json().get("provider").isNull());
        assertEquals(Cli.UNUSABLE, run("p2p", sample().toString(), "--provider", "05:00.0", "--client", "03:00.0",
                "--clients", "04:00.0").status());
    }

    @Test
    void acsRedirectOnTheSwitchPortsGoesThroughTheWhitelistedHostBridge() throws IOException {
        Path file = save(acsRedirectSample(0x09a2), "acs.json");
        Run r = run("p2p", file.toString(), "--provider", "0000:05:00.0", "--client", "0000:03:00.0", "--format",
                "json");
        assertEquals(0, r.status(), r.err());
        JsonNode j = r.json();
        assertEquals("THRU_HOST_BRIDGE", j.get("mapType").asText());
        assertEquals(4, j.get("distance").asInt());
        String reason = j.get("reason").asText();
        assertTrue(reason.contains("ACS redirect (ReqRedir+ CmpltRedir+) on 0000:02:02.0"), reason);
        assertTrue(reason.contains("8086:09a2"), reason);
        assertTrue(routeDevices(j).contains("pci0000:00"));
        assertEquals("pci=disable_acs_redir=0000:02:02.0;0000:02:00.0", j.get("suggestion").asText());
    }

    @Test
    void acsRedirectWithAnUnlistedHostBridgeIsNotSupported() throws IOException {
        Path file = save(acsRedirectSample(0x09a3), "acs-unlisted.json");
        Run r = run("p2p", file.toString(), "--provider", "05:00.0", "--client", "03:00.0", "--format", "json");
        assertEquals(Cli.FAILED, r.status());
        JsonNode j = r.json();
        assertEquals("NOT_SUPPORTED", j.get("mapType").asText());
        assertTrue(j.get("reason").asText().contains("ACS redirect (ReqRedir+ CmpltRedir+) on 0000:02:02.0"));
        assertFalse(j.get("hostBridge").get("allowed").asBoolean());
    }

    @Test
    void kernelProfileChangesTheAnswer() throws IOException {
        Path file = save(acsRedirectSample(0x09a2), "acs.json");
        Run r = run("p2p", file.toString(), "--provider", "05:00.0", "--client", "03:00.0", "--kernel", "5.4",
                "--format", "json");
        assertEquals("NOT_SUPPORTED", r.json().get("mapType").asText(), "5.4's whitelist had no 09a2");
        assertEquals(-1, r.json().get("distance").asInt(), "pci_p2pdma_distance() is -1 for NOT_SUPPORTED");
        assertTrue(r.json().get("pathDistance").asInt() > 0, "the path still has its hops");
        Run text = run("p2p", file.toString(), "--provider", "05:00.0", "--client", "03:00.0", "--kernel", "5.4");
        assertTrue(text.out().startsWith("NOT_SUPPORTED, distance -1 (the path is "), text.out());
        Run amd = run("p2p", file.toString(), "--provider", "05:00.0", "--client", "03:00.0", "--cpu", "amd:0x19",
                "--format", "json");
        assertEquals("THRU_HOST_BRIDGE", amd.json().get("mapType").asText());
        assertTrue(amd.json().get("hostBridge").get("byCpu").asBoolean());
    }

    @Test
    void acsRequestedWhatIfAppliesTheKernelSetBits() {
        Run r = run("p2p", sample().toString(), "--provider", "05:00.0", "--client", "03:00.0", "--acs-requested",
                "yes",
                "--cmdline", "intel_iommu=on", "--format", "json");
        JsonNode j = r.json();
        assertEquals("THRU_HOST_BRIDGE", j.get("mapType").asText(), r.out());
        assertTrue(j.get("notes").toString().contains("what-if"), j.get("notes").toString());
        boolean fromOption = false;
        for (JsonNode a : j.get("assumptions")) {
            if (a.get("name").asText().equals("acsRequested")) fromOption = a.get("source").asText().equals("option");
        }
        assertTrue(fromOption);
        Run kept = run("p2p", sample().toString(), "--provider", "05:00.0", "--client", "03:00.0", "--acs-requested",
                "yes",
                "--format", "json");
        assertEquals("BUS_ADDR", kept.json().get("mapType").asText(),
                "the sample's pci=disable_acs_redir= clears RR|CR again");
    }

    @Test
    void p2pTextSaysWhy() {
        Run r = run("p2p", sample().toString(), "--provider", "05:00.0", "--client", "03:00.0");
        assertEquals(0, r.status());
        assertTrue(r.out().startsWith("BUS_ADDR, distance 4"), r.out());
        assertTrue(r.out().contains("assumptions:"));
    }

    @Test
    void groupsJsonShape() {
        Run r = run("groups", sample().toString(), "--format", "json");
        assertEquals(0, r.status(), r.err());
        JsonNode j = r.json();
        assertEquals("derived", j.get("source").asText());
        JsonNode groups = j.get("groups");
        assertEquals(9, groups.size());
        JsonNode g4 = groups.get(4);
        assertEquals(4, g4.get("id").asInt());
        assertEquals("0000:02:00.0", g4.get("devices").get(0).asText());
        assertEquals("0000:03:00.0", g4.get("devices").get(1).asText());
        assertTrue(g4.get("reasons").get("0000:03:00.0").asText()
                .startsWith("behind switch downstream port 0000:02:00.0"));
        assertEquals("DMA-FQ", g4.get("defaultDomain").asText());
        assertTrue(j.get("differences").isArray());
        assertEquals(0, j.get("differences").size());
        assertTrue(j.get("matchesReported").isNull());
    }

    /**
     * The sample carrying the kernel's groups: the derived partition, except that 0000:03:00.0 got a group of its own.
     */
    private Path sampleWithReportedGroups() throws IOException {
        Run derived = run("groups", sample().toString(), "--format", "json");
        Topology t = loadSample();
        List<PciFunction> fs = new ArrayList<>();
        for (JsonNode g : derived.json().get("groups")) {
            for (JsonNode d : g.get("devices")) {
                Bdf b = Bdf.parse(d.asText());
                int id = b.equals(Bdf.parse("0000:03:00.0")) ? 40 : g.get("id").asInt() + 10;
                fs.add(t.function(b).orElseThrow().toBuilder().iommuGroup(OptionalInt.of(id)).build());
            }
        }
        return save(t.withFunctions(fs), "reported.json");
    }

    @Test
    void reportedGroupsAreUsedAndComparedUnlessDerived() throws IOException {
        Path file = sampleWithReportedGroups();
        JsonNode reported = run("groups", file.toString(), "--format", "json").json();
        assertEquals("reported", reported.get("source").asText());
        assertFalse(reported.get("matchesReported").asBoolean());
        String diffs = reported.get("differences").toString();
        assertTrue(diffs.contains("the rules merge the kernel's groups 14 {0000:02:00.0} and 40 {0000:03:00.0} into "
                + "group 4"), diffs);
        JsonNode derived = run("groups", file.toString(), "--derive", "--format", "json").json();
        assertEquals("derived", derived.get("source").asText());
        assertEquals(reported.get("differences"), derived.get("differences"));
        Run text = run("groups", file.toString());
        assertTrue(text.out().startsWith("IOMMU groups as the kernel reported them"), text.out());
    }

    @Test
    void matrixJsonShape() {
        Run r = run("matrix", sample().toString(), "--format", "json");
        assertEquals(0, r.status(), r.err());
        JsonNode j = r.json();
        assertEquals(5, j.get("endpoints").size());
        assertEquals(25, j.get("cells").size());
        JsonNode cell = null;
        for (JsonNode c : j.get("cells")) {
            if (c.get("provider").asText().equals("0000:05:00.0") && c.get("client").asText()
                    .equals("0000:03:00.0")) cell = c;
        }
        assertEquals("BUS_ADDR", cell.get("mapType").asText());
        assertEquals(4, cell.get("distance").asInt());
        assertEquals("PIX", cell.get("nvidiaSmi").asText());
        assertEquals("PATH_PIX", cell.get("ncclPath").asText());
        assertTrue(cell.get("rules").get("mapType").asText().startsWith("R-P2P-5: BUS_ADDR"));
        assertTrue(cell.get("rules").get("nvidiaSmi").asText().startsWith("PIX: "));
        assertTrue(cell.get("rules").get("ncclPath").asText().startsWith("PIX: "));
    }

    @Test
    void badOptionsAreUsageErrors() {
        Run missing = run("p2p", sample().toString(), "--client", "03:00.0");
        assertEquals(Cli.UNUSABLE, missing.status());
        assertTrue(missing.err().contains("--provider BDF is required"), missing.err());
        Run cpu = run("p2p", sample().toString(), "--provider", "05:00.0", "--client", "03:00.0", "--cpu", "via");
        assertEquals(Cli.UNUSABLE, cpu.status());
        assertTrue(cpu.err().contains("unknown CPU vendor"), cpu.err());
        Run dev = run("p2p", sample().toString(), "--provider", "09:00.0", "--client", "03:00.0");
        assertEquals(Cli.UNUSABLE, dev.status());
        assertTrue(dev.err().contains("provider 09:00.0 is not in the topology"), dev.err());
        Run kernel = run("groups", sample().toString(), "--kernel", "4.19");
        assertEquals(Cli.UNUSABLE, kernel.status());
    }

    @Test
    void noIommuMeansNoGroups() {
        JsonNode j = run("groups", sample().toString(), "--iommu", "none", "--format", "json").json();
        assertFalse(j.get("iommu").asBoolean());
        assertEquals(0, j.get("groups").size());
    }
}
