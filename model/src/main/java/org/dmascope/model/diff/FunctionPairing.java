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
 * Which function of the second topology is which function of the first. An address present in both with the same
 * identity (IDs, class, names) is the same function. Of the rest, a function that left one address and a function
 * with the same identity at another are one device that moved, as when a card goes to another slot and its bus
 * number changes, even into an address a removed card had; several alike (two identical GPUs) are paired in address
 * order. An address left on both sides is then one function described differently (an import with names and one
 * without). What stays unpaired was added or removed.
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
        Map<Bdf, PciFunction> leftBefore = new TreeMap<>();
        Map<Bdf, PciFunction> leftAfter = new TreeMap<>();
        for (Map.Entry<Bdf, PciFunction> x : a.entrySet()) {
            PciFunction y = b.get(x.getKey());
            if (y != null && identityKey(y).equals(identityKey(x.getValue()))) pair(x.getKey(), x.getKey());
            else leftBefore.put(x.getKey(), x.getValue());
        }
        for (Map.Entry<Bdf, PciFunction> y : b.entrySet()) {
            if (!afterToBefore.containsKey(y.getKey())) leftAfter.put(y.getKey(), y.getValue());
        }
        Map<String, List<Bdf>> leftByIdentity = new LinkedHashMap<>();
        for (Map.Entry<Bdf, PciFunction> x : leftBefore.entrySet()) {
            leftByIdentity.computeIfAbsent(identityKey(x.getValue()), k -> new ArrayList<>()).add(x.getKey());
        }
        List<Bdf> unpaired = new ArrayList<>();
        for (Map.Entry<Bdf, PciFunction> y : leftAfter.entrySet()) {
            List<Bdf> candidates = leftByIdentity.getOrDefault(identityKey(y.getValue()), List.of());
            if (candidates.isEmpty()) {
                unpaired.add(y.getKey());
                continue;
            }
            Bdf x = candidates.remove(0);
            pair(x, y.getKey());
            if (!x.equals(y.getKey())) moved.add(x);
        }
        for (Bdf y : unpaired) {
            // The same address on both sides with another identity and no match elsewhere: the same function
            // described differently (names resolved in one import and not the other), not a swap of cards.
            if (leftBefore.containsKey(y) && !beforeToAfter.containsKey(y)) {
                pair(y, y);
                leftByIdentity.values().forEach(l -> l.remove(y));
            } else {
                added.add(y);
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
