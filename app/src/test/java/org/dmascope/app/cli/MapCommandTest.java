package org.dmascope.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.dmascope.model.io.TopologyFiles;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.DmaParameters;
import org.dmascope.model.topology.Platform;
import org.dmascope.model.topology.Topology;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dmascope map} run in-process: exit codes, messages and the JSON shape scripts rely on. */
class MapCommandTest {
    static final String SAMPLE = Path.of(System.getProperty("dmascope.samples", "../sample-topologies"))
            .resolve("switch-p2p-server.json").toString();

    record Run(int code, String out, String err) {
        JsonNode json() throws Exception {
            return new ObjectMapper().readTree(out);
        }
    }

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Cli.standard().run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err,
                true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void hostBufferThroughTheIommuAsJson() throws Exception {
        Run r = run("map", SAMPLE, "--initiator", "0000:06:00.0", "--buffer", "host:node0:1MiB:scattered:seed=7",
                "--format", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = r.json();
        assertEquals("ok", j.get("verdict").asText());
        assertEquals("NONE", j.get("mapType").asText());
        assertEquals("lazy", j.get("iommuMode").asText(), "the sample's platform default domain is DMA-FQ");
        assertTrue(j.get("steps").isArray() && j.get("steps").size() >= 6);
        JsonNode step = j.get("steps").get(0);
        for (String field : new String[] {"kind", "rule", "title", "narration", "inputs",
                "outputs"}) assertTrue(step.has(field), field);
        JsonNode seg = j.get("segments").get(0);
        assertEquals("0xfff00000", seg.get("dmaAddress").asText());
        assertEquals(1 << 20, seg.get("length").asLong());
        assertEquals("IOVA", seg.get("flags").get(0).asText());
        assertEquals(256, j.get("pageTable").size());
        JsonNode pte = j.get("pageTable").get(0);
        assertEquals("0xfff00000", pte.get("iova").asText());
        assertEquals(4096, pte.get("pageSize").asLong());
        assertEquals(4, pte.get("walk").size());
        assertEquals("level 4", pte.get("walk").get(0).get("levelName").asText());
        assertTrue(j.get("swiotlb").isArray());
        assertEquals(0, j.get("swiotlb").size());
        assertTrue(j.get("metadataCost").get("scatterlistBytes").asLong() > j.get("metadataCost").get("phyrBytes")
                .asLong());
        assertTrue(j.get("phyr").size() > 1);
    }

    @Test
    void aGpuBarExportedAsADmaBufReachesTheNicAtItsBusAddress() throws Exception {
        Run r = run("map", SAMPLE, "--initiator", "06:00.0", "--buffer", "dmabuf:03:00.0:bar1:2MiB", "--format",
                "json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = r.json();
        assertEquals("ok", j.get("verdict").asText());
        assertEquals("BUS_ADDR", j.get("mapType").asText());
        assertEquals(1, j.get("segments").size());
        assertEquals("BUS", j.get("segments").get(0).get("flags").get(0).asText());
        Run old = run("map", SAMPLE, "--initiator", "06:00.0", "--buffer", "dmabuf:03:00.0:bar1:2MiB", "--kernel",
                "6.18");
        assertEquals("dmascope map: VFIO_DEVICE_FEATURE_DMA_BUF is not in Linux 6.18 (since 6.19)\n", old.err());
        Run revoked = run("map", SAMPLE, "--initiator", "06:00.0", "--buffer", "dmabuf:03:00.0:bar1:2MiB:revoked");
        assertEquals(Cli.FAILED, revoked.code());
        assertTrue(revoked.out().contains("-ENODEV"), revoked.out());
    }

    @Test
    void costPerIoForOneMebibyteAsTextAndJson() throws Exception {
        Run r = run("map", SAMPLE, "--initiator", "07:00.0", "--buffer", "host:node0:1MiB:scattered", "--cost",
                "--iommu-mode", "strict", "--format", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode c = r.json().get("costPerIo");
        assertEquals(4, c.size());
        assertEquals("dma_map_sg", c.get(0).get("path").asText());
        assertEquals(256, c.get(0).get("pageTableEntries").asInt());
        assertEquals(1, c.get(0).get("iotlbInvalidations").asInt());
        assertEquals(256, c.get(0).get("nvme").get("prpEntries").asInt());
        assertEquals(0, c.get(3).get("mapCalls").asInt(), "premapped: nothing to map per I/O");
        Run text = run("map", SAMPLE, "--initiator", "07:00.0", "--buffer", "host:node0:1MiB:scattered", "--cost");
        assertTrue(text.out().contains("cost per I/O"), text.out());
        assertTrue(text.out().contains("premapped dma-buf"), text.out());
    }

    @Test
    void theControllersMdtsCutsABlockRequest() throws Exception {
        Run r = run("map", SAMPLE, "--initiator", "07:00.0", "--buffer", "host:node0:1MiB:scattered", "--api",
                "block", "--iommu-mode", "strict", "--mdts", "3", "--format", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode split = null;
        for (JsonNode s : r.json().get("steps")) if (split == null && s.get("outputs").has("requests")) split = s;
        assertEquals("32", split.get("outputs").get("requests").asText(), split.toString());
        Run bad = run("map", SAMPLE, "--initiator", "07:00.0", "--buffer", "host:node0:1MiB", "--mdts", "21");
        assertEquals(Cli.UNUSABLE, bad.code());
        assertTrue(bad.err().contains("21 is too large (at most 20)"), bad.err());
    }

    @Test
    void thirtyTwoBitDeviceWithoutIommuBounces(@TempDir Path dir) throws Exception {
        Topology t = TopologyFiles.load(Path.of(SAMPLE)).topology().orElseThrow();
        Platform.Iommu off = new Platform.Iommu(Optional.of(Platform.IommuDriver.NONE), Optional.empty(),
                Optional.empty(),
                OptionalInt.empty(), Optional.empty(), OptionalLong.empty());
        Topology noIommu = t.withPlatform(t.platform().withIommu(off)).withFunction(Bdf.parse("0000:03:00.0"),
                f -> f.toBuilder().dma(new DmaParameters(OptionalInt.of(32), OptionalLong.empty(), OptionalLong.empty(),
                        OptionalLong.empty())).build());
        Path file = dir.resolve("no-iommu.json");
        TopologyFiles.save(noIommu, file);
        Run r = run("map", file.toString(), "--initiator", "03:00.0", "--buffer",
                "host:node0:64KiB:contiguous:at=0x200000000",
                "--format", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = r.json();
        assertEquals("off", j.get("iommuMode").asText());
        assertTrue(j.get("domain").isNull());
        assertEquals(1, j.get("swiotlb").size());
        assertEquals("0x5c000000", j.get("swiotlb").get(0).get("tlbAddr").asText(), "the sample's pool start");
        assertEquals(32, j.get("swiotlb").get(0).get("slots").asInt());
        assertEquals("0x5c000000", j.get("segments").get(0).get("dmaAddress").asText());
        assertEquals("BOUNCED", j.get("segments").get(0).get("flags").get(0).asText());
        assertFalse(j.get("sgDmaSwiotlb").asBoolean(), "dma-direct never marks the list SG_DMA_SWIOTLB");
        assertEquals(0, j.get("pageTable").size());
    }

    static final String ACS_SAMPLE = Path.of(System.getProperty("dmascope.samples", "../sample-topologies"))
            .resolve("acs-redirect-server.json").toString();

    @Test
    void switchLocalP2pBufferGetsBusAddressesAndNoIova() throws Exception {
        Run r = run("map", SAMPLE, "--initiator", "06:00.0", "--buffer", "bar:0000:05:00.0:2:offset=0x2000:64KiB",
                "--format", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = r.json();
        assertEquals("BUS_ADDR", j.get("mapType").asText());
        assertEquals(1, j.get("segments").size());
        JsonNode seg = j.get("segments").get(0);
        assertEquals("0x3840002000", seg.get("dmaAddress").asText(),
                "x86 window offset 0: bus address = CPU address of the CMB");
        assertEquals("BUS", seg.get("flags").get(0).asText());
        assertEquals(0, j.get("pageTable").size(), "a bus address needs no I/O page-table entry");
        JsonNode route = j.get("route");
        assertEquals(5, route.size(),
                "NIC -> its downstream port -> switch upstream port -> NVMe's downstream port -> NVMe");
        assertEquals("0000:06:00.0", route.get(0).get("device").asText());
        assertEquals("0000:01:00.0", route.get(2).get("device").asText());
        assertEquals("0000:05:00.0", route.get(4).get("device").asText());
    }

    @Test
    void acsRedirectSendsTheSameBufferThroughTheIommu() throws Exception {
        Run r = run("map", ACS_SAMPLE, "--initiator", "06:00.0", "--buffer", "bar:0000:05:00.0:2:offset=0x2000:64KiB",
                "--format", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = r.json();
        assertEquals("THRU_HOST_BRIDGE", j.get("mapType").asText());
        JsonNode seg = j.get("segments").get(0);
        assertEquals("IOVA", seg.get("flags").get(0).asText());
        assertEquals(16, j.get("pageTable").size(), "64 KiB of the CMB mapped through the IOMMU in 4 KiB pages");
        boolean viaHostBridge = false;
        for (JsonNode hop : j.get("route")) viaHostBridge |= hop.get("kind").asText().equals("host-bridge");
        assertTrue(viaHostBridge, "the redirected TLPs go through the root complex");
    }

    @Test
    void olderKernelRefusesThePairAndTheMappingFailsWithEremoteio() throws Exception {
        Run r = run("map", ACS_SAMPLE, "--initiator", "06:00.0", "--buffer", "bar:0000:05:00.0:2:64KiB", "--kernel",
                "5.4",
                "--format", "json");
        assertEquals(1, r.code(), r.out() + r.err());
        JsonNode j = r.json();
        assertEquals("NOT_SUPPORTED", j.get("mapType").asText());
        assertEquals("-EREMOTEIO", j.get("error").asText());
        assertEquals("5.4", j.get("kernel").asText());
    }

    @Test
    void hostBufferRouteEndsInRamAndTheDomainIsTheIommuGroup() throws Exception {
        Run r = run("map", SAMPLE, "--initiator", "03:00.0", "--buffer", "host:node0:64KiB", "--format", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = r.json();
        JsonNode route = j.get("route");
        JsonNode last = route.get(route.size() - 1);
        assertEquals("memory", last.get("kind").asText());
        assertEquals("RAM (NUMA node 0)", last.get("device").asText());
        assertEquals("host-bridge", route.get(route.size() - 2).get("kind").asText());
        assertEquals("group 4", j.get("domain").asText(),
                "03:00.0 shares IOMMU group 4 with its downstream port (R-GRP-2)");
        assertTrue(j.get("iommuModeReason").asText().startsWith("IOMMU group 4"), j.get("iommuModeReason").asText());
    }

    @Test
    void kernelRefusalIsExitOneWithTheVerdict() throws Exception {
        Run r = run("map", SAMPLE, "--initiator", "07:00.0", "--buffer", "host:node0:300KiB:contiguous", "--iommu-mode",
                "off",
                "--dma-mask", "32", "--api", "phys", "--format", "json");
        assertEquals(1, r.code(), r.out() + r.err());
        assertEquals("SWIOTLB_FULL", r.json().get("verdict").asText());
        assertEquals("DMA_MAPPING_ERROR", r.json().get("error").asText(), "dma_map_phys returns no errno");
    }

    @Test
    void anApiTheKernelDoesNotHaveIsRefusedSayingSinceWhen() {
        Run r = run("map", SAMPLE, "--initiator", "07:00.0", "--buffer", "host:node0:64KiB", "--api", "iova",
                "--kernel", "6.12");
        assertEquals(2, r.code(), r.out() + r.err());
        assertEquals("dmascope map: dma_iova_try_alloc is not in Linux 6.12 (since 6.16)\n", r.err());
        Run ok = run("map", SAMPLE, "--initiator", "07:00.0", "--buffer", "host:node0:64KiB", "--api", "iova",
                "--kernel", "6.16");
        assertEquals(0, ok.code(), ok.err());
        assertTrue(ok.out().contains("   kernel history: since 6.16 (393cf700be6f)"), ok.out());
    }

    @Test
    void acrossVersionsListsTheProfilesWhereTheAnswerChangesWithTheChange() throws Exception {
        Run text = run("map", ACS_SAMPLE, "--initiator", "06:00.0", "--buffer", "bar:0000:05:00.0:2:64KiB",
                "--iommu-mode", "off", "--across-versions");
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().contains("\n6.16  Linux 6.16  ok  P2P THRU_HOST_BRIDGE  1 segment\n"
                + "   segment 0: 0x0+0x10000 UNSET\n"), text.out());
        assertTrue(text.out().contains("   by R-DIR-4 7.1 560000d619ef: dma-direct maps THRU_HOST_BRIDGE entries "
                + "again"), text.out());
        Run json = run("map", ACS_SAMPLE, "--initiator", "06:00.0", "--buffer", "bar:0000:05:00.0:2:64KiB",
                "--iommu-mode", "off", "--across-versions", "--format", "json");
        assertEquals(0, json.code(), json.err());
        JsonNode rows = json.json().get("rows");
        assertEquals(4, rows.size(), rows.toString());
        assertEquals("7.1", rows.get(3).get("kernel").asText());
        assertEquals("7.0", rows.get(3).get("previous").asText());
        assertEquals("0x3840000000+0x10000", rows.get(3).get("segments").get(0).asText());
        assertEquals("560000d619ef", rows.get(3).get("changes").get(0).get("commit").asText());
    }

    @Test
    void textOutputNamesStepsRulesSegmentsAndEntries() {
        Run r = run("map", SAMPLE, "--initiator", "0000:07:00.0", "--buffer", "host:node0:256KiB:scattered:seed=3",
                "--api", "block",
                "--iommu-mode", "dma", "--limit", "2");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("verdict: ok"), r.out());
        assertTrue(r.out().contains("[R-BLK-7"), r.out());
        assertTrue(r.out().contains("DMA segments ("), r.out());
        assertTrue(r.out().contains("I/O page-table entries written"), r.out());
        assertTrue(r.out().contains("more (--limit N shows more)"), r.out());
    }

    @Test
    void optionsReachTheEngine() throws Exception {
        Run r = run("map", SAMPLE, "--initiator", "06:00.0", "--buffer",
                "host:node0:16KiB:pages=0x100000000,0x100001000,0x200000000,0x300000000",
                "--max-seg", "8KiB", "--iommu-mode", "dma", "--kernel", "5.15", "--domain", "group 7", "--format",
                        "json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = r.json();
        assertEquals("5.15", j.get("kernel").asText());
        assertEquals("group 7", j.get("domain").asText());
        assertEquals(8192, j.get("device").get("maxSegmentSize").asLong());
        assertEquals(2, j.get("segmentCount").asInt(), "16 KiB in one IOVA range, cut at 8 KiB");
    }

    @Test
    void badInputIsExitTwoWithAReason() {
        Run spec = run("map", SAMPLE, "--initiator", "06:00.0", "--buffer", "host:node0:1MiB:sideways");
        assertEquals(2, spec.code());
        assertTrue(spec.err().contains("\"sideways\" is neither a size"), spec.err());
        Run dev = run("map", SAMPLE, "--initiator", "09:00.0", "--buffer", "host:node0:4KiB");
        assertEquals(2, dev.code());
        assertTrue(dev.err().contains("not in the topology"), dev.err());
        Run node = run("map", SAMPLE, "--initiator", "06:00.0", "--buffer", "host:node4:4KiB");
        assertEquals(2, node.code());
        assertTrue(node.err().contains("NUMA node 4"), node.err());
        Run mode = run("map", SAMPLE, "--initiator", "06:00.0", "--buffer", "host:node0:4KiB", "--iommu-mode",
                "sometimes");
        assertEquals(2, mode.code());
        Run missing = run("map", SAMPLE, "--buffer", "host:node0:4KiB");
        assertTrue(missing.err().contains("--initiator BDF is required"));
        Run file = run("map", "/nonexistent/topology.json", "--initiator", "06:00.0", "--buffer", "host:node0:4KiB");
        assertEquals(2, file.code());
        assertFalse(file.err().isEmpty());
    }

    @Test
    void helpDescribesTheSpec() {
        Run r = run("map", "--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("host:nodeN:SIZE"));
        assertTrue(Cli.standard().overview().contains("map"));
    }

    @Test
    void jsonOfASampleMappingIsStable(@TempDir Path dir) throws Exception {
        Run a = run("map", SAMPLE, "--initiator", "06:00.0", "--buffer", "host:node0:64KiB:scattered:seed=5",
                "--format", "json");
        Run b = run("map", SAMPLE, "--initiator", "06:00.0", "--buffer", "host:node0:64KiB:scattered:seed=5",
                "--format", "json");
        assertEquals(a.out(), b.out(), "same input, same output");
        Files.writeString(dir.resolve("out.json"), a.out());
    }

    /** The kernel numbered the GPU's group 7 in the dump; `groups` says 7, and so must the map's steps. */
    @Test
    void aGroupTheInputListsIsNamedByTheKernelsNumber() throws Exception {
        String raven = org.dmascope.model.testing.Corpus.file("lenovo-ryzen-raven-radeon-wx3100.hex.txt").toString();
        Run r = run("map", raven, "--initiator", "01:00.0", "--buffer", "host:node0:64KiB", "--format", "json",
                "--amd-efr", "none");
        assertEquals(0, r.code(), r.err());
        JsonNode j = r.json();
        assertTrue(j.get("iommuModeReason").asText().startsWith("IOMMU group 7:"), j.get("iommuModeReason").asText());
        assertEquals("group 7", j.get("domain").asText());
    }
}
