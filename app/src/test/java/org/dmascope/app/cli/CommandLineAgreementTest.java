package org.dmascope.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.dmascope.model.io.TopologyFiles;
import org.dmascope.model.kernel.TopologyRules;
import org.dmascope.model.kernel.groups.IommuGroup;
import org.dmascope.model.kernel.platform.Assumption;
import org.dmascope.model.kernel.platform.PlatformAssumptions;
import org.dmascope.model.kernel.platform.PlatformOverrides;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.Topology;
import org.dmascope.views.platform.PlatformViewModel;
import org.dmascope.views.rules.RulesModel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One kernel command line, two ways in: the CLI's {@code --cmdline} and the window's Platform & Kernel panel
 * (the panel's view model, as the app drives it) give the same assumptions, the same IOMMU groups with the same
 * default domains, and the same P2P verdict.
 */
class CommandLineAgreementTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path sample(String file) {
        return Path.of(System.getProperty("dmascope.samples", "../sample-topologies"), file);
    }

    /** The panel: the line typed into the command-line row of the Platform & Kernel view model. */
    private static TopologyRules panel(Topology t, String line, Map<String, PlatformViewModel.Row> rows) {
        RulesModel rules = new RulesModel();
        rules.publish(TopologyRules.of(t), PlatformOverrides.NONE);
        PlatformViewModel model = new PlatformViewModel(rules, (next, what) ->
                rules.publish(TopologyRules.of(t, PlatformAssumptions.resolve(t, next)), next));
        assertEquals(Optional.empty(), model.set(PlatformViewModel.CMDLINE, line));
        for (PlatformViewModel.Row r : model.rowsProperty()) rows.put(r.name(), r);
        return rules.getRules();
    }

    private static JsonNode cli(String... args) throws IOException {
        CliRun r = CliRun.of(args);
        assertTrue(r.status() == Cli.OK || r.status() == Cli.FAILED, r.toString());
        return JSON.readTree(r.out());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "acs-redirect-server.json|intel_iommu=on pci=disable_acs_redir=0000:02:02.0;0000:02:00.0",
        "acs-redirect-server.json|intel_iommu=on pci=config_acs=x00xx@pci:1000:0",
        "switch-p2p-server.json|iommu=pt quiet",
        "switch-p2p-server.json|intel_iommu=on",
        "switch-p2p-server.json|iommu=off pcie_acs_override=downstream",
        "epyc-dual-socket.json|amd_iommu=off mem_encrypt=on iommu.strict=1"})
    void theSameLineGivesTheSameAnswersInTheCliAndThePanel(String file, String line) throws IOException {
        Path path = sample(file);
        Topology t = TopologyFiles.load(path).topology().orElseThrow();
        Map<String, PlatformViewModel.Row> rows = new HashMap<>();
        TopologyRules viaPanel = panel(t, line, rows);

        JsonNode groups = cli("groups", path.toString(), "--derive", "--cmdline", line, "--format", "json");
        for (JsonNode a : groups.get("assumptions")) {
            String name = a.get("name").asText();
            Assumption<?> shown = viaPanel.assumptions().byName(name).orElseThrow();
            assertEquals(shown.shown(), a.get("value").asText(), name);
            assertEquals(shown.source().words(), a.get("source").asText(), name);
            assertEquals(shown.detail(), a.get("detail").asText(), name);
            PlatformViewModel.Row row = rows.get(name);
            assertEquals(a.get("source").asText().equals("option") ? "your choice" : a.get("source").asText(),
                    row.source(), name);
            assertTrue(row.detail().startsWith(a.get("detail").asText()), name);
        }
        assertEquals(groups.get("iommu").asBoolean(), viaPanel.groups().iommuPresent());
        Set<String> cliGroups = new TreeSet<>();
        for (JsonNode g : groups.get("groups")) {
            cliGroups.add(g.get("devices").toString() + " " + (g.has("defaultDomain")
                    ? g.get("defaultDomain").asText() : ""));
        }
        Set<String> panelGroups = new TreeSet<>();
        for (IommuGroup g : viaPanel.groups().groups()) {
            List<String> devices = g.members().stream().map(m -> m.address().toString()).toList();
            panelGroups.add(JSON.valueToTree(devices).toString() + " " + viaPanel.defaultDomain(g).type().jsonName());
        }
        assertEquals(panelGroups, cliGroups);
        List<String> log = new ArrayList<>();
        groups.get("kernelLog").forEach(l -> log.add(l.asText()));
        assertEquals(viaPanel.acsKernelLog(), log, "the same \"Configured ACS to …\" lines");

        String provider = file.equals("epyc-dual-socket.json") ? "0000:82:00.0" : "0000:05:00.0";
        String client = file.equals("epyc-dual-socket.json") ? "0000:81:00.0" : "0000:03:00.0";
        JsonNode p2p = cli("p2p", path.toString(), "--provider", provider, "--client", client, "--cmdline", line,
                "--format", "json");
        assertEquals(viaPanel.p2p(Bdf.parse(provider), Bdf.parse(client)).mapType().name(),
                p2p.get("mapType").asText());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"iommu.strict=maybe pcie_acs_override=downstream|maybe|pcie_acs_override"})
    void whatIsNotModelledIsSaidBothWays(String line, String problem, String unmodelled) {
        CliRun r = CliRun.of("groups", CliRun.SAMPLE, "--cmdline", line);
        assertTrue(r.err().contains("warning: kernel command line: iommu.strict=" + problem), r.toString());
        assertTrue(r.err().contains("note: kernel command line: not modelled: " + unmodelled), r.toString());
        Map<String, PlatformViewModel.Row> rows = new HashMap<>();
        panel(TopologyFiles.load(Path.of(CliRun.SAMPLE)).topology().orElseThrow(), line, rows);
        String detail = rows.get(PlatformViewModel.CMDLINE).detail();
        assertTrue(detail.contains("iommu.strict=" + problem), detail);
        assertTrue(detail.contains("Not modelled: " + unmodelled), detail);
        assertFalse(detail.contains("\n"));
    }
}
