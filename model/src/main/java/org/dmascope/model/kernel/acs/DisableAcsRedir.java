package org.dmascope.model.kernel.acs;

import org.dmascope.model.kernel.platform.PciDeviceList;
import org.dmascope.model.kernel.profile.KernelVersion;
import org.dmascope.model.kernel.rule.KernelRule;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.PciHierarchy;

/**
 * R-CMD-3 {@code pci=disable_acs_redir=DEV[;DEV…]} (drivers/pci/pci.c). It runs in
 * {@code pci_enable_acs()} for <b>every</b> function with an ACS capability that the list names, whether or
 * not an IOMMU requested ACS, after the kernel-set bits; three eras:
 * <ul>
 *   <li>v4.19 – v6.10 ({@code pci_disable_acs_redir()}, read in v5.4.273, v5.15.85, v6.1.119): the value the
 *       kernel just wrote loses RR|CR|EC ({@code ctrl &= ~(RR|CR|EC)}); log "disabled ACS redirect". Its own
 *       list walk: the first match wins, a parse error stops it ("Can't parse disable_acs_redir parameter").
 *       A listed function without ACS capability logs "cannot disable ACS redirect for this hardware…".</li>
 *   <li>v6.11 – v6.14 (47c8846a49ba, {@code __pci_config_acs(…, RR|CR|EC, ~(RR|CR|EC))}, read in v6.11.11,
 *       v6.14.0): {@code ctrl = (ctrl & ~0x2c) | (fw_ctrl & 0x2c) | 0xffd3}: RR/CR/EC go back to the
 *       <em>firmware</em> value and every other bit, reserved ones too, is written as 1.</li>
 *   <li>v6.15+ (9cf8a952d57b, read in v6.19.0): {@code ctrl = fw_ctrl & ~(RR|CR|EC)}: the kernel-set
 *       SV/UF/TB are dropped back to firmware too.</li>
 * </ul>
 * An Intel Sunrise-Point-style root port takes its quirk ({@code pci_dev_specific_disable_acs_redir()})
 * instead, in every era: RR|CR|EC are cleared in the dword at ACS+8 and the standard register is left alone.
 */
@KernelRule("R-CMD-3")
public final class DisableAcsRedir {
    /** The bits the option clears. */
    public static final int BITS = EffectiveAcs.REDIR_BITS;

    private DisableAcsRedir() {
    }

    /** True when the list names the device (the walk of the profile's kernel reaches a matching entry). */
    public static boolean listed(PciFunction dev, PciHierarchy h, String list, KernelVersion profile) {
        return walk(dev, h, list, profile).matched();
    }

    /** The walk of the profile's kernel for one device. */
    public static ConfigAcs.Walk walk(PciFunction dev, PciHierarchy h, String list, KernelVersion profile) {
        if (profile.atLeast(6, 11)) return ConfigAcs.walk(dev, h, list, BITS, ~BITS, profile);
        // pci_disable_acs_redir(): the same walk without flags
        int i = 0;
        while (i < list.length()) {
            PciDeviceList.StrMatch m = PciDeviceList.strMatch(dev, h, list, i);
            if (m.failed()) return new ConfigAcs.Walk(false, 0, 0, "", true);
            if (m.matched()) return new ConfigAcs.Walk(true, BITS, ~BITS & AcsControlTransform.REGISTER, "", false);
            i = m.end();
            if (i >= list.length() || (list.charAt(i) != ';' && list.charAt(i) != ',')) break;
            i++;
        }
        return ConfigAcs.Walk.NONE;
    }

    /**
     * The {@code disable_acs_redir} step of {@code pci_enable_acs()} for a device with an ACS capability.
     *
     * @param before the boot so far: the firmware value and, when ACS was requested, the kernel-set bits
     * @param spt    an Intel Sunrise-Point-style root port (its quirk runs instead)
     */
    public static ConfigAcs.Step apply(AcsControlTransform before, PciFunction dev, PciHierarchy h, String list,
            boolean spt, KernelVersion profile) {
        ConfigAcs.Walk w = walk(dev, h, list, profile);
        if (!w.matched() || spt) return new ConfigAcs.Step(before, w);
        AcsControlTransform after;
        if (profile.atLeast(6, 15)) after = AcsControlTransform.firmwareOutsideMask(BITS, ~BITS);
        else if (profile.atLeast(6, 11)) after = before.firmwareUnderMaskThenSet(BITS, ~BITS);
        else after = before.clear(BITS);
        return new ConfigAcs.Step(after, w);
    }
}
