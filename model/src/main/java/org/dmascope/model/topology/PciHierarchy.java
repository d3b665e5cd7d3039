package org.dmascope.model.topology;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The bus tree derived from a {@link Topology}: which bus each function sits on, which bridge leads
 * there, up to the host bridge. Built the way the kernel links {@code pci_bus} structures: a bridge's
 * secondary bus hangs below the bridge's own bus; VFs beyond their PF's bus sit on a virtual bus with
 * no bridge. Buses nothing leads to are kept as orphans so a fragment still draws.
 */
public final class PciHierarchy {
    private final Map<Long, PciBus> buses = new LinkedHashMap<>();
    private final List<PciBus> roots = new ArrayList<>();
    private final Map<Bdf, PciBus> busOfFunction = new HashMap<>();
    private final Map<Bdf, PciBus> secondaryOf = new HashMap<>();
    private final List<PciFunction> kernelOrder;

    private static long key(int domain, int bus) {
        return (long) domain << 8 | bus;
    }

    private PciHierarchy(Topology t) {
        // Root buses first: a bridge claiming a root bus number as its secondary is a validation error.
        for (HostBridge hb : t.hostBridges()) {
            buses.computeIfAbsent(key(hb.domain(), hb.rootBus()),
                    k -> new PciBus(hb.domain(), hb.rootBus(), PciBus.Kind.ROOT, Optional.empty(), Optional.of(hb)));
        }
        for (PciFunction f : t.functions()) {
            if (f.bridge().isEmpty()) continue;
            Bridge b = f.bridge().get();
            long k = key(f.address().domain(), b.secondary());
            if (b.secondary() == f.address().bus() || buses.containsKey(k)) continue;
            PciBus bus = new PciBus(f.address().domain(), b.secondary(), PciBus.Kind.BRIDGED, Optional.of(f),
                    Optional.empty());
            buses.put(k, bus);
            secondaryOf.put(f.address(), bus);
        }
        for (PciFunction f : t.functions()) {
            long k = key(f.address().domain(), f.address().bus());
            PciBus bus = buses.get(k);
            if (bus == null) {
                boolean virtualBus = f.isVirtualFunction() && t.function(f.physicalFunction().get()).isPresent();
                bus = new PciBus(f.address().domain(), f.address().bus(),
                        virtualBus ? PciBus.Kind.VIRTUAL : PciBus.Kind.ORPHAN, Optional.empty(), Optional.empty());
                buses.put(k, bus);
            }
            bus.addDevice(f);
            busOfFunction.put(f.address(), bus);
        }
        for (PciBus bus : buses.values()) {
            switch (bus.kind()) {
                case BRIDGED -> {
                    PciBus up = busOfFunction.get(bus.self().get().address());
                    if (up != null && up != bus && !isBelow(up, bus)) bus.setParent(up);
                }
                case VIRTUAL -> {
                    PciFunction vf = bus.devices().get(0);
                    PciBus up = busOfFunction.get(vf.physicalFunction().get());
                    // A PF below its own VF's bus (broken input) would close a loop that walks upward never leave.
                    if (up != null && up != bus && !isBelow(up, bus)) bus.setParent(up);
                }
                default -> {
                }
            }
        }
        for (PciBus bus : buses.values()) {
            bus.sortChildren();
            if (bus.isRoot()) roots.add(bus);
        }
        roots.sort((a, b) -> {
            int c = Boolean.compare(a.kind() == PciBus.Kind.ORPHAN || a.kind() == PciBus.Kind.BRIDGED,
                    b.kind() == PciBus.Kind.ORPHAN || b.kind() == PciBus.Kind.BRIDGED);
            if (c != 0) return c;
            c = Integer.compare(a.domain(), b.domain());
            return c != 0 ? c : Integer.compare(a.number(), b.number());
        });
        kernelOrder = computeKernelOrder();
    }

    /** Guards against bus-number loops in broken input: would linking {@code child} under {@code up} make a cycle? */
    private static boolean isBelow(PciBus up, PciBus child) {
        for (PciBus p = up; p != null; p = p.parent().orElse(null)) {
            if (p == child) return true;
        }
        return false;
    }

    public static PciHierarchy of(Topology t) {
        return new PciHierarchy(t);
    }

    /**
     * Buses with no parent: host-bridge root buses in (domain, bus) order, then buses nothing leads to
     * (orphans from a fragment, or a bridge's bus whose bridge sits inside a loop).
     */
    public List<PciBus> roots() {
        return Collections.unmodifiableList(roots);
    }

