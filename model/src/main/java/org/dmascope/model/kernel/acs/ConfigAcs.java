package org.dmascope.model.kernel.acs;

import org.dmascope.model.kernel.platform.PciDeviceList;
import org.dmascope.model.kernel.profile.KernelVersion;
import org.dmascope.model.kernel.rule.KernelRule;
import org.dmascope.model.topology.Acs;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.PciHierarchy;

/**
 * R-CMD-4 {@code pci=config_acs=FLAGS@DEV[;FLAGS@DEV…]} as {@code __pci_config_acs()} applies it
 * (drivers/pci/pci.c, 47c8846a49ba, first in v6.11; fixed by 9cf8a952d57b, v6.15; read in v6.11.11,
 * v6.14.0 and v6.19.0). Earlier kernels do not know the option ({@code PCI: Unknown option}).
 * <ul>
 *   <li>FLAGS is read from the character before {@code @} backwards: the rightmost is bit 0 (SV), then TB,
 *       RR, CR, UF, EC, DT. {@code 1} sets the bit, {@code 0} clears it, {@code x} and every position not
 *       given keep the <b>firmware</b> value. Another character ends the parameter for the device
 *       ("Invalid ACS flags... Ignoring"), as do a 0/1 above bit 6 ("Invalid ACS flags specified") and a
 *       missing {@code @} ("ACS Flags missing").</li>
 *   <li>v6.15+: the matched device gets {@code (fw_ctrl & ~mask) | (flags & mask)}: its kernel-set bits and a
 *       {@code disable_acs_redir} result are replaced, not combined.</li>
 *   <li>v6.11–v6.14: {@code ctrl = (ctrl & ~mask) | (fw_ctrl & mask) | flags}, so a 0 means "firmware value"
 *       and an x "kernel value"; and the flags are parsed for the first entry only, so a device reaching a
 *       later entry stops the walk there ("Can't parse ACS command line parameter").</li>
 * </ul>
 * The list walk is the one {@code pci=disable_acs_redir=} shares since v6.11 (R-CMD-3): entries left to
 * right, the first matching one wins, a malformed entry stops the walk for every device not matched
 * before it (R-CMD-2).
 */
@KernelRule("R-CMD-4")
public final class ConfigAcs {
    /** The bits an ACS control value may name: SV … DT. */
    static final int VALID = Acs.SV | Acs.TB | Acs.RR | Acs.CR | Acs.UF | Acs.EC | Acs.DT;
    /** The message the kernel prints once when a device's walk meets an entry it cannot parse. */
    public static final String CANT_PARSE = "PCI: Can't parse ACS command line parameter";

    /**
     * The outcome of the walk for one device.
     *
     * @param matched an entry names the device
     * @param mask    the bits the matching entry sets or clears
     * @param flags   their values
     * @param message what the kernel logs for this device ({@code pci_err}), or empty
     * @param parseError the walk met an entry it cannot parse ({@link #CANT_PARSE}, logged once per boot)
     */
    public record Walk(boolean matched, int mask, int flags, String message, boolean parseError) {
        static final Walk NONE = new Walk(false, 0, 0, "", false);

        static Walk err(String message) {
            return new Walk(false, 0, 0, message, false);
        }
    }

    private ConfigAcs() {
    }

    /**
     * The list walk of {@code __pci_config_acs(dev, caps, p, acs_mask, acs_flags)}.
     *
     * @param acsMask  0 for {@code config_acs} (each entry carries its flags), RR|CR|EC for
     *                 {@code disable_acs_redir}
     * @param acsFlags the flags going with a non-zero {@code acsMask}
     */
    public static Walk walk(PciFunction dev, PciHierarchy h, String p, int acsMask, int acsFlags,
            KernelVersion profile) {
        boolean fixed = profile.atLeast(6, 15);
        int mask = acsMask;
        int flags = acsFlags & AcsControlTransform.REGISTER;
        int i = 0;
        while (i < p.length()) {
            if (fixed ? acsMask == 0 : mask == 0) {
                int at = p.indexOf('@', i);
                if (at < 0) return Walk.err("ACS Flags missing");
                if (fixed) {
                    mask = 0;
                    flags = 0;
                }
                int shift = 0;
                for (int end = at - 1; end >= i; end--, shift++) {
                    char c = p.charAt(end);
                    int bit = shift < 16 ? 1 << shift : 0;
                    if (c == '0') {
                        mask |= bit;
                    } else if (c == '1') {
                        mask |= bit;
                        flags |= bit;
                    } else if (c != 'x' && c != 'X') {
                        return Walk.err("Invalid ACS flags... Ignoring");
                    }
                }
                i = at + 1;
            }
            if ((mask & ~VALID) != 0) return Walk.err("Invalid ACS flags specified");
            PciDeviceList.StrMatch m = PciDeviceList.strMatch(dev, h, p, i);
            if (m.failed()) return new Walk(false, 0, 0, "", true);
            if (m.matched()) return new Walk(true, mask, flags, "", false);
            i = m.end();
            if (i >= p.length() || (p.charAt(i) != ';' && p.charAt(i) != ',')) return Walk.NONE;
            i++;
        }
        return Walk.NONE;
    }

    /**
     * The {@code config_acs} step of {@code pci_enable_acs()} for a device with an ACS capability.
     *
     * @param before the boot so far (firmware value, kernel-set bits, {@code disable_acs_redir})
     * @param spt    an Intel Sunrise-Point-style root port: a match runs its quirk, which clears RR|CR|EC in
     *               the dword at ACS+8 and leaves the standard register alone
     */
    public static Step apply(AcsControlTransform before, PciFunction dev, PciHierarchy h, String list, boolean spt,
            KernelVersion profile) {
        if (!profile.atLeast(6, 11)) return new Step(before, Walk.NONE);
        Walk w = walk(dev, h, list, 0, 0, profile);
        if (!w.matched() || spt) return new Step(before, w);
        AcsControlTransform after = profile.atLeast(6, 15)
                ? AcsControlTransform.firmwareOutsideMask(w.mask(), w.flags())
                : before.firmwareUnderMaskThenSet(w.mask(), w.flags());
        return new Step(after, w);
    }

    /** The boot after one command-line step, and what the walk found. */
    public record Step(AcsControlTransform after, Walk walk) {
    }
}
