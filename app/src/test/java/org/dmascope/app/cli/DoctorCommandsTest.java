package org.dmascope.app.cli;

import static org.dmascope.app.cli.TopologyCommandsTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.dmascope.app.cli.TopologyCommandsTest.Run;
import org.dmascope.model.testing.Corpus;
import org.junit.jupiter.api.Test;

/** The doctor in {@code dmascope p2p} and {@code dmascope groups}: its advice, taken as it says, does what it says. */
class DoctorCommandsTest {
    private static final String ICELAKE_TREE = corpus("intel-icelake-sp-cx7-sriov.tree.txt");
    private static final String ICELAKE_VERBOSE = corpus("intel-icelake-sp-cx7-sriov.verbose.txt");

    private static String corpus(String name) {
        return Corpus.file(name).toString();
    }

    private static List<String> args(String... a) {
        return new ArrayList<>(List.of(a));
    }

    @Test
    void p2pAdviceTakenAsItSaysGivesTheResultItNames() {
        Run r = run("p2p", ICELAKE_TREE, ICELAKE_VERBOSE, "--provider", "b1:00.0", "--client", "b1:00.1", "--format",
                "json");
        assertEquals(0, r.status(), r.err());
        JsonNode doctor = r.json().get("doctor");
        JsonNode boot = null;
        for (JsonNode a : doctor.get("advice")) if (a.get("kind").asText().equals("boot-option")) boot = a;
        assertTrue(boot != null, doctor.toString());
        assertTrue(boot.get("verified").asBoolean());
        String option = boot.get("option").asText();
        assertTrue(option.startsWith("--cmdline "), option);
        String line = option.substring("--cmdline ".length()).replace("\"", "");
        Run with = run("p2p", ICELAKE_TREE, ICELAKE_VERBOSE, "--provider", "b1:00.0", "--client", "b1:00.1",
                "--cmdline", line, "--format", "json");
        assertEquals(boot.get("result").asText(), with.json().get("mapType").asText() + ", distance "
                + with.json().get("distance").asInt());
        JsonNode premise = doctor.get("premises").get(0);
        assertEquals("rerun-lspci", premise.get("howToKnow").get("kind").asText());
        assertTrue(premise.get("sentence").asText().startsWith("under the assumption that root port 0000:b0:04.0"),
                premise.toString());
    }

    @Test
    void p2pTextShowsTheDoctor() {
        Run r = run("p2p", ICELAKE_TREE, ICELAKE_VERBOSE, "--provider", "b1:00.0", "--client", "b1:00.1");
        assertTrue(r.out().contains("doctor:\n  - under the assumption that root port 0000:b0:04.0"), r.out());
        assertTrue(r.out().contains("[dmascope --cmdline \"pci=disable_acs_redir=0000:b0:04.0\"]"), r.out());
    }

    @Test
    void groupsNameTheKernelThatSplitsThePchGroup() {
        List<String> files = List.of(corpus("x99-i7-5930k-k59.iommu-groups.txt"), corpus("x99-i7-5930k.verbose.txt"),
                corpus("x99-i7-5930k.hex.txt"));
        List<String> a = args("groups");
        a.addAll(files);
        a.addAll(List.of("--derive", "--kernel", "5.9", "--format", "json"));
        JsonNode j = run(a.toArray(String[]::new)).json();
        JsonNode pch = null;
        for (JsonNode g : j.get("groups")) {
            for (JsonNode d : g.get("devices")) if (d.asText().equals("0000:00:1c.4")) pch = g;
        }
        assertTrue(pch != null && pch.get("devices").size() > 1, j.toString());
        JsonNode kernel = null;
        for (JsonNode adv : pch.get("doctor").get("advice")) {
            if (adv.get("option").asText().equals("--kernel 5.15")) kernel = adv;
        }
        assertTrue(kernel != null, pch.get("doctor").toString());
        assertTrue(kernel.get("result").asText().contains("{0000:00:1c.4}"), kernel.toString());

        List<String> b = args("groups");
        b.addAll(files);
        b.addAll(List.of("--derive", "--kernel", "5.15", "--format", "json"));
        for (JsonNode g : run(b.toArray(String[]::new)).json().get("groups")) {
            for (JsonNode d : g.get("devices")) {
                if (d.asText().equals("0000:00:1c.4")) {
                    assertEquals(1, g.get("devices").size(), "5.15 gives 00:1c.4 a group of its own, as advised");
                    assertTrue(g.get("doctor").isNull());
                }
            }
        }
        Run text = run("groups", files.get(0), files.get(1), files.get(2), "--derive", "--kernel", "5.9");
        assertTrue(text.out().contains("to change it, kernel version: run Linux 5.15 (LTS)"), text.out());
    }
}
