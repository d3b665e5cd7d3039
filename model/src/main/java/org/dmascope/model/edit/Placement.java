package org.dmascope.model.edit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.TreeSet;

import org.dmascope.model.topology.Bar;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.Bridge;
import org.dmascope.model.topology.HostBridge;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.Topology;

/**
 * Puts a device with everything below it onto the secondary bus of a port, numbering its buses the way firmware
 * does at boot: depth first, so the buses below a port are the numbers right after the port's own secondary bus.
 * The numbers the port already spans and nothing uses are taken first; when they are too few, the port's range
 * grows and every bus numbered after it moves up by as many (what a depth-first enumeration at the next boot gives
 * a machine that was numbered depth first before). Numbers a removed or moved-away device used stay unused, as
 * after a hot-unplug: dmascope never renumbers a machine more than the edit needs.
 *
 * <p>The moved device's BAR addresses and bridge windows become unknown: the kernel assigns them afresh inside the
 * new port's windows ({@code pci_assign_unassigned_bridge_resources}), which this model does not size.
 */
final class Placement {
    private Placement() {
    }

    /** A place for the device: the machine with the port's range grown if needed, and the buses to use. */
    record Room(Topology topology, Bdf port, List<Integer> buses) {
    }

    /**
     * Makes room for {@code count} more buses below {@code portAddress} in {@code t} (which no longer holds the
     * device being placed).
     *
     * @throws Refusal when the bus numbers run out
     */
    static Room room(Topology t, Bdf portAddress, int count, String editName) {
        PciFunction port = t.function(portAddress).orElseThrow();
        Bridge b = port.bridge().orElseThrow();
        int domain = portAddress.domain();
        TreeSet<Integer> used = new TreeSet<>();
        for (HostBridge hb : t.hostBridges()) if (hb.domain() == domain) used.add(hb.rootBus());
        for (PciFunction f : t.functions()) {
            if (f.address().domain() != domain) continue;
            used.add(f.address().bus());
            f.bridge().ifPresent(x -> used.add(x.secondary()));
        }
        List<Integer> free = new ArrayList<>();
        for (int n = b.secondary() + 1; n <= b.subordinate() && free.size() < count; n++) {
            if (!used.contains(n)) free.add(n);
        }
        int need = count - free.size();
        if (need == 0) return new Room(t, portAddress, free);
        int sub = b.subordinate();
        int highest = sub;
        for (PciFunction f : t.functions()) {
            if (f.address().domain() != domain) continue;
            highest = Math.max(highest, f.address().bus());
            if (f.bridge().isPresent()) highest = Math.max(highest, f.bridge().get().subordinate());
        }
        int limit = t.hierarchy().hostBridgeOf(port).flatMap(HostBridge::busRange).map(HostBridge.BusRange::last)
                .orElse(0xFF);
        if (highest + need > limit) {
            throw new Refusal("no bus numbers left: " + count + " more are needed below " + portAddress.shortText()
                    + ", and the buses up to " + String.format("%02x", limit) + " are all given out");
        }
        Map<Integer, Integer> shift = new HashMap<>();
        for (int n = sub + 1; n <= highest; n++) shift.put(n, n + need);
        List<PciFunction> out = new ArrayList<>();
        Bdf newPort = portAddress;
        for (PciFunction f : t.functions()) {
            if (f.address().domain() != domain) {
                out.add(f);
                continue;
            }
            PciFunction g = renumbered(f, shift, sub, need, editName);
            if (f.address().equals(portAddress)) newPort = g.address();
            out.add(g);
        }
        List<Integer> buses = new ArrayList<>(free);
        for (int n = sub + 1; n <= sub + need; n++) buses.add(n);
        return new Room(t.withFunctions(out), newPort, buses);
    }

    /** A function after the buses above {@code sub} moved up by {@code need}; ranges that hold {@code sub} grow. */
    private static PciFunction renumbered(PciFunction f, Map<Integer, Integer> shift, int sub, int need,
                                          String editName) {
        Bdf a = f.address();
        Bdf na = Bdf.of(a.domain(), shift.getOrDefault(a.bus(), a.bus()), a.device(), a.function());
        PciFunction.Builder fb = f.toBuilder().address(na);
        boolean changed = !na.equals(a);
        List<String> fields = new ArrayList<>();
        if (changed) fields.add("address");
        if (f.physicalFunction().isPresent()) {
            Bdf pf = f.physicalFunction().get();
            fb.physicalFunction(Optional.of(Bdf.of(pf.domain(), shift.getOrDefault(pf.bus(), pf.bus()), pf.device(),
                    pf.function())));
        }
        if (f.bridge().isPresent()) {
            Bridge b = f.bridge().get();
            int secondary = shift.getOrDefault(b.secondary(), b.secondary());
            int subordinate = b.coversBus(sub) ? b.subordinate() + need
                    : shift.getOrDefault(b.subordinate(), b.subordinate());
            OptionalInt primary = b.primary().isPresent() ? OptionalInt.of(na.bus()) : OptionalInt.empty();
            Bridge nb = new Bridge(primary, secondary, subordinate, b.io(), b.memory(), b.prefetchable());
            if (!nb.equals(b)) {
                fb.bridge(nb);
                fields.add("bridge");
            }
        }
        PciFunction g = fb.build();
        return fields.isEmpty() ? g : Edits.mark(g, editName, fields.toArray(String[]::new));
    }

