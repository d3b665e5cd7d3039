package org.dmascope.app.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.dmascope.model.io.imports.Importer;
import org.dmascope.model.kernel.groups.AmdIdentityDomain;
import org.dmascope.model.kernel.platform.Assumption;
import org.dmascope.model.kernel.platform.AssumptionSource;
import org.dmascope.model.kernel.platform.PlatformAssumptions;
import org.dmascope.model.mapping.BufferSpec;
import org.dmascope.model.mapping.BufferSpecParser;
import org.dmascope.model.session.AcrossVersions;
import org.dmascope.model.session.KernelSession;
import org.dmascope.model.session.MapCall;
import org.dmascope.model.session.MapOutcome;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.Platform.IommuDriver;
import org.dmascope.model.topology.Topology;
import org.dmascope.views.mapping.MappingReport;

import picocli.CommandLine.Command;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dmascope map FILE… --initiator BDF --buffer SPEC}: what the kernel does when the initiator
 * maps the buffer. Exit 0 when the mapping succeeds, 1 when the kernel refuses it (the verdict says
 * why), 2 for unusable input.
 */
@Command(name = "map",
        customSynopsis = "dmascope map FILE... --initiator BDF --buffer SPEC [--format text|json|markdown] [options] "
                + "[platform options]",
        description = {"show how the kernel maps a buffer for a device (steps, IOVA, page tables, segments)",
                "--dma-mask, --max-seg, --seg-boundary and --min-align replace the device's DMA parameters; unknown "
                        + "ones use the "
                        + "kernel's PCI defaults (32-bit mask, 64 KiB segments, 4 GiB boundary). The platform "
                                + "options are facts for "
                        + "the topology rules (P2P map type, groups), as for 'dmascope p2p'."},
        modelTransformer = MapCommand.SpecGrammar.class,
        exitCodeList = {"0:mapped", "1:the kernel refuses (see verdict)", StandardOptions.UNUSABLE})
public final class MapCommand implements Callable<Integer> {
    private static final int DEFAULT_LIMIT = 1000;

    private final Streams streams;
    private final Importer importer;

    @Spec
    private CommandSpec spec;

    @Mixin
    private InputFiles files = new InputFiles();

    @Option(names = "--initiator", paramLabel = "BDF", required = true, converter = PciAddress.Converter.class,
            description = "the device that maps the buffer (DDDD:BB:DD.F, or BB:DD.F)")
    private PciAddress initiator;

    @Option(names = "--buffer", paramLabel = "SPEC", required = true, converter = ModelParsed.Buffer.class,
            description = "the buffer: host memory on a NUMA node, P2P memory in a BAR, or a BAR vfio-pci exports "
                    + "as a dma-buf (SPEC below)")
    private BufferSpec buffer;

    @Mixin
    private MapCallOptions mapOptions = new MapCallOptions();

    @Option(names = "--across-versions",
            description = "map under every kernel profile (each booted afresh, --kernel ignored) and list the "
                    + "profiles where the verdict, the segments or the error change, with the kernel change that "
                    + "did it")
    private boolean acrossVersions;

    @Option(names = "--cost",
            description = "also the cost per I/O of this buffer and device on each path (dma_map_sg, block request, "
                    + "two-step IOVA, premapped dma-buf): IOVA allocations, page-table entries, IOTLB invalidations, "
                    + "map/unmap calls, metadata bytes, NVMe PRP/SGL descriptors")
    private boolean cost;

    @Option(names = "--limit", paramLabel = "N", converter = WholeNumber.ListLength.class,
            description = "how many segments, page-table entries and inputs to list (default 1000; 32 segments "
                    + "in the Markdown report)")
    private Integer limit;

    @Option(names = "--format", paramLabel = "text|json|markdown", converter = Choices.MapFormat.class,
            completionCandidates = Choices.MapFormat.class,
            description = "text for people (default), json: one JSON object for scripts, markdown: a report for a "
                    + "bug or a mail (machine, platform facts and their sources, verdict, route, steps with rule "
                    + "ids, segments, assumptions, versions)")
    private OutputFormat format = OutputFormat.TEXT;

    @Mixin
    private PlatformOptions platform = new PlatformOptions();

    @Mixin
    private StandardOptions standard = new StandardOptions();

    MapCommand(Streams streams, Importer importer) {
        this.streams = streams;
        this.importer = importer;
    }

