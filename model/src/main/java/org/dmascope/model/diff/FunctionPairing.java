package org.dmascope.model.diff;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.PciIdentity;
import org.dmascope.model.topology.Topology;

/**
 * Which function of the second topology is which function of the first. An address present in both is the same
 * function. Of the rest, a function that left one address and a function with the same identity (IDs, class,
 * names) that appeared at another are one device that moved, as when a card goes to another slot and its bus
 * number changes; several alike (two identical GPUs) are paired in address order. What stays unpaired was added
 * or removed.
 */
public final class FunctionPairing {
    private final Map<Bdf, Bdf> beforeToAfter = new LinkedHashMap<>();
    private final Map<Bdf, Bdf> afterToBefore = new LinkedHashMap<>();
    private final List<Bdf> moved = new ArrayList<>();
    private final List<Bdf> removed = new ArrayList<>();
    private final List<Bdf> added = new ArrayList<>();

    public FunctionPairing(Topology before, Topology after) {
        Map<Bdf, PciFunction> a = byAddress(before);
        Map<Bdf, PciFunction> b = byAddress(after);
        Map<String, List<Bdf>> leftByIdentity = new LinkedHashMap<>();
        for (Bdf x : a.keySet()) {
            if (b.containsKey(x)) {
                pair(x, x);
            } else {
                leftByIdentity.computeIfAbsent(identityKey(a.get(x)), k -> new ArrayList<>()).add(x);
            }
        }
        for (Bdf y : b.keySet()) {
            if (a.containsKey(y)) continue;
            List<Bdf> candidates = leftByIdentity.getOrDefault(identityKey(b.get(y)), List.of());
            if (candidates.isEmpty()) {
                added.add(y);
            } else {
                Bdf x = candidates.remove(0);
                pair(x, y);
                moved.add(x);
            }
        }
        for (List<Bdf> rest : leftByIdentity.values()) removed.addAll(rest);
        removed.sort(null);
    }

    private void pair(Bdf before, Bdf after) {
        beforeToAfter.put(before, after);
        afterToBefore.put(after, before);
    }

    private static Map<Bdf, PciFunction> byAddress(Topology t) {
        Map<Bdf, PciFunction> m = new TreeMap<>();
        for (PciFunction f : t.functions()) m.put(f.address(), f);
        return m;
    }

    /** What makes two functions the same device when their addresses differ. */
    static String identityKey(PciFunction f) {
        PciIdentity id = f.identity();
        return id.vendorId() + "|" + id.deviceId() + "|" + id.subsystemVendorId() + "|" + id.subsystemDeviceId() + "|"
                + id.classCode() + "|" + id.revision() + "|" + id.vendorName() + "|" + id.deviceName() + "|"
                + f.isVirtualFunction();
    }

    /** The address the function at {@code before} has after, if it is still there. */
    public Optional<Bdf> after(Bdf before) {
        return Optional.ofNullable(beforeToAfter.get(before));
    }

    /** The address the function at {@code after} had before, if it was there. */
    public Optional<Bdf> before(Bdf after) {
        return Optional.ofNullable(afterToBefore.get(after));
    }

    /** Functions in both, as (before, after) in the first topology's address order. */
    public Map<Bdf, Bdf> pairs() {
        return Collections.unmodifiableMap(beforeToAfter);
    }

    /** The first topology's addresses of functions that moved. */
    public List<Bdf> moved() {
        return List.copyOf(moved);
    }

    public List<Bdf> removed() {
        return List.copyOf(removed);
    }

    public List<Bdf> added() {
        return List.copyOf(added);
    }
}
