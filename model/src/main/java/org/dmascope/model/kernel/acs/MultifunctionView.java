package org.dmascope.model.kernel.acs;

import java.util.HashSet;
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

    public MultifunctionView(Topology t) {
        Set<Bdf> seen = new HashSet<>();
        for (PciFunction f : t.functions()) {
            if (f.isVirtualFunction()) continue;
            Bdf slot = f.address().withFunction(0);
            if (!seen.add(slot)) slotsWithSeveralFunctions.add(slot);
        }
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
