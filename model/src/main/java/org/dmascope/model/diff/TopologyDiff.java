package org.dmascope.model.diff;

import java.util.List;
import java.util.Objects;

import org.dmascope.model.kernel.p2p.P2pMapType;
import org.dmascope.model.topology.Bdf;

/**
 * What differs between two topologies and what the kernel's rules then decide differently.
 *
 * @param added    functions only the second has
 * @param removed  functions only the first has
 * @param moved    functions at another address in the second (same identity)
 * @param changed  functions in both whose recorded fields differ (as the topology JSON writes them)
 * @param machine  platform, NUMA node and host-bridge fields that differ
 * @param groups   IOMMU groups that split or merged (R-GRP-2), in the second topology's addresses
 * @param cells    P2P matrix cells whose map type or distance changed (R-P2P-5)
 */
public record TopologyDiff(List<Bdf> added, List<Bdf> removed, List<Move> moved, List<FunctionChange> changed,
                           List<PartChange> machine, List<GroupChange> groups, List<CellChange> cells) {

    public TopologyDiff {
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        moved = List.copyOf(moved);
        changed = List.copyOf(changed);
        machine = List.copyOf(machine);
        groups = List.copyOf(groups);
        cells = List.copyOf(cells);
    }

    /** True when nothing differs: not a field, a group or a verdict. */
    public boolean same() {
        return added.isEmpty() && removed.isEmpty() && moved.isEmpty() && changed.isEmpty() && machine.isEmpty()
                && groups.isEmpty() && cells.isEmpty();
    }

    /** One field, its value before and after as the topology JSON writes it ({@code null} when absent). */
    public record FieldChange(String field, String before, String after) {
        public FieldChange {
            Objects.requireNonNull(field);
        }
    }

    /** A function at another address, with the fields that changed besides (a moved port's bus numbers). */
    public record Move(Bdf before, Bdf after, String name, List<FieldChange> fields) {
        public Move {
            fields = List.copyOf(fields);
        }
    }

    /** A function at the same address whose fields changed. */
    public record FunctionChange(Bdf address, String name, List<FieldChange> fields) {
        public FunctionChange {
            fields = List.copyOf(fields);
        }
    }

    /** A part of the machine other than a function: {@code platform}, a NUMA node or a host bridge. */
    public record PartChange(String part, String key, List<FieldChange> fields) {
        public PartChange {
            fields = List.copyOf(fields);
        }
    }

    /**
     * Groups that split (one group before, several after) or merged (several before, one after). Members are
     * given by their address after; {@code why} is the grouping rule's own reason on each side.
     */
    public record GroupChange(Kind kind, List<List<Bdf>> before, List<List<Bdf>> after, String why) {
        public enum Kind { SPLIT, MERGED }

        public GroupChange {
            before = before.stream().map(List::copyOf).toList();
            after = after.stream().map(List::copyOf).toList();
        }
    }

    /** A provider/client pair (addresses after) whose map type or distance changed, and why it is so now. */
    public record CellChange(Bdf provider, Bdf client, P2pMapType beforeType, int beforeDistance,
                             P2pMapType afterType, int afterDistance, List<String> rules, String why) {
        public CellChange {
            rules = List.copyOf(rules);
        }
    }
}
