package org.dmascope.model.kernel.acs;

import java.util.Optional;

import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.PciHierarchy;

/**
 * {@code pdev->untrusted} as {@code set_pcie_untrusted()} (drivers/pci/probe.c) sets it: a device
 * is untrusted when its upstream bridge is untrusted or external-facing (a Thunderbolt port the
 * firmware marked). A value the input carries wins; otherwise it is derived this way.
 */
public final class UntrustedDevices {
    private UntrustedDevices() {
    }

    public static boolean isUntrusted(PciFunction f, PciHierarchy h) {
        if (f.untrusted().isPresent()) return f.untrusted().get();
        Optional<PciFunction> up = h.upstreamBridge(f);
        int guard = 0;
        while (up.isPresent() && guard++ < 256) {
            PciFunction p = up.get();
            if (p.externalFacing().orElse(false) || p.untrusted().orElse(false)) return true;
            up = h.upstreamBridge(p);
        }
        return false;
    }
}
