package org.dmascope.views.topology;

import java.util.Optional;

import org.dmascope.model.topology.Bdf;

/**
 * One box of a computed layout.
 *
 * @param kind      what the box draws
 * @param item      the selectable item it stands for, if any (frames of switches, orphan buses and VF
 *                  groups have none; their ports and functions do)
 * @param owner     for a switch frame its upstream port, for a VF group its PF
 * @param title     frame title (group, orphan bus, switch)
 * @param bounds    position and size at zoom 1
 * @param container index of the enclosing box in {@link LayoutResult#boxes()}, or -1
 * @param count     number of VFs for a VF group, else 0
 * @param expanded  for a VF group: its VFs are shown
 */
public record LayoutBox(BoxKind kind, Optional<TopologyItem> item, Optional<Bdf> owner, String title, Rect bounds,
                        int container, int count, boolean expanded) {

    public enum BoxKind {
        /** A NUMA node with the host bridges attached to it (or the "NUMA node unknown" group). */
        NUMA_GROUP,
        /** Buses no host bridge leads to: the export was a fragment. */
        ORPHAN_GROUP,
        HOST_BRIDGE,
        /** Header bar of a bus whose upstream is unknown. */
        ORPHAN_BUS,
        /** An endpoint, root port, bridge or any function drawn as a card. */
        DEVICE,
        /** The frame of a PCIe switch; its ports are drawn inside it. */
        SWITCH,
        UPSTREAM_PORT,
        DOWNSTREAM_PORT,
        /** The SR-IOV virtual functions of one PF, collapsed to a chip or expanded to a grid. */
        VF_GROUP,
        VIRTUAL_FUNCTION;

        /** Frames hold other boxes; everything else is solid. */
        public boolean isFrame() {
            return this == NUMA_GROUP || this == ORPHAN_GROUP || this == SWITCH || this == VF_GROUP;
        }
    }

    /** The PCI function the box stands for, if it stands for one. */
    public Optional<Bdf> function() {
        return item.filter(i -> i instanceof TopologyItem.Device).map(i -> ((TopologyItem.Device) i).address());
    }
}
