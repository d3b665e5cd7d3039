package org.dmascope.model.kernel.acs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import org.dmascope.model.kernel.acs.AcsState.ControlOrigin;
import org.dmascope.model.kernel.acs.AcsState.Presence;
import org.dmascope.model.kernel.platform.KernelCommandLine;
import org.dmascope.model.kernel.platform.PlatformAssumptions;
import org.dmascope.model.kernel.profile.KernelProfile;
import org.dmascope.model.topology.Acs;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.PciHierarchy;
import org.dmascope.model.topology.PortType;
import org.dmascope.model.topology.Topology;

/**
 * The ACS control values the rules use: what {@code pci_enable_acs()} ({@link PciEnableAcs}: kernel-set
 * bits, {@code pci=disable_acs_redir=} R-CMD-3, {@code pci=config_acs=} R-CMD-4) leaves in each register,
 * read back as the hardware keeps it (bits the capability does not implement read as 0):
 * <ul>
 *   <li>the input shows a control value and the command line in force is the one the machine booted with:
 *       used as it is, because a dump from a running kernel already carries what that boot wrote;</li>
 *   <li>the user's command line replaces the file's and the two boots differ for the port: the firmware value
 *       is traced back from the shown one through the file's boot (the bits that boot wrote regardless of
 *       firmware are taken as 0 in firmware), and the user's boot is applied to it;</li>
 *   <li>what-if "the IOMMU driver requested ACS" ({@link PlatformAssumptions#acsWhatIf()}): the shown value is
 *       taken as firmware's and the boot applied to it;</li>
 *   <li>the input lacks the control value: firmware's is unknown and taken as 0, and the boot is applied to it
 *       (the kernel-set bits when ACS was requested, the command-line options in any case).</li>
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
    /** Bits 0..6 of the control register: the ones a capability can implement. */
    private static final int DEFINED = 0x7F;

    private final PlatformAssumptions assumptions;
    private final PciHierarchy hierarchy;
    private final Map<Bdf, AcsState> states = new HashMap<>();
    private final Set<String> kernelLog = new LinkedHashSet<>();

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

    /**
     * What the kernel logs about the command line's ACS options during enumeration, in order, once each:
     * "Configured ACS to …", "Can't parse ACS command line parameter", {@code pci_err} lines.
     */
    public List<String> kernelLog() {
        return new ArrayList<>(kernelLog);
    }

    /** True when {@code pci=disable_acs_redir=} names the function (the walk of the profile's kernel). */
    public boolean disableAcsRedirListed(PciFunction f) {
        KernelCommandLine line = assumptions.commandLine();
        return line.disableAcsRedir().isPresent()
                && DisableAcsRedir.listed(f, hierarchy, line.disableAcsRedir().get(), assumptions.profile());
    }

    /** True when {@code pci=config_acs=} names the function (v6.11+). */
    public boolean configAcsListed(PciFunction f) {
        KernelCommandLine line = assumptions.commandLine();
        return line.configAcs().isPresent() && assumptions.profile().atLeast(6, 11)
                && ConfigAcs.walk(f, hierarchy, line.configAcs().get(), 0, 0, assumptions.profile()).matched();
    }

    /**
     * True when {@code pci_dev_specific_enable_acs()} handles the function, so the standard register is not written.
     */
    public boolean deviceSpecificEnable(PciFunction f) {
        return IntelPchAcsQuirk.matches(f) || spt(f);
    }

    private static boolean spt(PciFunction f) {
        return IntelSptPchAcsQuirk.matches(f) && f.acs().map(Acs::present).orElse(false);
    }

    /**
     * {@code PCI_DEV_FLAGS_ACS_ENABLED_QUIRK} on an Intel PCH root port: set by
     * {@code pci_quirk_enable_intel_pch_acs()} when ACS was requested. That the RCBA write succeeds
     * cannot be seen in lspci output; it is assumed.
     */
    public boolean pchQuirkFlag(PciFunction f) {
        return IntelPchAcsQuirk.matches(f) && assumptions.acsRequested() && enableReachesPortsWithoutAcs();
    }

    /**
     * False on Linux 5.9 before the stable fix: {@code pci_acs_init()} (drivers/pci/pci.c, v5.9) called
     * {@code pci_enable_acs()} only when {@code dev->acs_cap} was found, so {@code pci_dev_specific_enable_acs()}
     * never ran for a port without the capability (52fbf5bdeeef; fixed by 462b58fb0339 in v5.10-rc3).
     */
    private boolean enableReachesPortsWithoutAcs() {
        KernelProfile p = assumptions.profile();
        return !(p.atLeast(5, 9) && !p.atLeast(5, 10));
    }

    /**
     * The 32-bit control dword at ACS+8 of a Sunrise-Point-style root port. lspci decodes +6, so the
     * dword is never in the input: when ACS was requested, {@code pci_quirk_enable_intel_spt_pch_acs()}
     * sets the advertised SV|RR|CR|UF (and TB as for the standard rule), and a port that
     * {@code disable_acs_redir} or {@code config_acs} names runs {@code pci_quirk_disable_intel_spt_pch_acs_redir()},
     * which clears RR|CR|EC; otherwise the firmware value is unknown and taken as 0.
     */
    public int sptControlDword(PciFunction f) {
        AcsState s = of(f);
        if (!assumptions.acsRequested()) return 0;
        int ctrl = s.capability() & STD_ENABLE_BITS;
        if (assumptions.profile().atLeast(5, 8) && wantsTranslationBlocking(f, assumptions.commandLine())) {
            ctrl |= s.capability() & Acs.TB;
        }
        if (disableAcsRedirListed(f) || configAcsListed(f)) ctrl &= ~REDIR_BITS;
        return ctrl;
    }

    private boolean wantsTranslationBlocking(PciFunction f, KernelCommandLine line) {
        return line.atsDisabled() || untrusted(f);
    }

    private boolean untrusted(PciFunction f) {
        return f.externalFacing().orElse(false) || UntrustedDevices.isUntrusted(f, hierarchy);
    }

    private PciEnableAcs.Boot boot(PciFunction f, int cap, boolean requested, KernelCommandLine line) {
        return PciEnableAcs.boot(f, hierarchy, cap, requested, deviceSpecificEnable(f), spt(f), untrusted(f), line,
                assumptions.profile());
    }

    /**
     * True when the input does not show the function's extended capabilities and it is a root port that no
     * device-specific quirk enables: it is then assumed to have an ACS capability (every feature implemented,
     * control as the kernel's enable rule leaves it), as the root ports of current server and AMD CPUs do. The
     * group and P2P doctor ({@code kernel.doctor}) gives the answer without this assumption beside it.
     */
    public static boolean rootPortAcsAssumed(PciFunction f) {
        return f.acs().isEmpty() && f.portType().orElse(null) == PortType.ROOT_PORT && !IntelPchAcsQuirk.matches(f)
                && !IntelSptPchAcsQuirk.matches(f);
    }

    /** {@link #rootPortAcsAssumed} as a note. */
    public static String rootPortAcsNote(PciFunction f) {
        return "the input does not show root port " + f.address() + "'s extended capabilities; it is assumed to have "
                + "ACS, as root ports of current CPUs do; ";
    }

    private AcsState compute(PciFunction f) {
        if (f.acs().isEmpty() && !rootPortAcsAssumed(f)) {
            return new AcsState(Presence.UNKNOWN, 0, 0, ControlOrigin.NONE,
                    "the input does not show " + f.address()
                            + "'s extended capabilities; it is treated as having no ACS");
        }
        boolean assumed = f.acs().isEmpty();
        AcsState s = compute(f, f.acs().orElse(new Acs(true, OptionalInt.empty(),
                OptionalInt.empty())));
        if (!assumed) return s;
        return new AcsState(s.presence(), s.capability(), s.control(), s.origin(), rootPortAcsNote(f) + s.note());
    }

    private AcsState compute(PciFunction f, Acs acs) {
        KernelCommandLine line = assumptions.commandLine();
        if (!acs.present()) {
            if (!assumptions.profile().atLeast(6, 11) && disableAcsRedirListed(f)) {
                kernelLog.add("pci " + f.address() + ": cannot disable ACS redirect for this hardware as it does not "
                        + "have ACS capabilities");
            }
            return AcsState.ABSENT;
        }
        boolean capKnown = acs.capability().isPresent();
        int cap = acs.capability().orElse(DEFINED);
        String capNote = capKnown ? "" : "ACSCap of " + f.address()
                + " not shown: every feature taken as implemented; ";
        boolean requested = assumptions.acsRequested();
        PciEnableAcs.Boot now = boot(f, cap, requested, line);
        log(f, now);
        if (acs.control().isPresent()) {
            int shown = acs.control().getAsInt();
            if (assumptions.acsWhatIf() && !deviceSpecificEnable(f)) {
                int ctrl = readBack(now.transform().apply(shown), cap);
                if (ctrl != shown) {
                    return new AcsState(Presence.PRESENT, cap, ctrl, ControlOrigin.WHAT_IF, capNote + "what-if: ACS "
                            + "control of " + f.address() + " taken as " + hex(ctrl) + " (" + Acs.shortBits(ctrl)
                            + ") instead of the shown " + hex(shown) + ": the kernel sets the implemented SV|RR|CR|UF "
                            + "when the IOMMU driver requests ACS" + commandLineWords(now, shown));
                }
            }
            Optional<PlatformAssumptions.BootedLine> booted = assumptions.booted();
            if (booted.isPresent() && !assumptions.acsWhatIf()) {
                PciEnableAcs.Boot then = boot(f, cap, booted.get().acsRequested(), booted.get().line());
                if (!then.transform().equals(now.transform())) {
                    int fw = then.transform().firmwareFrom(shown);
                    int ctrl = readBack(now.transform().apply(fw), cap);
                    logWrite(f, now, fw);
                    return new AcsState(Presence.PRESENT, cap, ctrl, ControlOrigin.COMMAND_LINE, capNote
                            + "ACS control of " + f.address() + " under your command line: " + hex(ctrl) + " ("
                            + Acs.shortBits(ctrl) + ") instead of the shown " + hex(shown) + "; firmware's value "
                            + "traced back through the file's boot as " + hex(fw) + " (bits that boot set "
                            + "regardless of firmware taken as 0)" + commandLineWords(now, fw));
                }
            }
            return new AcsState(Presence.PRESENT, cap, shown, ControlOrigin.INPUT, capNote);
        }
        int ctrl = readBack(now.transform().apply(0), cap);
        logWrite(f, now, 0);
        if (now.kernelBits()) {
            return new AcsState(Presence.PRESENT, cap, ctrl, ControlOrigin.KERNEL_RULE, capNote + "ACS control of "
                    + f.address() + " not in the input: taken as " + hex(ctrl) + " (" + Acs.shortBits(ctrl)
                    + "), what pci_std_enable_acs() writes when the IOMMU driver requests ACS"
                    + commandLineWords(now, 0));
        }
        if (now.commandLineApplied()) {
            return new AcsState(Presence.PRESENT, cap, ctrl, ControlOrigin.COMMAND_LINE, capNote + "ACS control of "
                    + f.address() + " not in the input: firmware's value taken as 0x0000"
                    + commandLineWords(now, 0));
        }
        return new AcsState(Presence.PRESENT, cap, 0, ControlOrigin.ASSUMED_ZERO, capNote + "ACS control of "
                + f.address() + " not in the input" + (deviceSpecificEnable(f)
                        ? " (the kernel enables this port through a device-specific quirk)" : "")
                + ": taken as 0x0000");
    }

    /** The register keeps the bits the capability implements (bits 7..15 read as 0). */
    private static int readBack(int written, int cap) {
        return written & cap & DEFINED;
    }

    private void log(PciFunction f, PciEnableAcs.Boot b) {
        if (b.parseError()) kernelLog.add(ConfigAcs.CANT_PARSE);
        for (String e : b.errors()) kernelLog.add("pci " + f.address() + ": " + e);
    }

    /** The line {@code pci_enable_acs()} logs when a command-line option changed the port. */
    private void logWrite(PciFunction f, PciEnableAcs.Boot b, int firmware) {
        if (!b.commandLineApplied()) return;
        kernelLog.add("pci " + f.address() + ": " + (assumptions.profile().atLeast(6, 11)
                ? String.format("Configured ACS to %#06x", b.transform().apply(firmware)) : "disabled ACS redirect"));
    }

    /** What the command line did to the port, for the note. */
    private String commandLineWords(PciEnableAcs.Boot b, int firmware) {
        if (!b.commandLineApplied()) return "";
        KernelProfile p = assumptions.profile();
        int written = b.transform().apply(firmware);
        String log = p.atLeast(6, 11) ? "\"Configured ACS to " + String.format("%#06x", written) + "\""
                : "\"disabled ACS redirect\"";
        List<String> what = new ArrayList<>();
        if (b.redir()) {
            what.add(p.atLeast(6, 15) ? "pci=disable_acs_redir= writes the firmware value without RR|CR|EC (v6.15+)"
                    : p.atLeast(6, 11) ? "pci=disable_acs_redir= restores RR|CR|EC from firmware and writes every "
                            + "other bit as 1 (v6.11-v6.14)"
                            : "pci=disable_acs_redir= clears RR|CR|EC");
        }
        if (b.config()) {
            what.add(p.atLeast(6, 15) ? "pci=config_acs= writes its flags over the firmware value (v6.15+)"
                    : "pci=config_acs= takes its 0 bits from firmware and sets its 1 bits (v6.11-v6.14)");
        }
        return "; " + String.join(", then ", what) + ": written " + String.format("%#06x", written) + ", log " + log;
    }

    static String hex(int v) {
        return String.format("0x%04x", v);
    }
}
