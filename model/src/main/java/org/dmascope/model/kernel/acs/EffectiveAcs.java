package org.dmascope.model.kernel.acs;

import java.util.HashMap;
import java.util.Map;

import org.dmascope.model.kernel.acs.AcsState.ControlOrigin;
import org.dmascope.model.kernel.acs.AcsState.Presence;
import org.dmascope.model.kernel.platform.PciDeviceSpec;
import org.dmascope.model.kernel.platform.PlatformAssumptions;
import org.dmascope.model.topology.Acs;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.PciHierarchy;
import org.dmascope.model.topology.Topology;

/**
 * The ACS control values the rules use, with the kernel-set bits of {@code pci_enable_acs()} /
 * {@code pci_std_enable_acs()} (drivers/pci/pci.c; kernel-dma-rules.md section 1.2, kernel-quirks.md
 * section 2.4) applied only where the input cannot already show the result:
 * <ul>
 *   <li>the input shows a control value and the user did not ask for a what-if: used as it is,
 *       because a dump from a running kernel already carries what the kernel wrote;</li>
 *   <li>what-if "the IOMMU driver requested ACS" ({@link PlatformAssumptions#acsWhatIf()}), or the
 *       input lacks the control value while ACS is requested: {@code ctrl |= cap & (SV|RR|CR|UF)},
 *       plus {@code cap & TB} for {@code pci=noats} or external-facing/untrusted devices, then
 *       {@code pci=disable_acs_redir=} clears RR|CR|EC on the devices it lists;</li>
 *   <li>the input lacks the value and nothing requested ACS: 0 (firmware state, not known).</li>
 * </ul>
 * Intel PCH and Sunrise-Point-style root ports are enabled by {@code pci_dev_specific_enable_acs()}
 * instead; the standard register at +6 is then left alone (see {@link IntelPchAcsQuirk},
 * {@link IntelSptPchAcsQuirk}).
 */
public final class EffectiveAcs {
    /** The control bits {@code pci_std_enable_acs()} sets when the capability advertises them. */
    public static final int STD_ENABLE_BITS = Acs.SV | Acs.RR | Acs.CR | Acs.UF;
    /** The bits {@code pci=disable_acs_redir=} clears. */
    public static final int REDIR_BITS = Acs.RR | Acs.CR | Acs.EC;

    private final PlatformAssumptions assumptions;
    private final PciHierarchy hierarchy;
    private final Map<Bdf, AcsState> states = new HashMap<>();

    public EffectiveAcs(Topology t, PlatformAssumptions assumptions) {
        this.assumptions = assumptions;
        this.hierarchy = t.hierarchy();
        for (PciFunction f : t.functions()) states.put(f.address(), compute(f));
    }

    public AcsState of(PciFunction f) {
        AcsState s = states.get(f.address());
        return s != null ? s : compute(f);
    }

    public PlatformAssumptions assumptions() {
        return assumptions;
    }

    /** True when {@code pci=disable_acs_redir=} names the function. */
    public boolean disableAcsRedirListed(PciFunction f) {
        for (PciDeviceSpec s : assumptions.commandLine().disableAcsRedir()) {
            if (s.matches(f, hierarchy)) return true;
        }
        return false;
    }

    /**
     * True when {@code pci_dev_specific_enable_acs()} handles the function, so the standard register is not written.
     */
    public boolean deviceSpecificEnable(PciFunction f) {
        return IntelPchAcsQuirk.matches(f) || (IntelSptPchAcsQuirk.matches(f) && f.acs().map(Acs::present)
                .orElse(false));
    }

    /**
     * {@code PCI_DEV_FLAGS_ACS_ENABLED_QUIRK} on an Intel PCH root port: set by
     * {@code pci_quirk_enable_intel_pch_acs()} when ACS was requested. That the RCBA write succeeds
     * cannot be seen in lspci output; it is assumed.
     */
    public boolean pchQuirkFlag(PciFunction f) {
        return IntelPchAcsQuirk.matches(f) && assumptions.acsRequested();
    }