    /**
     * The device's functions and everything below them at their new addresses: the device's bus becomes the port's
     * secondary bus and its device number {@code device}; every other bus they use takes the next of {@code buses},
     * in the order of their old numbers (depth first, as they were given). Each bridge's subordinate bus is the
     * highest it then holds; BAR addresses and bridge windows become unknown (assigned afresh at the new place).
     */
    static List<PciFunction> placed(List<PciFunction> moving, int deviceBus, int device, int secondary,
                                    List<Integer> buses, OptionalInt numaNode, String editName) {
        Map<Integer, Integer> busMap = new HashMap<>();
        busMap.put(deviceBus, secondary);
        int i = 0;
        for (int n : busesOf(moving, deviceBus)) busMap.put(n, buses.get(i++));
        Map<Bdf, Bdf> moved = new HashMap<>();
        for (PciFunction f : moving) {
            if (f.isVirtualFunction()) continue;
            Bdf a = f.address();
            moved.put(a, Bdf.of(a.domain(), busMap.get(a.bus()), a.bus() == deviceBus ? device : a.device(),
                    a.function()));
        }
        List<PciFunction> out = new ArrayList<>();
        for (PciFunction f : moving) {
            Bdf a = f.address();
            Bdf na = f.isVirtualFunction() ? vfAddress(f, moved) : moved.get(a);
            PciFunction.Builder fb = f.toBuilder().address(na).iommuGroup(OptionalInt.empty())
                    .bars(unassigned(f.bars()));
            if (numaNode.isPresent()) fb.numaNode(numaNode);
            f.physicalFunction().ifPresent(pf -> fb.physicalFunction(Optional.of(moved.getOrDefault(pf, pf))));
            if (f.bridge().isPresent()) {
                Bridge b = f.bridge().get();
                int top = busMap.get(b.secondary());
                for (PciFunction g : moving) {
                    if (g.isVirtualFunction()) continue;
                    if (b.coversBus(g.address().bus())) top = Math.max(top, busMap.get(g.address().bus()));
                    if (g.bridge().isPresent() && b.coversBus(g.bridge().get().secondary())) {
                        top = Math.max(top, busMap.get(g.bridge().get().secondary()));
                    }
                }
                fb.bridge(new Bridge(b.primary().isPresent() ? OptionalInt.of(na.bus()) : OptionalInt.empty(),
                        busMap.get(b.secondary()), top, Optional.empty(), Optional.empty(), Optional.empty()));
            }
            List<String> fields = new ArrayList<>(List.of("address"));
            if (!f.bars().isEmpty()) fields.add("bars");
            if (f.bridge().isPresent()) fields.add("bridge");
            if (numaNode.isPresent() && !numaNode.equals(f.numaNode())) fields.add("numaNode");
            out.add(Edits.mark(fb.build(), editName, fields.toArray(String[]::new)));
        }
        return out;
    }

    /**
     * A VF keeps its routing-ID distance from its PF (First VF Offset and VF Stride do not change when the card
     * moves), so it follows the PF to its new bus, or to a bus after it.
     */
    private static Bdf vfAddress(PciFunction vf, Map<Bdf, Bdf> moved) {
        Bdf pf = vf.physicalFunction().orElseThrow();
        Bdf pfNow = moved.get(pf);
        if (pfNow == null) throw new Refusal(vf.address().shortText() + " is a VF of " + pf.shortText()
                + ", which does not move with it");
        int rid = vf.address().requesterId() - pf.requesterId() + pfNow.requesterId();
        if (rid < 0 || rid > 0xFFFF) {
            throw new Refusal("the VFs of " + pf.shortText() + " would need bus numbers past ff");
        }
        return Bdf.ofDevfn(pf.domain(), rid >> 8, rid & 0xFF);
    }

    /** The buses the moving functions use below the device's own, VFs left out, in order. */
    private static TreeSet<Integer> busesOf(List<PciFunction> moving, int deviceBus) {
        TreeSet<Integer> old = new TreeSet<>();
        for (PciFunction f : moving) {
            if (f.isVirtualFunction()) continue;
            old.add(f.address().bus());
            f.bridge().ifPresent(b -> old.add(b.secondary()));
        }
        old.remove(deviceBus);
        return old;
    }

    /** How many buses a device with everything below it uses besides the one it sits on (VFs follow their PF). */
    static int busesBelow(List<PciFunction> moving, int deviceBus) {
        return busesOf(moving, deviceBus).size();
    }

    private static List<Bar> unassigned(List<Bar> bars) {
        List<Bar> out = new ArrayList<>();
        for (Bar b : bars) out.add(b.at(OptionalLong.empty()));
        return out;
    }
}
