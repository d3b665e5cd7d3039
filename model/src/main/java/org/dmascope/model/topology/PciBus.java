package org.dmascope.model.topology;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * One PCI bus of a derived hierarchy ({@code struct pci_bus}): its number, the bridge that creates
 * it ({@code bus->self}), its parent bus and the functions on it in devfn order.
 */
public final class PciBus {

    /** How the bus is reached. */
    public enum Kind {
        /** The root bus of a host bridge. */
        ROOT,
        /** The secondary bus of a PCI-to-PCI bridge. */
        BRIDGED,
        /** A bus that only holds SR-IOV VFs beyond their PF's bus; it has no bridge ({@code self == NULL}). */
        VIRTUAL,
        /** A bus no bridge or host bridge leads to: the export was a fragment. */
        ORPHAN
    }

    private final int domain;
    private final int number;
    private final Kind kind;
    private final Optional<PciFunction> self;
    private final Optional<HostBridge> host;
    private PciBus parent;
    private final List<PciFunction> devices = new ArrayList<>();
    private final List<PciBus> children = new ArrayList<>();

    PciBus(int domain, int number, Kind kind, Optional<PciFunction> self, Optional<HostBridge> host) {
        this.domain = domain;
        this.number = number;
        this.kind = kind;
        this.self = self;
        this.host = host;
    }

    public int domain() {
        return domain;
    }

    public int number() {
        return number;
    }

    public Kind kind() {
        return kind;
    }

    /** {@code pci_is_root_bus()}: no parent bus. Orphan buses count as roots too (nothing is known above them). */
    public boolean isRoot() {
        return parent == null;
    }

    /** {@code bus->self}: the bridge whose secondary bus this is. */
    public Optional<PciFunction> self() {
        return self;
    }

    /** The host bridge, for a root bus. */
    public Optional<HostBridge> host() {
        return host;
    }

    public Optional<PciBus> parent() {
        return Optional.ofNullable(parent);
    }

    /** Functions on this bus in devfn order (the order the kernel scans them). */
    public List<PciFunction> devices() {
        return Collections.unmodifiableList(devices);
    }

    /** Buses directly below this one. */
    public List<PciBus> children() {
        return Collections.unmodifiableList(children);
    }

    void setParent(PciBus p) {
        parent = p;
        p.children.add(this);
    }

    void addDevice(PciFunction f) {
        devices.add(f);
    }

    void sortChildren() {
        devices.sort((a, b) -> a.address().compareTo(b.address()));
        children.sort((a, b) -> Integer.compare(a.number, b.number));
    }

    @Override
    public String toString() {
        return String.format("bus %04x:%02x (%s)", domain, number, kind.name().toLowerCase());
    }
}
