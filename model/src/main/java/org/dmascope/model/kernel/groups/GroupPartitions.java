package org.dmascope.model.kernel.groups;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.Topology;

/**
 * Compares two IOMMU group assignments as partitions of the functions: group numbers may differ,
 * only who is with whom counts. Every difference is described in a sentence.
 */
public final class GroupPartitions {
    private GroupPartitions() {
    }

    /**
     * @param equal       true when both assignments group the same functions the same way
     * @param differences one sentence per difference (empty when equal)
     */
    public record Comparison(boolean equal, List<String> differences) {
        public Comparison {
            differences = List.copyOf(differences);
        }
    }

    /** The groups the kernel reported in the input ({@link PciFunction#iommuGroup()}), function to id. */
    public static Map<Bdf, Integer> reported(Topology t) {
        Map<Bdf, Integer> m = new TreeMap<>();
        for (PciFunction f : t.functions()) if (f.iommuGroup().isPresent()) m.put(f.address(),
                f.iommuGroup().getAsInt());
        return m;
    }

    /**
     * Each derived group's number as the kernel gave it, for the groups the input lists with exactly the same
     * members; a derived group the input splits, joins or does not list keeps its own id, so two groups never share
     * a number.
     *
     * @param derived  the rules' groups
     * @param reported function to the kernel's group id ({@link #reported})
     */
    public static Map<Integer, Integer> kernelNumbers(List<IommuGroup> derived, Map<Bdf, Integer> reported) {
        Map<Integer, Integer> sizes = new HashMap<>();
        for (Integer n : reported.values()) sizes.merge(n, 1, Integer::sum);
        Map<Integer, Integer> numbers = new HashMap<>();
        for (IommuGroup d : derived) {
            Integer n = d.members().isEmpty() ? null : reported.get(d.members().get(0).address());
            boolean same = n != null && sizes.get(n) == d.members().size()
                    && d.members().stream().allMatch(m -> n.equals(reported.get(m.address())));
            numbers.put(d.id(), same ? n : d.id());
        }
        return numbers;
    }

    /** True when every function of the topology carries a reported group. */
    public static boolean reportedForEveryFunction(Topology t) {
        return !t.functions().isEmpty() && t.functions().stream().allMatch(f -> f.iommuGroup().isPresent());
    }

    /**
     * Compares the derived assignment with the reported one.
     *
     * @param derived  function to derived group id
     * @param reported function to the kernel's group id
     */
    public static Comparison compare(Map<Bdf, Integer> derived, Map<Bdf, Integer> reported) {
        List<String> diffs = new ArrayList<>();
        SortedMap<Integer, SortedSet<Bdf>> rep = invert(reported);
        SortedMap<Integer, SortedSet<Bdf>> der = invert(derived);
        for (Bdf b : new TreeSet<>(reported.keySet())) {
            if (!derived.containsKey(b)) {
                diffs.add(b + " is in the kernel's group " + reported.get(b) + " but the rules give it no group");
            }
        }
        for (Bdf b : new TreeSet<>(derived.keySet())) {
            if (!reported.containsKey(b)) {
                diffs.add(b + " has no IOMMU group in the kernel's listing, but the rules put it in group "
                        + derived.get(b)
                        + " (an IOMMU's own function or a device outside every IOMMU's scope gets none)");
            }
        }
        for (Map.Entry<Integer, SortedSet<Bdf>> r : rep.entrySet()) {
            SortedMap<Integer, SortedSet<Bdf>> parts = new TreeMap<>();
            for (Bdf b : r.getValue()) {
                Integer d = derived.get(b);
                if (d != null) parts.computeIfAbsent(d, k -> new TreeSet<>()).add(b);
            }
            if (parts.size() > 1) {
                diffs.add("the kernel's group " + r.getKey() + " " + set(r.getValue()) + " is split by the rules into "
                        + parts.entrySet().stream().map(e -> "group " + e.getKey() + " " + set(e.getValue()))
                        .collect(Collectors.joining(" and ")));
            }
        }
        for (Map.Entry<Integer, SortedSet<Bdf>> d : der.entrySet()) {
            SortedMap<Integer, SortedSet<Bdf>> parts = new TreeMap<>();
            for (Bdf b : d.getValue()) {
                Integer r = reported.get(b);
                if (r != null) parts.computeIfAbsent(r, k -> new TreeSet<>()).add(b);
            }
            if (parts.size() > 1) {
                diffs.add("the rules merge the kernel's groups " + parts.entrySet().stream()
                        .map(e -> e.getKey() + " " + set(e.getValue())).collect(Collectors.joining(" and "))
                        + " into group " + d.getKey());
            }
        }
        return new Comparison(diffs.isEmpty(), diffs);
    }

    private static SortedMap<Integer, SortedSet<Bdf>> invert(Map<Bdf, Integer> m) {
        SortedMap<Integer, SortedSet<Bdf>> out = new TreeMap<>();
        for (Map.Entry<Bdf, Integer> e : m.entrySet()) out.computeIfAbsent(e.getValue(),
                k -> new TreeSet<>()).add(e.getKey());
        return out;
    }

    private static String set(Collection<Bdf> s) {
        return "{" + s.stream().map(Bdf::toString).collect(Collectors.joining(", ")) + "}";
    }

    /** The members of each group as sets, for tests and callers that compare partitions directly. */
    public static Set<Set<Bdf>> asPartition(Map<Bdf, Integer> assignment) {
        return invert(assignment).values().stream().map(s -> (Set<Bdf>) Set.copyOf(s)).collect(Collectors.toSet());
    }
}
