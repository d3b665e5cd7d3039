package org.dmascope.model.addresses;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.dmascope.model.kernel.TopologyRules;
import org.dmascope.model.session.SessionSnapshot;

/**
 * A machine's address spaces as the kernel sees them: the CPU physical memory space (System RAM per node,
 * host-bridge windows with their CPU↔bus offsets, bridge windows, BARs, the swiotlb pool, the interrupt
 * window), the I/O port space, and the IOVA space of each IOMMU DMA domain (reserved regions and the live
 * mappings' allocations), with the problems the kernel would find in them (R-ADDR-1 to R-ADDR-6).
 *
 * @param spaces   CPU memory first, then I/O ports, then one IOVA space per translating IOMMU group
 * @param notes    what the map assumed (a swiotlb pool placed where the topology does not say)
 */
public record AddressMap(List<AddressSpace> spaces, List<String> notes) {
    /** Problems of one kind beyond this many are counted in {@link #findings()}, not listed. */
    public static final int FINDINGS_PER_KIND = 50;

    public AddressMap {
        spaces = List.copyOf(spaces);
        notes = List.copyOf(notes);
    }

    /** The map of a machine under the rules' platform assumptions, with no live mappings. */
    public static AddressMap of(TopologyRules rules) {
        return of(rules, SessionSnapshot.EMPTY);
    }

    /** The map with the IOVA allocations of the live mappings in {@code snapshot}. */
    public static AddressMap of(TopologyRules rules, SessionSnapshot snapshot) {
        return new AddressMapBuilder(Objects.requireNonNull(rules), Objects.requireNonNull(snapshot)).build();
    }

    public Optional<AddressSpace> space(AddressSpace.Kind kind) {
        return spaces.stream().filter(s -> s.kind() == kind).findFirst();
    }

    /** Every range of every space that has a problem, in space order, then address order. */
    public List<MappedRange> withProblems() {
        List<MappedRange> out = new ArrayList<>();
        for (AddressSpace s : spaces) for (MappedRange r : s.ranges()) if (r.hasProblems()) out.add(r);
        return out;
    }

    /** How many problems of each kind the ranges have (the counted ones beyond a range's own list included). */
    public Map<ProblemKind, Integer> counts() {
        Map<ProblemKind, Integer> out = new EnumMap<>(ProblemKind.class);
        for (MappedRange r : withProblems()) {
            for (Problem p : r.problems()) out.merge(p.kind(), more(p), Integer::sum);
        }
        return out;
    }

    private static int more(Problem p) {
        String prefix = "… and ";
        if (!p.reason().startsWith(prefix)) return 1;
        String n = p.reason().substring(prefix.length(), p.reason().indexOf(' ', prefix.length()));
        return Integer.parseInt(n);
    }

    /**
     * The problems as lines, {@code owner: R-ADDR-n title: reason}, at most {@value #FINDINGS_PER_KIND} of a
     * kind, then "… and N more like it" with the first of that kind.
     */
    public List<String> findings() {
        List<String> out = new ArrayList<>();
        Map<ProblemKind, Integer> seen = new EnumMap<>(ProblemKind.class);
        Map<ProblemKind, Integer> shown = new EnumMap<>(ProblemKind.class);
        Map<ProblemKind, String> first = new EnumMap<>(ProblemKind.class);
        for (MappedRange r : withProblems()) {
            for (Problem p : r.problems()) {
                seen.merge(p.kind(), more(p), Integer::sum);
                String line = r.owner().label() + ": " + p;
                if (more(p) != 1) continue;
                first.putIfAbsent(p.kind(), line);
                if (shown.getOrDefault(p.kind(), 0) < FINDINGS_PER_KIND) {
                    shown.merge(p.kind(), 1, Integer::sum);
                    out.add(line);
                }
            }
        }
        seen.forEach((k, n) -> {
            int listed = shown.getOrDefault(k, 0);
            if (n > listed) {
                out.add("… and " + String.format(Locale.ROOT, "%,d", n - listed) + " more like it: " + first.get(k));
            }
        });
        return out;
    }
}
