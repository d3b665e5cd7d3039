package org.dmascope.model.kernel.acs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.Topology;

/**
 * {@code pdev->multifunction}: the header-type bit as the kernel read it (section 2.1 of
 * kernel-quirks.md). When an export does not show the bit (lspci -v does not print it), it is
 * inferred: a function other than 0, or a function 0 whose slot has other functions, belongs to a
 * multifunction device (the kernel only scans functions 1-7 when function 0 sets the bit).
 * SR-IOV VFs are never multifunction ({@code pci_iov_add_virtfn}).
 */
public final class MultifunctionView {
    private final Set<Bdf> slotsWithSeveralFunctions = new HashSet<>();
    private final Map<Bdf, List<PciFunction>> slots = new HashMap<>();

    public MultifunctionView(Topology t) {
        Set<Bdf> seen = new HashSet<>();
        for (PciFunction f : t.functions()) {
            if (f.isVirtualFunction()) continue;
            Bdf slot = f.address().withFunction(0);
            slots.computeIfAbsent(slot, k -> new ArrayList<>()).add(f);
            if (!seen.add(slot)) slotsWithSeveralFunctions.add(slot);
        }
    }

    /**
     * Why an inferred answer is what it is, naming the functions of the slot and their lines, and what the
     * answer would be otherwise; empty when the input carried the bit.
     */
    public String evidence(PciFunction f) {
        if (!inferred(f)) return "";
        List<PciFunction> others = slots.getOrDefault(f.address().withFunction(0), List.of()).stream()
                .filter(o -> !o.address().equals(f.address())).toList();
        if (!others.isEmpty()) {
            PciFunction o = others.get(0);
            return "multifunction inferred: its slot also lists " + o.address().shortText()
                    + o.provenance().of("address").map(l -> " (" + l + ")").orElse("")
                    + (others.size() > 1 ? " and " + (others.size() - 1) + " more" : "")
                    + ", which the kernel finds only when function 0 sets the multifunction bit; the input does "
                    + "not show the bit";
        }
        if (f.address().function() != 0) {
            return "multifunction inferred: a function other than 0 is only scanned when function 0 sets the "
                    + "multifunction bit";
        }
        return "single-function inferred: no other function of its slot is listed"
                + f.provenance().of("address").map(l -> " (" + l + ")").orElse("")
                + "; were its multifunction bit set, its own ACS would decide";
    }

    public boolean isMultifunction(PciFunction f) {
        if (f.isVirtualFunction()) return false;
        if (f.multifunction().isPresent()) return f.multifunction().get();
        return f.address().function() != 0 || slotsWithSeveralFunctions.contains(f.address().withFunction(0));
    }

    /** True when the answer was inferred because the input did not carry the bit. */
    public boolean inferred(PciFunction f) {
        return !f.isVirtualFunction() && f.multifunction().isEmpty();
    }
}
