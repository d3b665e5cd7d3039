package org.dmascope.model.kernel.p2p;

import org.dmascope.model.topology.Bdf;

/** A device on a P2P path whose ACS control has redirect bits (R-P2P-1), with the control value. */
public record RedirectPort(Bdf device, int control) {
    /** {@code ACS redirect (ReqRedir+ CmpltRedir+) on 0000:02:02.0}. */
    public String words() {
        return "ACS redirect (" + AcsRedirect.bitsWords(control) + ") on " + device;
    }
}
