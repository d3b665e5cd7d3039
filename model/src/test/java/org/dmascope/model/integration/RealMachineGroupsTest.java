package org.dmascope.model.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.dmascope.model.io.imports.ImportInput;
import org.dmascope.model.io.imports.ImportProgress;
import org.dmascope.model.io.imports.ImportResult;
import org.dmascope.model.io.imports.Importer;
import org.dmascope.model.kernel.TopologyRules;
import org.dmascope.model.kernel.groups.GroupPartitions;
import org.dmascope.model.testing.Corpus;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.Topology;
import org.junit.jupiter.api.Test;

/**
 * Issue 4, proof on real data: the iMac's {@code lspci -PP -vvvnn} dump carries the kernel's own
 * {@code IOMMU group:} lines. Groups derived from the same dump with those lines removed must form
 * exactly the kernel's partition (group numbers may differ).
 */
class RealMachineGroupsTest {
    private static final String IMAC = "apple-imac20-cometlake-titanridge.verbose.txt";

    private static Topology importText(String name, String text) {
        ImportResult r = Importer.importInputs(List.of(new ImportInput(name, text.getBytes(StandardCharsets.UTF_8))),
                ImportProgress.NONE, () -> false);
        assertTrue(r.topology().isPresent(), () -> r.report().toText());
        return r.topology().get();
    }

    @Test
    void derivedGroupsOfTheImacEqualTheKernelsPartition() throws IOException {
        Path file = Corpus.file(IMAC);
        String text = Files.readString(file, StandardCharsets.UTF_8);
        Topology withGroups = importText(IMAC, text);
        Map<Bdf, Integer> kernel = GroupPartitions.reported(withGroups);
        assertEquals(withGroups.functions().size(), kernel.size(),
                "every function of the dump has an IOMMU group line");

        String stripped = text.lines().filter(l -> !l.trim().startsWith("IOMMU group:"))
                .collect(Collectors.joining("\n", "", "\n"));
        Topology bare = importText(IMAC, stripped);
        assertTrue(GroupPartitions.reported(bare).isEmpty(), "the stripped dump must carry no groups");

        Map<Bdf, Integer> derived = TopologyRules.of(bare).groups().assignment();
        GroupPartitions.Comparison c = GroupPartitions.compare(derived, kernel);
        assertTrue(c.equal(), () -> String.join("\n", c.differences()));
        assertEquals(GroupPartitions.asPartition(kernel), GroupPartitions.asPartition(derived));
    }
}
