package org.dmascope.model.kernel.p2p;

import org.dmascope.model.kernel.acs.AcsState;
import org.dmascope.model.kernel.rule.KernelRule;
import org.dmascope.model.topology.Acs;

/**
 * R-P2P-1 {@code pci_bridge_has_acs_redir(dev)} (drivers/pci/p2pdma.c): the device has an ACS
 * capability and its control register (at +6, as lspci shows it) has any of RR, CR, EC. Capability
 * bits are not consulted.
 */
@KernelRule("R-P2P-1")
public final class AcsRedirect {
    /** RR | CR | EC. */
    public static final int REDIRECT_BITS = Acs.RR | Acs.CR | Acs.EC;

    private AcsRedirect() {
    }

    public static boolean hasRedirect(AcsState s) {
        return s.present() && (s.control() & REDIRECT_BITS) != 0;
    }

    /** {@code ReqRedir+ CmpltRedir+} for the redirect bits that are set, lspci style. */
    public static String bitsWords(int control) {
        StringBuilder sb = new StringBuilder();
        if ((control & Acs.RR) != 0) sb.append("ReqRedir+ ");
        if ((control & Acs.CR) != 0) sb.append("CmpltRedir+ ");
        if ((control & Acs.EC) != 0) sb.append("EgressCtrl+ ");
        return sb.toString().trim();
    }
}