    /**
     * The 32-bit control dword at ACS+8 of a Sunrise-Point-style root port. lspci decodes +6, so the
     * dword is never in the input: when ACS was requested, {@code pci_quirk_enable_intel_spt_pch_acs()}
     * sets the advertised SV|RR|CR|UF (and TB as for the standard rule) and disable_acs_redir clears
     * RR|CR|EC; otherwise the firmware value is unknown and taken as 0.
     */
    public int sptControlDword(PciFunction f) {
        AcsState s = of(f);
        if (!assumptions.acsRequested()) return 0;
        int ctrl = s.capability() & STD_ENABLE_BITS;
        if (wantsTranslationBlocking(f)) ctrl |= s.capability() & Acs.TB;
        if (disableAcsRedirListed(f)) ctrl &= ~REDIR_BITS;
        return ctrl;
    }

    private boolean wantsTranslationBlocking(PciFunction f) {
        return assumptions.commandLine().atsDisabled() || f.externalFacing().orElse(false)
                || UntrustedDevices.isUntrusted(f, hierarchy);
    }

    private AcsState compute(PciFunction f) {
        if (f.acs().isEmpty()) {
            return new AcsState(Presence.UNKNOWN, 0, 0, ControlOrigin.NONE,
                    "the input does not show " + f.address()
                            + "'s extended capabilities; it is treated as having no ACS");
        }
        Acs acs = f.acs().get();
        if (!acs.present()) return AcsState.ABSENT;
        boolean capKnown = acs.capability().isPresent();
        int cap = acs.capability().orElse(0x7F);
        String capNote = capKnown ? "" : "ACSCap of " + f.address()
                + " not shown: every feature taken as implemented; ";
        boolean specific = deviceSpecificEnable(f);
        if (acs.control().isPresent()) {
            int shown = acs.control().getAsInt();
            if (assumptions.acsWhatIf() && !specific) {
                int ctrl = kernelSet(f, cap, shown);
                if (ctrl != shown) {
                    return new AcsState(Presence.PRESENT, cap, ctrl, ControlOrigin.WHAT_IF,
                            capNote + "what-if: ACS control of "
                            + f.address() + " taken as " + hex(ctrl) + " (" + Acs.shortBits(ctrl)
                                    + ") instead of the shown "
                            + hex(shown)
                                    + ": the kernel sets the implemented SV|RR|CR|UF when the IOMMU driver requests ACS"
                            + redirSuffix(f));
                }
            }
            return new AcsState(Presence.PRESENT, cap, shown, ControlOrigin.INPUT, capNote);
        }
        if (assumptions.acsRequested() && !specific) {
            int ctrl = kernelSet(f, cap, 0);
            return new AcsState(Presence.PRESENT, cap, ctrl, ControlOrigin.KERNEL_RULE, capNote + "ACS control of "
                    + f.address()
                    + " not in the input: taken as " + hex(ctrl) + " (" + Acs.shortBits(ctrl)
                    + "), what pci_std_enable_acs() writes when the IOMMU driver requests ACS" + redirSuffix(f));
        }
        return new AcsState(Presence.PRESENT, cap, 0, ControlOrigin.ASSUMED_ZERO, capNote + "ACS control of "
                + f.address()
                + " not in the input" + (specific ? " (the kernel enables this port through a device-specific quirk)"
                        : "")
                + ": taken as 0x0000");
    }

    private int kernelSet(PciFunction f, int cap, int start) {
        int ctrl = start | (cap & STD_ENABLE_BITS);
        if (wantsTranslationBlocking(f)) ctrl |= cap & Acs.TB;
        if (disableAcsRedirListed(f)) ctrl &= ~REDIR_BITS;
        return ctrl;
    }

    private String redirSuffix(PciFunction f) {
        return disableAcsRedirListed(f) ? "; pci=disable_acs_redir= then clears RR|CR|EC" : "";
    }

    static String hex(int v) {
        return String.format("0x%04x", v);
    }
}
