package org.dmascope.views.topology;

import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import org.dmascope.model.kernel.TopologyRules;
import org.dmascope.model.kernel.groups.GroupPartitions;
import org.dmascope.model.kernel.groups.IommuGroups;
import org.dmascope.model.topology.Bdf;

/**
 * What the canvas shows when it is coloured by IOMMU group: for each function its derived group
 * (R-GRP-2 under the current platform assumptions), a palette colour, the group the kernel reported
 * if the input carried one, and whether the two disagree about who shares the device's group.
 * Group numbers may differ between the two without being a difference; only membership counts.
 */
public final class GroupColouring {
    /** Colours in the palette; group {@code n} gets colour {@code n % PALETTE_SIZE}, so neighbours differ. */
    public static final int PALETTE_SIZE = 9;

    /**
     * One function's group.
     *
     * @param group    derived group id, or -1 when the rules give the function no group
     * @param reported the kernel's group from the input, if any
     * @param differs  the kernel's listing puts the function with other functions than the rules do
     */
    public record Tag(int group, OptionalInt reported, boolean differs) {
        public boolean grouped() {
            return group >= 0;
        }

        /** The palette index. */
        public int colour() {
            return group < 0 ? -1 : group % PALETTE_SIZE;
        }

        /** Short text on the card: {@code G7}, {@code G7 ≠ 26} when the kernel's listing differs. */
        public String text() {
            String g = group < 0 ? "no group" : "G" + group;
            if (!differs) return g;
            return g + " ≠ " + (reported.isPresent() ? String.valueOf(reported.getAsInt()) : "none");
        }
    }

    private final Map<Bdf, Tag> tags;
    private final boolean iommuPresent;
    private final int groupCount;
    private final boolean compared;
    private final int differences;
    private final String kernel;

    private GroupColouring(Map<Bdf, Tag> tags, boolean iommuPresent, int groupCount, boolean compared, int differences,
                           String kernel) {
        this.tags = Collections.unmodifiableMap(tags);
        this.iommuPresent = iommuPresent;
        this.groupCount = groupCount;
        this.compared = compared;
        this.differences = differences;
        this.kernel = kernel;
    }

    public static GroupColouring of(TopologyRules rules) {
        IommuGroups groups = rules.groups();
        Map<Bdf, Integer> derived = groups.assignment();
        Map<Bdf, Integer> reported = GroupPartitions.reported(rules.topology());
        Map<Bdf, Tag> tags = new LinkedHashMap<>();
        Map<Integer, Set<Bdf>> derivedMates = mates(derived, reported.keySet());
        Map<Integer, Set<Bdf>> reportedMates = mates(reported, derived.keySet());
        boolean compare = !reported.isEmpty();
        for (var f : rules.topology().functions()) {
            Bdf b = f.address();
            Integer d = derived.get(b);
            Integer r = reported.get(b);
            boolean differs = false;
            if (compare && (d != null || r != null)) {
                if (d == null || r == null) differs = true;
                else differs = !derivedMates.get(d).equals(reportedMates.get(r));
            }
            tags.put(b, new Tag(d == null ? -1 : d, r == null ? OptionalInt.empty() : OptionalInt.of(r), differs));
        }
        int diffs = rules.compareWithReportedGroups().map(c -> c.differences().size()).orElse(0);
        return new GroupColouring(tags, groups.iommuPresent(), groups.groups().size(), compare, diffs,
                rules.assumptions().profile().label());
    }

    /** Each group's members among {@code among} (functions both sides know, as the comparison counts them). */
    private static Map<Integer, Set<Bdf>> mates(Map<Bdf, Integer> assignment, Set<Bdf> among) {
        Map<Integer, Set<Bdf>> m = new HashMap<>();
        for (Map.Entry<Bdf, Integer> e : assignment.entrySet()) {
            Set<Bdf> s = m.computeIfAbsent(e.getValue(), k -> new HashSet<>());
            if (among.contains(e.getKey())) s.add(e.getKey());
        }
        return m;
    }

    public Optional<Tag> tag(Bdf function) {
        return Optional.ofNullable(tags.get(function));
    }

    public boolean iommuPresent() {
        return iommuPresent;
    }

    public int groupCount() {
        return groupCount;
    }

    /** True when the input carried the kernel's own groups. */
    public boolean compared() {
        return compared;
    }

    /** Differences between the derived groups and the kernel's listing, as the comparison counts them. */
    public int differences() {
        return differences;
    }

    /** One line for the canvas legend. */
    public String legend() {
        if (!iommuPresent) return "No IOMMU under the current platform assumptions: no IOMMU groups";
        String s = "IOMMU groups derived with the " + kernel + " rules: " + groupCount + (groupCount == 1 ? " group"
                : " groups")
                + " (G7 = group 7)";
        if (!compared) return s;
        if (differences == 0) return s + " · the kernel's own listing in the input agrees";
        return s + " · " + differences + (differences == 1 ? " difference" : " differences")
                + " from the kernel's listing in the input. Dashed: the kernel grouped it otherwise (G7 ≠ 26: the "
                + "kernel's group 26 has other members than G7; ≠ none: the kernel gave it no group)";
    }
}