    /** The SPEC grammar of the buffer, in the usage text; from the parser, so it never disagrees with it. */
    static final class SpecGrammar implements IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec spec) {
            List<String> footer = new ArrayList<>();
            footer.add("%nSPEC, the buffer:");
            for (String alternative
                    : BufferSpecParser.GRAMMAR.split("\\s+or\\s+")) footer.addAll(wrapBeforeBrackets(alternative));
            footer.add("  e.g. host:node0:1MiB:scattered:seed=7   bar:0000:05:00.0:2:offset=0x2000:64KiB");
            footer.add("       dmabuf:03:00.0:bar1:64MiB:importer=rdma");
            footer.add("       sg:4KiB,512+0x200,4KiB   (the driver's own list: a short entry in the middle)");
            footer.add("       sg:64KiB,64KiB@05:00.0/bar2,64KiB   (host RAM, P2P memory, host RAM; --api sg)");
            spec.usageMessage().footer(footer.toArray(String[]::new));
            return spec;
        }

        /** The grammar has no spaces to wrap at: break before an optional item, indenting what follows. */
        private static List<String> wrapBeforeBrackets(String alternative) {
            List<String> lines = new ArrayList<>();
            StringBuilder line = new StringBuilder("  ");
            for (String item : alternative.split("(?=\\[)")) {
                if (line.length() + item.length() > 78 && !line.toString().isBlank()) {
                    lines.add(line.toString());
                    line = new StringBuilder("      ");
                }
                line.append(item);
            }
            lines.add(line.toString());
            return lines;
        }
    }

    @Override
    public Integer call() {
        Optional<Topology> loaded = files.load(streams.err(), importer);
        if (loaded.isEmpty()) return Cli.UNUSABLE;
        Topology t = loaded.get();
        PciFunction device = initiator.in(t, "initiator", spec.commandLine());
        if (acrossVersions) return acrossVersions(t, device);
        KernelSession session = KernelSession.boot(t, platform.overrides());
        PlatformOptions.warnings(session.assumptions(), streams.err());
        MapOutcome outcome = session.map(new MapCall(device.address(), buffer, mapOptions.options()));
        if (!outcome.hasMapping()) {
            streams.err().println("dmascope map: " + outcome.problem().orElseThrow());
            return Cli.UNUSABLE;
        }
        String reason = mapOptions.iommuMode().map(x -> "--iommu-mode " + x.cli())
                .orElse(outcome.iommuReason());
        List<Assumption<?>> assumed = assumed(session.assumptions(), t, device);
        if (format == OutputFormat.MARKDOWN) {
            streams.out().print(MappingReport.markdown(outcome, t, AppVersion.text(), limit == null
                    ? MappingReport.DEFAULT_SEGMENTS : limit));
        } else if (format == OutputFormat.JSON) {
            ObjectNode json = MapJson.of(outcome.mapping(), reason, limit == null ? DEFAULT_LIMIT : limit);
            json.set("assumptions", PlatformOptions.json(assumed));
            if (cost) json.set("costPerIo", CostOutput.json(session.costPerIo(outcome.mapping())));
            JsonOutput.print(json, streams.out());
        } else {
            MapText.print(outcome.mapping(), reason, limit == null ? DEFAULT_LIMIT : limit, streams.out());
            if (!assumed.isEmpty()) PlatformOptions.printText(assumed, streams.out());
            if (cost) CostOutput.text(session.costPerIo(outcome.mapping()), streams.out());
        }
        return outcome.mapping().verdict().isOk() ? Cli.OK : Cli.FAILED;
    }

    private int acrossVersions(Topology t, PciFunction device) {
        MapCall call = new MapCall(device.address(), buffer, mapOptions.options());
        AcrossVersions.Table table = AcrossVersions.of(t, platform.overrides(), call);
        int rows = limit == null ? DEFAULT_LIMIT : limit;
        if (format == OutputFormat.JSON) {
            ObjectNode json = AcrossVersionsOutput.json(table, rows);
            json.put("initiator", device.address().toString());
            json.put("buffer", buffer.spec());
            json.put("api", mapOptions.api().cli());
            JsonOutput.print(json, streams.out());
        } else {
            AcrossVersionsOutput.text(table, device.address() + " maps " + buffer.spec() + " with "
                    + mapOptions.api().kernelName()
                    + mapOptions.iommuMode().map(x -> ", IOMMU " + x.cli()).orElse(""), rows, streams.out());
        }
        return Cli.OK;
    }

    /**
     * Never a silent guess: the facts this mapping used that the input did not state (the RAM layout of a
     * host buffer, P2P memory offered "if a driver registered it", a CPU inferred for a P2P verdict).
     */
    private List<Assumption<?>> assumed(PlatformAssumptions a, Topology t, PciFunction device) {
        List<Assumption<?>> out = new ArrayList<>();
        boolean p2p = buffer.device().isPresent();
        if (!p2p && a.ramAssumption().source() != AssumptionSource.TOPOLOGY) out.add(a.ramAssumption());
        if (buffer instanceof BufferSpec.Bar bar
                && a.p2pCandidates().stream().anyMatch(c -> c.device().equals(bar.provider()))) {
            out.add(a.p2pMemoryAssumption());
        }
        if (p2p && a.cpuAssumption().source() != AssumptionSource.TOPOLOGY) out.add(a.cpuAssumption());
        // the AMD IOMMU's EFR and SNP state decide a PASID-capable device's domain (R-AMD-1); lspci shows neither
        if (mapOptions.iommuMode().isEmpty() && AmdIdentityDomain.forDevice(device, t, a).pasid()
                && a.iommu() == IommuDriver.AMD_VI) {
            if (a.amdEfrAssumption().source() != AssumptionSource.TOPOLOGY) out.add(a.amdEfrAssumption());
            if (a.amdSnpAssumption().source() != AssumptionSource.TOPOLOGY) out.add(a.amdSnpAssumption());
        }
        return out;
    }

    /** What the options say of the mapping; what they leave unset the kernel's rules decide. */
}
