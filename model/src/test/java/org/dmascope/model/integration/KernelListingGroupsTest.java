package org.dmascope.model.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.dmascope.model.io.imports.ImportInput;
import org.dmascope.model.io.imports.ImportProgress;
import org.dmascope.model.io.imports.ImportResult;
import org.dmascope.model.io.imports.Importer;
import org.dmascope.model.kernel.TopologyRules;
import org.dmascope.model.kernel.groups.GroupPartitions;
import org.dmascope.model.kernel.platform.PlatformAssumptions;
import org.dmascope.model.kernel.platform.PlatformOverrides;
import org.dmascope.model.kernel.profile.KernelProfile;
import org.dmascope.model.testing.Corpus;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.Topology;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 10, done-when 1: groups derived from a corpus machine's lspci dumps alone (their own
 * {@code IOMMU group:} lines removed, no listing merged in) against the kernel's own listing of that
 * machine, function by function, under the kernel the listing came from (corpus/SOURCES.md).
 *
 * <p>A function is compared when both the dumps and the listing carry it. It counts as equal when
 * (a) its group-mates among the compared functions are the same, and (b) if the kernel put it with
 * functions the dumps do not show, the rules do not call it ACS-isolated (they would otherwise give it a
 * group of its own whatever the missing functions are).
 *
 * <p>Listings that are excerpts or come from a patched kernel are named in {@link #cases()}; the
 * expected count states what the mainline rules reach on them and the reason is in the case's note.
 */
class KernelListingGroupsTest {

    /**
     * @param machine  the corpus machine
     * @param dumps    its lspci dumps (verbose, tree, hex)
     * @param listing  the kernel's listing: an iommu-groups file, or empty for the dumps' own group lines
     * @param profile  the kernel the listing came from, as a profile
     * @param expected functions compared, then functions equal
     * @param note     why the count is what it is
     */
    record Case(String machine, List<String> dumps, Optional<String> listing, KernelProfile profile,
                int[] expected, String note) {
        @Override
        public String toString() {
            return machine + listing.map(l -> " vs " + l).orElse(" vs its own IOMMU group lines") + " ("
                    + profile.label() + ")";
        }
    }

    static Stream<Arguments> cases() {
        List<String> x99 = List.of("x99-i7-5930k.verbose.txt", "x99-i7-5930k.hex.txt");
        List<String> icelake = List.of("intel-icelake-sp-cx7-sriov.tree.txt", "intel-icelake-sp-cx7-sriov.verbose.txt");
        return Stream.of(
                new Case("apple-imac20", List.of("apple-imac20-cometlake-titanridge.verbose.txt"), Optional.empty(),
                        KernelProfile.MAINLINE, new int[] {33, 33}, "kernel 6.12; every function has its line"),
                new Case("x99-i7-5930k", x99, Optional.empty(), KernelProfile.V5_15, new int[] {3, 3},
                        "the verbose dump's own lines (group 31 for 00:1c.4, as in the 5.8 listing)"),
                new Case("x99-i7-5930k", x99, Optional.of("x99-i7-5930k-k58.iommu-groups.txt"), KernelProfile.V5_15,
                        new int[] {3, 3}, "kernel 5.8; its group rules are those of 5.4 to 5.15"),
                new Case("x99-i7-5930k", x99, Optional.of("x99-i7-5930k-k59.iommu-groups.txt"), KernelProfile.V5_9,
                        new int[] {3, 3}, "kernel 5.9: the PCH root ports and what is behind them share a group"),
                new Case("intel-icelake-sp-cx7-sriov", icelake, Optional.of(
                        "intel-icelake-sp-cx7-sriov.iommu-groups.txt"), KernelProfile.MAINLINE, new int[] {10, 3},
                        "excerpt (of the dumps' functions it lists b1:* only); its kernel carried the unmerged "
                                + "pcie_switch_groups v2 series (the same mail reports that series' WARN_ON in "
                                + "pci_device_group while the VFs were created), whose pci_mfds_are_same_group() "
                                + "puts PF 00.0 and the VFs of its slot (00.2-00.7) in one group; mainline gives "
                                + "each of them a group of its own"))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void derivedGroupsEqualTheKernelsListing(Case c) {
        Topology bare = importFiles(c.dumps(), true);
        assertTrue(GroupPartitions.reported(bare).isEmpty(), "the stripped dumps must carry no groups");
        Map<Bdf, Integer> kernel = GroupPartitions.reported(c.listing().isPresent()
                ? importFiles(List.of(c.listing().get()), false) : importFiles(c.dumps(), false));
        TopologyRules rules = TopologyRules.of(bare, PlatformAssumptions.resolve(bare,
                PlatformOverrides.NONE.withProfile(c.profile())));
        Map<Bdf, Integer> derived = rules.groups().assignment();

        Set<Bdf> compared = new TreeSet<>(kernel.keySet());
        compared.retainAll(derived.keySet());
        List<String> unequal = new ArrayList<>();
        for (Bdf f : compared) {
            Set<Bdf> k = mates(kernel, f, compared);
            Set<Bdf> d = mates(derived, f, compared);
            boolean hiddenMates = mates(kernel, f, kernel.keySet()).size() > k.size();
            boolean isolated = rules.acsIsolation(f).enabled();
            if (!k.equals(d)) {
                unequal.add(f + ": kernel " + k + ", derived " + d);
            } else if (hiddenMates && isolated && d.size() == 1) {
                unequal.add(f + ": the kernel groups it with functions the dumps do not show, but the rules call it "
                        + "isolated");
            }
        }
        int equal = compared.size() - unequal.size();
        System.out.printf("%s: %d of %d functions equal (%s)%n", c, equal, compared.size(), c.note());
        assertEquals(c.expected()[0], compared.size(), "functions compared");
        assertEquals(c.expected()[1], equal, () -> String.join("\n", unequal));
    }

    /**
     * Done-when 1, second half: the same machine exported with {@code -nn} and without it (the IDs and class codes
     * in brackets removed, as lspci prints names only) gives the same groups; names are resolved through pci.ids.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"apple-imac20-cometlake-titanridge.verbose.txt",
            "msi-cyborg15-a12ve-laptop-nonroot.verbose.txt", "x99-i7-5930k-k58.iommu-groups.txt"})
    void aDumpWithIdsAndOneWithoutGiveTheSameGroups(String name) {
        boolean listing = name.endsWith(".iommu-groups.txt");
        String withIds = read(name);
        String namesOnly = withoutIds(withIds);
        assertFalse(namesOnly.equals(withIds));
        assertFalse(IDS.matcher(namesOnly).find(), "every [vvvv:dddd] and [cccc] removed");
        Map<Bdf, Integer> nn = derivedGroups(name, withIds, !listing);
        Map<Bdf, Integer> plain = derivedGroups(name, namesOnly, !listing);
        assertEquals(GroupPartitions.asPartition(nn), GroupPartitions.asPartition(plain),
                () -> String.join("\n", GroupPartitions.compare(plain, nn).differences()));
    }

    /** What {@code lspci} prints without {@code -nn}: no bracketed IDs or class codes. */
    static String withoutIds(String text) {
        return IDS.matcher(text).replaceAll("");
    }

    private static final Pattern IDS = Pattern.compile(" \\[[0-9a-f]{4}(:[0-9a-f]{4})?\\]");

    private static Map<Bdf, Integer> derivedGroups(String name, String text, boolean stripGroupLines) {
        String t = stripGroupLines ? text.lines().filter(l -> !l.replace('\u00a0', ' ').strip()
                .startsWith("IOMMU group:")).collect(Collectors.joining("\n", "", "\n")) : text;
        ImportResult r = Importer.importInputs(List.of(new ImportInput(name, t.getBytes(StandardCharsets.UTF_8))),
                ImportProgress.NONE, () -> false);
        Topology topology = r.topology().orElseThrow(() -> new AssertionError(r.report().toText()));
        return TopologyRules.of(topology).groups().assignment();
    }

    private static Set<Bdf> mates(Map<Bdf, Integer> assignment, Bdf f, Set<Bdf> within) {
        Integer g = assignment.get(f);
        return assignment.entrySet().stream().filter(e -> e.getValue().equals(g) && within.contains(e.getKey()))
                .map(Map.Entry::getKey).collect(Collectors.toCollection(TreeSet::new));
    }

    static Topology importFiles(List<String> names, boolean stripGroupLines) {
        List<ImportInput> in = new ArrayList<>();
        for (String name : names) {
            String text = read(name);
            if (stripGroupLines) {
                text = text.lines().filter(l -> !l.replace('\u00a0', ' ').strip().startsWith("IOMMU group:"))
                        .collect(Collectors.joining("\n", "", "\n"));
            }
            in.add(new ImportInput(name, text.getBytes(StandardCharsets.UTF_8)));
        }
        ImportResult r = Importer.importInputs(in, ImportProgress.NONE, () -> false);
        assertFalse(r.topology().isEmpty(), () -> r.report().toText());
        return r.topology().get();
    }

    static String read(String name) {
        try {
            return Files.readString(Corpus.file(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
