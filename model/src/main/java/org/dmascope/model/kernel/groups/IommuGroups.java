package org.dmascope.model.kernel.groups;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.dmascope.model.topology.Bdf;

/**
 * The IOMMU groups the kernel would form (R-GRP-2), with the functions it would give no group and
 * why, and the notes on everything the derivation had to assume.
 *
 * @param iommuPresent false when there is no IOMMU: then there are no groups at all
 * @param groups       by id
 * @param ungrouped    functions without a group, with the reason
 * @param notes        sentences about inputs the rules had to assume (ACS values, multifunction bits)
 */
public record IommuGroups(boolean iommuPresent, List<IommuGroup> groups, Map<Bdf, String> ungrouped,
        List<String> notes) {

    public IommuGroups {
        groups = List.copyOf(groups);
        ungrouped = Collections.unmodifiableMap(new LinkedHashMap<>(ungrouped));
        notes = List.copyOf(notes);
    }

    public Optional<IommuGroup> groupOf(Bdf address) {
        for (IommuGroup g : groups) if (g.member(address).isPresent()) return Optional.of(g);
        return Optional.empty();
    }

    /** Function to group id, for partition comparisons. */
    public Map<Bdf, Integer> assignment() {
        Map<Bdf, Integer> m = new LinkedHashMap<>();
        for (IommuGroup g : groups) for (GroupMember mem : g.members()) m.put(mem.address(), g.id());
        return m;
    }
}
