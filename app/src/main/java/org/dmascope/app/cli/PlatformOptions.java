package org.dmascope.app.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.dmascope.model.kernel.platform.Assumption;
import org.dmascope.model.kernel.platform.CpuIdentity;
import org.dmascope.model.kernel.platform.DefaultDomainChoice;
import org.dmascope.model.kernel.platform.PlatformAssumptions;
import org.dmascope.model.kernel.platform.PlatformOverrides;
import org.dmascope.model.kernel.profile.KernelProfile;
import org.dmascope.model.topology.Platform.IommuDriver;
import org.dmascope.model.topology.Topology;

/**
 * The platform options every topology-decision command takes ({@code --kernel}, {@code --cpu},
 * {@code --iommu}, {@code --iommu-mode}, {@code --acs-requested}, {@code --cmdline}) and how the
 * assumptions they lead to are printed.
 */
final class PlatformOptions {
    static final Set<String> VALUED = Set.of("--kernel", "--cpu", "--iommu", "--iommu-mode", "--acs-requested", "--cmdline");

    static final String USAGE = ""
            + "platform options (each overrides the topology file; unset facts use a stated default):\n"
            + "  --kernel P            kernel profile: " + KernelProfile.ids() + " (default mainline)\n"
            + "  --cpu V[:FAMILY]      CPU 0, e.g. intel, amd:0x19, hygon:0x18\n"
            + "  --iommu D             none, vtd, amdvi, smmuv3\n"
            + "  --iommu-mode M        dma (strict), lazy (DMA-FQ), identity (pass-through)\n"
            + "  --acs-requested yes|no  what-if: yes applies the ACS bits the kernel sets when the IOMMU\n"
            + "                        driver requests ACS (SV|RR|CR|UF as implemented) on top of the input\n"
            + "  --cmdline \"...\"       kernel command line (iommu.passthrough=, iommu.strict=, iommu=pt,\n"
            + "                        pci=disable_acs_redir=...), replacing the topology's\n";

    private PlatformOptions() {
    }

    static PlatformAssumptions resolve(CliArgs args, Topology t) throws UsageException {
        return PlatformAssumptions.resolve(t, overrides(args));
    }

    static PlatformOverrides overrides(CliArgs args) throws UsageException {
        return overrides(args, true);
    }

    /**
     * @param readIommuMode false for commands whose {@code --iommu-mode} means something of their own
     *                      ({@code map} also accepts {@code off} and applies it to one device)
     */
    static PlatformOverrides overrides(CliArgs args, boolean readIommuMode) throws UsageException {
        PlatformOverrides o = PlatformOverrides.NONE;
        Optional<String> kernel = args.option("--kernel");
        if (kernel.isPresent()) {
            o = o.withProfile(KernelProfile.byId(kernel.get()).orElseThrow(() ->
                    new UsageException("--kernel must be one of " + KernelProfile.ids() + ", not " + kernel.get())));
        }
        Optional<String> cpu = args.option("--cpu");
        if (cpu.isPresent()) {
            try {
                o = o.withCpu(CpuIdentity.parse(cpu.get()));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--cpu: " + e.getMessage());
            }
        }
        Optional<String> iommu = args.option("--iommu");
        if (iommu.isPresent()) o = o.withIommu(iommu(iommu.get()));
        Optional<String> mode = readIommuMode ? args.option("--iommu-mode") : Optional.empty();
        if (mode.isPresent()) {
            o = o.withIommuMode(DefaultDomainChoice.byId(mode.get()).orElseThrow(() ->
                    new UsageException("--iommu-mode must be dma, lazy or identity, not " + mode.get())));
        }
        Optional<String> acs = args.option("--acs-requested");
        if (acs.isPresent()) {
            String v = acs.get().toLowerCase(Locale.ROOT);
            if (!v.equals("yes") && !v.equals("no")) throw new UsageException("--acs-requested must be yes or no, not " + acs.get());
            o = o.withAcsRequested(v.equals("yes"));
        }
        Optional<String> cmdline = args.option("--cmdline");
        if (cmdline.isPresent()) o = o.withCommandLine(cmdline.get());
        return o;
    }

    private static IommuDriver iommu(String s) throws UsageException {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "none", "off" -> IommuDriver.NONE;
            case "vtd", "intel", "dmar" -> IommuDriver.INTEL_VTD;
            case "amdvi", "amd-vi", "amd" -> IommuDriver.AMD_VI;
            case "smmuv3", "smmu" -> IommuDriver.ARM_SMMU_V3;
            default -> throw new UsageException("--iommu must be none, vtd, amdvi or smmuv3, not " + s);
        };
    }

    /** {@code [{"name", "value", "source", "detail"}]}. */
    static ArrayNode json(List<Assumption<?>> list) {
        ArrayNode a = JsonOutput.object().arrayNode();
        for (Assumption<?> x : list) {
            ObjectNode n = a.addObject();
            n.put("name", x.name());
            n.put("value", x.shown());
            n.put("source", x.source().words());
            n.put("detail", x.detail());
        }
        return a;
    }

    static void printText(List<Assumption<?>> list, PrintStream out) {
        out.println("assumptions:");
        for (Assumption<?> x : list) {
            out.printf("  %-17s %s  [%s] %s%n", x.name(), x.shown(), x.source().words(), x.detail());
        }
    }

    /** Problems the command line parser found, to stderr. */
    static void warnings(PlatformAssumptions a, PrintStream err) {
        for (String p : a.commandLine().problems()) err.println("warning: kernel command line: " + p);
    }
}
