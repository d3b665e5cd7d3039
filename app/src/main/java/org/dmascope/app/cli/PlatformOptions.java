package org.dmascope.app.cli;

import java.io.PrintStream;
import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.dmascope.model.kernel.platform.AmdEfr;
import org.dmascope.model.kernel.platform.Assumption;
import org.dmascope.model.kernel.platform.CpuIdentity;
import org.dmascope.model.kernel.platform.PlatformAssumptions;
import org.dmascope.model.kernel.platform.PlatformOverrides;
import org.dmascope.model.kernel.profile.KernelProfile;
import org.dmascope.model.topology.Platform.IommuDriver;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * The platform options of every command ({@code --kernel}, {@code --cpu}, {@code --iommu},
 * {@code --acs-requested}, {@code --cmdline}, {@code --c-bit}, {@code --amd-efr}, {@code --amd-snp}), a mixin
 * listed under one heading of the usage text, and
 * how the assumptions they lead to are printed. {@code --iommu-mode} means something different to
 * {@code map} (one device) than to the topology commands (the platform): see {@link TopologyPlatformOptions}.
 */
final class PlatformOptions {
    static final String HEADING = "%nplatform options (each overrides the topology file; unset facts use a stated "
            + "default):%n";

    @ArgGroup(validate = false, heading = HEADING, order = 1)
    private Facts facts = new Facts();

    PlatformOverrides overrides() {
        return facts.overrides();
    }

    /** The options themselves: an argument group, so that the usage text lists them under their heading. */
    static class Facts {
        @Option(names = "--kernel", paramLabel = "P", converter = Choices.Kernel.class,
                completionCandidates = Choices.Kernel.class,
                description = "kernel profile: ${COMPLETION-CANDIDATES} (default mainline; mainline is the newest "
                        + "profile, now 7.4)")
        private KernelProfile kernel;

        @Option(names = "--cpu", paramLabel = "V[:FAMILY]", converter = ModelParsed.Cpu.class,
                description = "CPU 0, e.g. intel, amd:0x19, hygon:0x18")
        private CpuIdentity cpu;

        @Option(names = "--iommu", paramLabel = "D", converter = Choices.Iommu.class,
                completionCandidates = Choices.Iommu.class,
                description = "the IOMMU: ${COMPLETION-CANDIDATES}")
        private IommuDriver iommu;

        @Option(names = "--acs-requested", paramLabel = "yes|no", converter = Choices.YesNo.class,
                completionCandidates = Choices.YesNo.class,
                description = "what-if: yes applies the ACS bits the kernel sets when the IOMMU driver requests ACS "
                        + "(SV|RR|CR|UF as implemented) on top of the input")
        private Choices.Answer acsRequested;

        @Option(names = "--cmdline", paramLabel = "\"...\"",
                description = "kernel command line, read as the profile's kernel reads it and replacing the "
                        + "topology's: pci=disable_acs_redir=, pci=config_acs=, iommu=pt|nopt|off|soft, "
                        + "intel_iommu=on|off|strict|sm_on|sm_off|forcedac, amd_iommu=off|fullflush|pgtbl_v2, "
                        + "iommu.passthrough=, iommu.strict=, iommu.forcedac=, swiotlb=N[,A][,force|noforce], "
                        + "mem_encrypt=on; other parameters are listed as not modelled")
        private String commandLine;

        @Option(names = "--c-bit", paramLabel = "N", converter = ModelParsed.CBit.class,
                description = "SME C-bit position (CPUID 0x8000001F EBX[5:0]; default 47), used with mem_encrypt=on")
        private Integer cBit;

        @Option(names = "--amd-efr", paramLabel = "EFR", converter = ModelParsed.Efr.class,
                description = "the AMD IOMMU's Extended Feature Register, which lspci cannot show: hex as dmesg's "
                        + "\"AMD-Vi: Extended features (0x...)\" prints it, or features such as gt,ppr,giosup,ephsup, "
                        + "or none (default: assumed gt,ppr,giosup,ephsup); decides the identity domain of "
                        + "PASID-capable devices")
        private AmdEfr amdEfr;

        @Option(names = "--amd-snp", paramLabel = "yes|no", converter = Choices.YesNo.class,
                completionCandidates = Choices.YesNo.class,
                description = "SEV-SNP enabled on the host for the AMD IOMMU (default: assumed no); from 6.3 it "
                        + "denies PASID-capable devices an identity domain")
        private Choices.Answer amdSnp;

        PlatformOverrides overrides() {
            PlatformOverrides o = PlatformOverrides.NONE;
            if (kernel != null) o = o.withProfile(kernel);
            if (cpu != null) o = o.withCpu(cpu);
            if (iommu != null) o = o.withIommu(iommu);
            if (acsRequested != null) o = o.withAcsRequested(acsRequested == Choices.Answer.YES);
            if (commandLine != null) o = o.withCommandLine(commandLine);
            if (cBit != null) o = o.withCBit(cBit);
            if (amdEfr != null) o = o.withAmdEfr(amdEfr);
            if (amdSnp != null) o = o.withAmdSnp(amdSnp == Choices.Answer.YES);
            return o;
        }
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

    /**
     * What the kernel refuses or ignores on the command line (warnings) and what dmascope does not model
     * (a note), to stderr.
     */
    static void warnings(PlatformAssumptions a, PrintStream err) {
        for (String p : a.commandLine().problems()) err.println("warning: kernel command line: " + p);
        String unmodelled = a.commandLine().notModelledSummary();
        if (!unmodelled.isEmpty()) err.println("note: kernel command line: " + unmodelled);
    }
}
