package org.dmascope.model.kernel.groups;

import java.util.List;
import java.util.Optional;

import org.dmascope.model.topology.Bdf;

/** One IOMMU group: its number (allocation order) and its members in probe order, each with a reason. */
public record IommuGroup(int id, List<GroupMember> members) {

    public IommuGroup {
        members = List.copyOf(members);
    }

    public List<Bdf> addresses() {
        return members.stream().map(GroupMember::address).toList();
    }

    public Optional<GroupMember> member(Bdf address) {
        return members.stream().filter(m -> m.address().equals(address)).findFirst();
    }
}
