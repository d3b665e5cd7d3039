package org.dmascope.model.kernel.groups;

import java.util.Objects;

import org.dmascope.model.topology.Bdf;

/**
 * One function in an IOMMU group and the reason it is there, in a sentence.
 *
 * @param address   the function
 * @param mechanism which step of {@code pci_device_group()} placed it
 * @param reason    why, e.g. "behind root port 0000:00:1c.0, which has no ACS capability and no quirk"
 */
public record GroupMember(Bdf address, Mechanism mechanism, String reason) {

    /** The step of R-GRP-2 that decided. */
    public enum Mechanism {
        /** Step 5: a new group (the device is isolated, or the first of its group). */
        NEW_GROUP,
        /** Step 1: an alias owner on the DMA alias walk already had the group. */
        ALIAS_WALK,
        /** Step 2: a bridge above whose path is not ACS-isolated already had the group. */
        BRIDGE_CLIMB,
        /** Step 3: a DMA alias on the same bus already had the group. */
        SAME_BUS_ALIAS,
        /** Step 4: another non-isolated function of the same multifunction slot had the group. */
        SLOT_FUNCTION
    }

    public GroupMember {
        Objects.requireNonNull(address);
        Objects.requireNonNull(mechanism);
        Objects.requireNonNull(reason);
    }
}
