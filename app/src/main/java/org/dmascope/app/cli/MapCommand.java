package org.dmascope.app.cli;

import java.io.PrintStream;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

import org.dmascope.model.kernel.TopologyRules;
import org.dmascope.model.kernel.platform.PlatformAssumptions;
import org.dmascope.model.kernel.platform.PlatformOverrides;
import org.dmascope.model.kernel.profile.KernelProfile;
import org.dmascope.model.mapping.BlockPath;
import org.dmascope.model.mapping.BufferSpec;
import org.dmascope.model.mapping.BufferSpecParser;
import org.dmascope.model.mapping.DmaState;
import org.dmascope.model.mapping.IommuMode;
import org.dmascope.model.mapping.MapApi;
import org.dmascope.model.mapping.MapRequest;
import org.dmascope.model.mapping.Mapping;
import org.dmascope.model.mapping.MappingEngine;
import org.dmascope.model.mapping.TopologyMappingRules;
import org.dmascope.model.topology.DmaParameters;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.Topology;
import org.dmascope.model.util.ByteSize;
import org.dmascope.model.util.Hex;

/**
 * {@code dmascope map FILE… --initiator BDF --buffer SPEC}: what the kernel does when the initiator
 * maps the buffer. Exit 0 when the mapping succeeds, 1 when the kernel refuses it (the verdict says
 * why), 2 for unusable input.
 */
public final class MapCommand implements Command {
    @Override
    public String name() {
        return "map";
    }

    @Override
    public String summary() {
        return "show how the kernel maps a buffer for a device (steps, IOVA, page tables, segments)";
    }

    @Override
    public String usage() {
        return "usage: dmascope map FILE... --initiator BDF --buffer SPEC [--api sg|phys|block|iova]\n"
                + "         [--iommu-mode dma|lazy|identity|off] [--domain NAME] [--dma-mask BITS] [--max-seg SIZE]\n"
                + "         [--seg-boundary MASK] [--min-align MASK] [--kernel " + String.join("|", KernelProfile.ids().split(", ")) + "]\n"
                + "         [--block-path auto|dma-iter|map-sg] [--limit N] [--format text|json]\n"
                + "         [--cpu V[:FAMILY]] [--iommu D] [--acs-requested yes|no] [--cmdline \"...\"]\n"
                + "\n"
                + "SPEC: " + BufferSpecParser.GRAMMAR + "\n"
                + "  e.g. host:node0:1MiB:scattered:seed=7   bar:0000:05:00.0:2:offset=0x2000:64KiB\n"
                + "--iommu-mode: the initiator's IOMMU default domain (dma = strict, lazy = DMA-FQ, identity = passthrough,\n"
                + "  off = no IOMMU); default: the kernel's default-domain rule (R-GRP-3) for the initiator's IOMMU group.\n"
                + "--domain: the IOMMU domain identity (devices of one IOMMU group share one); default: the initiator's\n"
                + "  IOMMU group as the kernel forms it (R-GRP-2).\n"
                + "--cpu/--iommu/--acs-requested/--cmdline: platform facts for the topology rules (P2P map type, groups),\n"
                + "  as for 'dmascope p2p'.\n"
                + "--dma-mask/--max-seg/--seg-boundary/--min-align replace the device's DMA parameters; unknown ones use the\n"
                + "  kernel's PCI defaults (32-bit mask, 64 KiB segments, 4 GiB boundary).\n"
                + "--limit: how many segments, page-table entries and inputs to list (default 1000).\n"
                + "Exit status: 0 mapped, 1 the kernel refuses (see verdict), 2 unusable input.\n";
    }

    @Override
    public Set<String> valuedOptions() {
        return Set.of("--initiator", "--buffer", "--api", "--iommu-mode", "--domain", "--dma-mask", "--max-seg", "--seg-boundary",
                "--min-align", "--kernel", "--block-path", "--limit", "--format", "--cpu", "--iommu", "--acs-requested", "--cmdline");
    }

