package org.dmascope.model.topology;

import java.util.OptionalInt;

/**
 * The Access Control Services extended capability of a function, or its absence.
 * A function whose export did not show its extended capabilities has no {@code Acs} at all
 * (see {@link PciFunction#acs()}): that is "unknown", which is different from {@link #ABSENT}.
 *
 * @param present     the function has an ACS capability ({@code pdev->acs_cap != 0})
 * @param capability  the ACS Capability register, when shown
 * @param control     the ACS Control register, when shown
 */
public record Acs(boolean present, OptionalInt capability, OptionalInt control) {

    /** Source Validation. */
    public static final int SV = 0x0001;
    /** Translation Blocking. */
    public static final int TB = 0x0002;
    /** P2P Request Redirect. */
    public static final int RR = 0x0004;
    /** P2P Completion Redirect. */
    public static final int CR = 0x0008;
    /** Upstream Forwarding. */
    public static final int UF = 0x0010;
    /** P2P Egress Control. */
    public static final int EC = 0x0020;
    /** Direct Translated P2P. */
    public static final int DT = 0x0040;

    /** The function has no ACS capability. */
    public static final Acs ABSENT = new Acs(false, OptionalInt.empty(), OptionalInt.empty());

    private static final String[] BIT_NAMES = {"SrcValid", "TransBlk", "ReqRedir", "CmpltRedir", "UpstreamFwd",
            "EgressCtrl", "DirectTrans"};
    private static final String[] SHORT_NAMES = {"SV", "TB", "RR", "CR", "UF", "EC", "DT"};

    public Acs {
        if (!present && (capability.isPresent() || control.isPresent())) {
            throw new IllegalArgumentException("an absent ACS capability has no registers");
        }
    }

    public static Acs of(int capability, int control) {
        return new Acs(true, OptionalInt.of(capability & 0xFFFF), OptionalInt.of(control & 0xFFFF));
    }

    /** Returns a copy whose control register is {@code control}. */
    public Acs withControl(int newControl) {
        if (!present) throw new IllegalStateException("no ACS capability to set control bits on");
        return new Acs(true, capability, OptionalInt.of(newControl & 0xFFFF));
    }

    /** Bits as lspci prints them: {@code SrcValid+ TransBlk- ...}. */
    public static String lspciBits(int value) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < BIT_NAMES.length; i++) {
            if (i > 0) sb.append(' ');
            sb.append(BIT_NAMES[i]).append((value & (1 << i)) != 0 ? '+' : '-');
        }
        return sb.toString();
    }

    /** Short names of the set bits, {@code SV|RR|CR|UF}, or {@code none}. */
    public static String shortBits(int value) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < SHORT_NAMES.length; i++) {
            if ((value & (1 << i)) != 0) {
                if (sb.length() > 0) sb.append('|');
                sb.append(SHORT_NAMES[i]);
            }
        }
        return sb.length() == 0 ? "none" : sb.toString();
    }
}