    /** Every bus, root buses first. */
    public List<PciBus> buses() {
        return List.copyOf(buses.values());
    }

    public Optional<PciBus> bus(int domain, int number) {
        return Optional.ofNullable(buses.get(key(domain, number)));
    }

    /** The bus a function sits on ({@code dev->bus}). */
    public PciBus busOf(PciFunction f) {
        PciBus b = busOfFunction.get(f.address());
        if (b == null) throw new IllegalArgumentException(f.address() + " is not part of this topology");
        return b;
    }

    /** The secondary bus of a bridge ({@code dev->subordinate}). */
    public Optional<PciBus> secondaryBus(PciFunction bridge) {
        return Optional.ofNullable(secondaryOf.get(bridge.address()));
    }

    /** {@code dev->bus->self}: the bridge directly above, if any. */
    public Optional<PciFunction> parentBridge(PciFunction f) {
        return busOf(f).self();
    }

    /**
     * {@code pci_upstream_bridge()}: a VF is first replaced by its PF; a function on a root bus has none;
     * otherwise the bridge of its bus (none on a virtual bus).
     */
    public Optional<PciFunction> upstreamBridge(PciFunction f) {
        PciFunction dev = physfn(f);
        PciBus bus = busOf(dev);
        if (bus.isRoot()) return Optional.empty();
        return bus.self();
    }

    /** {@code pci_physfn()}: the PF of a VF, or the function itself. */
    public PciFunction physfn(PciFunction f) {
        if (!f.isVirtualFunction()) return f;
        PciBus b = busOfFunction.get(f.physicalFunction().get());
        if (b == null) return f;
        return b.devices().stream().filter(d -> d.address().equals(f.physicalFunction().get())).findFirst().orElse(f);
    }

    /** The host bridge at the top of the function's hierarchy; empty for a fragment. */
    public Optional<HostBridge> hostBridgeOf(PciFunction f) {
        return rootBusOf(f).host();
    }

    /** The root bus at the top of the function's hierarchy. */
    public PciBus rootBusOf(PciFunction f) {
        PciBus b = busOf(f);
        while (b.parent().isPresent()) b = b.parent().get();
        return b;
    }

    /** The function's path upward: itself, then each bridge above it up to the root bus (bus->self chain). */
    public List<PciFunction> pathToRoot(PciFunction f) {
        List<PciFunction> path = new ArrayList<>();
        PciFunction cur = f;
        int guard = 0;
        while (cur != null && guard++ < 300) {
            path.add(cur);
            PciBus b = busOf(cur);
            if (b.kind() == PciBus.Kind.VIRTUAL) {
                cur = physfn(cur) == cur ? null : physfn(cur);
                continue;
            }
            cur = b.isRoot() ? null : b.self().orElse(null);
        }
        return path;
    }

    /** Functions on a bridge's secondary bus (and on any virtual buses hanging there). */
    public List<PciFunction> children(PciFunction bridge) {
        return secondaryBus(bridge).map(PciBus::devices).orElse(List.of());
    }

    /**
     * Functions in the order the kernel adds them ({@code pci_bus_add_devices}: every device of a bus,
     * then the buses below each bridge in turn), VFs last as SR-IOV enables them after boot. IOMMU
     * groups are allocated in this order.
     */
    public List<PciFunction> kernelOrder() {
        return kernelOrder;
    }

    private List<PciFunction> computeKernelOrder() {
        List<PciFunction> order = new ArrayList<>();
        List<PciFunction> vfs = new ArrayList<>();
        for (PciBus root : roots) addBus(root, order, vfs);
        order.addAll(vfs);
        return Collections.unmodifiableList(order);
    }

    private void addBus(PciBus bus, List<PciFunction> order, List<PciFunction> vfs) {
        for (PciFunction f : bus.devices()) {
            if (f.isVirtualFunction()) vfs.add(f);
            else order.add(f);
        }
        for (PciFunction f : bus.devices()) {
            PciBus child = secondaryOf.get(f.address());
            if (child != null && child.parent().orElse(null) == bus) addBus(child, order, vfs);
        }
        for (PciBus child : bus.children()) {
            if (child.kind() == PciBus.Kind.VIRTUAL) vfs.addAll(child.devices());
        }
    }
}