    @Override
    public int run(CliArgs args, PrintStream out, PrintStream err) throws UsageException {
        CliArgs.OutputFormat format = args.format();
        String initiatorText = args.option("--initiator").orElseThrow(() -> new UsageException("--initiator BDF is required"));
        String specText = args.option("--buffer").orElseThrow(() -> new UsageException("--buffer SPEC is required"));
        BufferSpec spec;
        try {
            spec = BufferSpecParser.parse(specText);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        MapApi api = args.option("--api").map(a -> MapApi.parse(a).orElse(null)).orElse(MapApi.SG);
        if (api == null) throw new UsageException("--api must be sg, phys, block or iova");
        PlatformOverrides platform = PlatformOptions.overrides(args, false);
        BlockPath blockPath = BlockPath.AUTO;
        if (args.option("--block-path").isPresent()) {
            String b = args.option("--block-path").get();
            switch (b) {
                case "auto":
                    break;
                case "dma-iter":
                    blockPath = BlockPath.DMA_ITER;
                    break;
                case "map-sg":
                    blockPath = BlockPath.MAP_SG;
                    break;
                default:
                    throw new UsageException("--block-path must be auto, dma-iter or map-sg, not " + b);
            }
        }
        int limit = 1000;
        if (args.option("--limit").isPresent()) {
            try {
                limit = Integer.parseInt(args.option("--limit").get());
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 0) throw new UsageException("--limit must be a whole number of 0 or more");
        }
        DmaParameters overrides = dmaOverrides(args);
        Optional<IommuMode> mode = Optional.empty();
        if (args.option("--iommu-mode").isPresent()) {
            String m = args.option("--iommu-mode").get();
            mode = Optional.of(IommuMode.parse(m).orElseThrow(
                    () -> new UsageException("--iommu-mode must be dma, lazy, identity or off, not " + m)));
        }

        Optional<Topology> loaded = Inputs.load(args, err);
        if (loaded.isEmpty()) return Cli.UNUSABLE;
        Topology t = loaded.get();
        PciFunction initiator = Inputs.device(t, initiatorText, "initiator");
        TopologyMappingRules rules = new TopologyMappingRules(TopologyRules.of(t, PlatformAssumptions.resolve(t, platform)));
        IommuMode.Resolved resolved = mode.map(m -> new IommuMode.Resolved(m, "--iommu-mode " + m.cli()))
                .orElseGet(() -> rules.iommuMode(initiator));
        Optional<String> domain = args.option("--domain").or(() -> rules.domainId(initiator));
        MapRequest req = new MapRequest(t, initiator.address(), spec, api, resolved.mode(), domain, overrides, rules.profile(),
                blockPath, 0);
        Mapping m;
        try {
            m = new MappingEngine(rules).map(req, new DmaState());
        } catch (IllegalArgumentException e) {
            err.println("dmascope map: " + e.getMessage());
            return Cli.UNUSABLE;
        }
        if (format == CliArgs.OutputFormat.JSON) JsonOutput.print(MapJson.of(m, resolved.reason(), limit), out);
        else MapText.print(m, resolved.reason(), limit, out);
        return m.verdict().isOk() ? Cli.OK : Cli.FAILED;
    }

    private static DmaParameters dmaOverrides(CliArgs args) throws UsageException {
        OptionalInt bits = OptionalInt.empty();
        if (args.option("--dma-mask").isPresent()) {
            String v = args.option("--dma-mask").get();
            try {
                int b = Integer.parseInt(v);
                if (b < 1 || b > 64) throw new NumberFormatException();
                bits = OptionalInt.of(b);
            } catch (NumberFormatException e) {
                throw new UsageException("--dma-mask must be a bit count 1-64, not " + v);
            }
        }
        OptionalLong seg = size(args, "--max-seg");
        if (seg.isPresent() && (seg.getAsLong() <= 0 || seg.getAsLong() > 0xFFFF_FFFFL)) {
            throw new UsageException("--max-seg must be 1 to 0xffffffff bytes");
        }
        OptionalLong boundary = mask(args, "--seg-boundary");
        if (boundary.isPresent() && boundary.getAsLong() != -1L && Long.bitCount(boundary.getAsLong() + 1) != 1) {
            throw new UsageException("--seg-boundary must be a mask 2^n-1 such as 0xffffffff, not " + Hex.addr(boundary.getAsLong()));
        }
        OptionalLong align = mask(args, "--min-align");
        return new DmaParameters(bits, seg, boundary, align);
    }

    private static OptionalLong size(CliArgs args, String name) throws UsageException {
        Optional<String> v = args.option(name);
        if (v.isEmpty()) return OptionalLong.empty();
        try {
            return OptionalLong.of(ByteSize.parse(v.get()));
        } catch (NumberFormatException e) {
            throw new UsageException(name + " must be a size such as 65536, 0x10000 or 64KiB, not " + v.get());
        }
    }

    private static OptionalLong mask(CliArgs args, String name) throws UsageException {
        Optional<String> v = args.option(name);
        if (v.isEmpty()) return OptionalLong.empty();
        try {
            return OptionalLong.of(Hex.parse(v.get()));
        } catch (NumberFormatException e) {
            throw new UsageException(name + " must be a hex mask such as 0xffffffff, not " + v.get());
        }
    }
}
