package org.dmascope.model.kernel.acs;

import java.util.ArrayList;
import java.util.List;

import org.dmascope.model.kernel.platform.KernelCommandLine;
import org.dmascope.model.kernel.profile.KernelVersion;
import org.dmascope.model.topology.Acs;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.PciHierarchy;

/**
 * {@code pci_enable_acs()} (drivers/pci/pci.c, v6.19; kernel-dma-rules.md section 1.2) for one function
 * with an ACS capability, as one {@link AcsControlTransform} of the firmware value: when an IOMMU driver
 * requested ACS and no device-specific quirk handles the port, {@code pci_std_enable_acs()} sets the
 * implemented SV|RR|CR|UF, and TB for {@code pci=noats} or an external-facing/untrusted device (v5.8+;
 * not in v5.4.273); then {@code pci=disable_acs_redir=} (R-CMD-3) and {@code pci=config_acs=} (R-CMD-4)
 * apply to the devices they name, IOMMU or not; then one write.
 */
public final class PciEnableAcs {
    /**
     * One boot of one port.
     *
     * @param transform  what the boot writes, from the firmware value
     * @param redir      the {@code disable_acs_redir} list names the port
     * @param config     the {@code config_acs} list names the port
     * @param kernelBits the boot ran {@code pci_std_enable_acs()}
     * @param parseError a list walk met an entry it cannot parse
     * @param errors     {@code pci_err} messages the walks logged for this port
     */
    public record Boot(AcsControlTransform transform, boolean redir, boolean config, boolean kernelBits,
                       boolean parseError, List<String> errors) {
        public Boot {
            errors = List.copyOf(errors);
        }

        /** True when the command line changed the port's value. */
        public boolean commandLineApplied() {
            return redir || config;
        }
    }

    private PciEnableAcs() {
    }

    /**
     * @param cap        the ACS Capability register
     * @param requested  an IOMMU driver called {@code pci_request_acs()} before enumeration
     * @param specific   {@code pci_dev_specific_enable_acs()} handles the port (the standard register is not
     *                   written by the kernel-set step)
     * @param spt        an Intel Sunrise-Point-style root port (its quirk takes the command-line options)
     * @param untrusted  external-facing or untrusted ({@code pci_std_enable_acs()} adds TB)
     */
    public static Boot boot(PciFunction f, PciHierarchy h, int cap, boolean requested, boolean specific, boolean spt,
            boolean untrusted, KernelCommandLine line, KernelVersion profile) {
        AcsControlTransform t = AcsControlTransform.FIRMWARE;
        boolean kernelBits = requested && !specific;
        if (kernelBits) {
            t = t.set(cap & EffectiveAcs.STD_ENABLE_BITS);
            if (profile.atLeast(5, 8) && (line.atsDisabled() || untrusted)) t = t.set(cap & Acs.TB);
        }
        List<String> errors = new ArrayList<>();
        boolean parseError = false;
        boolean redir = false;
        boolean config = false;
        if (line.disableAcsRedir().isPresent()) {
            ConfigAcs.Step s = DisableAcsRedir.apply(t, f, h, line.disableAcsRedir().get(), spt, profile);
            t = s.after();
            redir = s.walk().matched();
            parseError = s.walk().parseError();
            if (!s.walk().message().isEmpty()) errors.add(s.walk().message());
        }
        if (line.configAcs().isPresent()) {
            ConfigAcs.Step s = ConfigAcs.apply(t, f, h, line.configAcs().get(), spt, profile);
            t = s.after();
            config = s.walk().matched();
            parseError |= s.walk().parseError();
            if (!s.walk().message().isEmpty()) errors.add(s.walk().message());
        }
        return new Boot(t, redir, config, kernelBits, parseError, errors);
    }
}
