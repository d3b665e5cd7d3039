package org.dmascope.app.cli;

import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.dmascope.model.io.AtomicFiles;
import org.dmascope.model.io.imports.Importer;
import org.dmascope.model.kernel.TopologyRules;
import org.dmascope.model.kernel.matrix.P2pMatrix;
import org.dmascope.model.kernel.p2p.P2pVerdict;
import org.dmascope.model.mapping.BufferSpec;
import org.dmascope.model.mapping.MapApi;
import org.dmascope.model.mapping.Mapping;
import org.dmascope.model.session.KernelSession;
import org.dmascope.model.session.MapCall;
import org.dmascope.model.session.MapOptions;
import org.dmascope.model.session.MapOutcome;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.Topology;
import org.dmascope.views.export.Picture;
import org.dmascope.views.export.PictureFormat;
import org.dmascope.views.export.PictureOptions;
import org.dmascope.views.export.Sheet;
import org.dmascope.views.export.SheetPicture;
import org.dmascope.views.export.TopologyPicture;
import org.dmascope.views.mapping.RouteStops;
import org.dmascope.views.matrix.MatrixSheet;
import org.dmascope.views.pagewalk.PageWalkSheet;
import org.dmascope.views.scatterlist.ScatterListSheet;
import org.dmascope.views.topology.CanvasRoute;
import org.dmascope.views.topology.GroupColouring;
import org.dmascope.views.topology.LayoutResult;
import org.dmascope.views.topology.TopologyItem;
import org.dmascope.views.topology.TopologyLayout;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code dmascope draw FILE… -o OUT.svg|png|pdf}: the topology as the window's canvas draws it, from
 * the same layout, without a window (like {@code lstopo out.svg}); with {@code --groups} the IOMMU
 * group colours, with {@code --route} or {@code --initiator/--buffer} the route the kernel's decision
 * gives, numbered stop by stop. The route comes from the model (the P2P verdict or the mapping); the
 * picture only draws it.
 */
@Command(name = "draw",
        customSynopsis = {"dmascope draw FILE... -o OUT.svg|png|pdf [--groups] [--route PROVIDER,CLIENT | "
                + "--initiator BDF --buffer SPEC] [--select BDF] [--scale S] [platform options]",
            "dmascope draw FILE... -o OUT --what matrix [--scale S] [platform options]",
            "dmascope draw FILE... -o OUT --what scatterlist|pagewalk --initiator BDF --buffer SPEC "
                    + "[--segment N] [--page K] [--rows N] [--scale S]"},
        description = {"draw the topology as the window does, to an SVG, PNG or PDF file",
                "The format comes from OUT's extension. SVG and PDF keep the text as text (searchable, "
                        + "selectable); a PNG is drawn at --scale pixels per canvas pixel (default 2), smaller "
                        + "when it would pass 40 megapixels. The file is written atomically: a failed draw "
                        + "leaves no partial file.",
                "--what picks the picture: the topology (default), the P2P matrix, or the scatter list or page "
                        + "walk of the initiator's mapping of the buffer, as the window's tabs show them."},
        exitCodeList = {"0:the picture was written", StandardOptions.UNUSABLE})
final class DrawCommand implements Callable<Integer> {
    static final double DEFAULT_SCALE = 2;

    private final Streams streams;
    private final Importer importer;

    @Spec
    private CommandSpec spec;

    @Mixin
    private InputFiles files = new InputFiles();

    @Option(names = {"-o", "--output"}, paramLabel = "OUT", required = true,
            description = "the picture to write: a name ending in .svg, .png or .pdf")
    private String output;

    @Option(names = "--groups", arity = "0", description = "colour the functions by IOMMU group, as View > Colour "
            + "by IOMMU Group does")
    private boolean groups;

    @Option(names = "--route", paramLabel = "PROVIDER,CLIENT", split = ",", converter = PciAddress.Converter.class,
            description = "draw the route of CLIENT's DMA to PROVIDER's memory (as 'dmascope p2p' finds it)")
    private List<PciAddress> route = new ArrayList<>();

    @Option(names = "--initiator", paramLabel = "BDF", converter = PciAddress.Converter.class,
            description = "with --buffer: draw the route of this device's mapping (as 'dmascope map' makes it)")
    private PciAddress initiator;

    @Option(names = "--buffer", paramLabel = "SPEC", converter = ModelParsed.Buffer.class,
            description = "the buffer the initiator maps (SPEC as for 'dmascope map')")
    private BufferSpec buffer;

    @Option(names = "--api", paramLabel = "sg|phys|block|iova", converter = Choices.Api.class,
            completionCandidates = Choices.Api.class, description = "with --initiator: the DMA API (default sg)")
    private MapApi api = MapApi.SG;

    @Option(names = "--select", paramLabel = "BDF", converter = PciAddress.Converter.class,
            description = "ring this device as the window rings the selection")
    private PciAddress select;

    @Option(names = "--what", paramLabel = "topology|matrix|scatterlist|pagewalk",
            completionCandidates = WhatCandidates.class,
            description = "what to draw: the topology (default), the P2P matrix, the mapping's scatter list or the "
                    + "page walk of one of its segments")
    private String what = TOPOLOGY;

    @Option(names = "--segment", paramLabel = "N", description = "with --what pagewalk: the DMA segment (default 0)")
    private int segment;

    @Option(names = "--page", paramLabel = "K", description = "with --what pagewalk: the segment's page (or entry) to "
            + "walk, from 0 (default 0)")
    private int page;

    @Option(names = "--rows", paramLabel = "N", description = "with --what scatterlist: the rows drawn (default "
            + ScatterListSheet.DEFAULT_ROWS + ")")
    private int rows = ScatterListSheet.DEFAULT_ROWS;

    @Option(names = "--scale", paramLabel = "S", description = "PNG pixels per canvas pixel, 0.25 to 8 (default 2)")
    private double scale = DEFAULT_SCALE;

    @Mixin
    private TopologyPlatformOptions platform = new TopologyPlatformOptions();

    @Mixin
    private StandardOptions standard = new StandardOptions();

    static final String TOPOLOGY = "topology";
    static final String MATRIX = "matrix";
    static final String SCATTERLIST = "scatterlist";
    static final String PAGEWALK = "pagewalk";

    /** The values of --what, for shell completion. */
    static final class WhatCandidates extends ArrayList<String> {
        WhatCandidates() {
            super(List.of(TOPOLOGY, MATRIX, SCATTERLIST, PAGEWALK));
        }
    }

    DrawCommand(Streams streams, Importer importer) {
        this.streams = streams;
        this.importer = importer;
    }

    @Override
    public Integer call() {
        PictureFormat format = PictureFormat.ofFileName(output).orElseThrow(() -> new ParameterException(
                spec.commandLine(), "-o " + output + ": the picture's format comes from its extension: .svg, .png "
                        + "or .pdf"));
        checkUsage();
        Path target;
        try {
            target = Path.of(output);
        } catch (InvalidPathException e) {
            streams.err().println("dmascope draw: cannot save " + output + ": not a valid file name (" + e.getReason()
                    + ")");
            return Cli.UNUSABLE;
        }
        Optional<Topology> loaded = files.load(streams.err(), importer);
        if (loaded.isEmpty()) return Cli.UNUSABLE;
        Topology t = loaded.get();
        if (!what.equals(TOPOLOGY)) return drawSheet(format, target, t);
        PictureOptions options = PictureOptions.PLAIN;
        TopologyRules rules = null;
        if (groups || route.size() == 2) {
            rules = TopologyRules.of(t, platform.resolve(t));
            PlatformOptions.warnings(rules.assumptions(), streams.err());
        }
        if (groups) options = options.withGroups(GroupColouring.of(rules));
        String routeWords = "";
        if (route.size() == 2) {
            PciFunction provider = route.get(0).in(t, "provider", spec.commandLine());
            PciFunction client = route.get(1).in(t, "client", spec.commandLine());
            P2pVerdict v = rules.p2p(provider.address(), client.address());
            options = options.withRoute(RouteStops.ofP2p(rules.route(v), v.mapType()));
            routeWords = ", the route of " + client.address() + " to " + provider.address() + " (" + v.mapType() + ")";
        } else if (initiator != null) {
            MapOutcome outcome = map(t);
            if (!outcome.hasMapping()) {
                streams.err().println("dmascope draw: " + outcome.problem().orElseThrow());
                return Cli.UNUSABLE;
            }
            CanvasRoute r = RouteStops.of(outcome.mapping());
            if (r != null) {
                options = options.withRoute(r);
                routeWords = ", the route of " + initiator.text() + "'s mapping of " + buffer.spec();
            } else {
                streams.err().println("dmascope draw: the mapping has no route to draw (nothing of it crosses the "
                        + "PCIe fabric); drawing the machine alone");
            }
        }
        if (select != null) {
            options = options.withSelection(TopologyItem.device(select.in(t, "--select", spec.commandLine())
                    .address()));
        }
        LayoutResult layout = TopologyLayout.compute(t);
        TopologyPicture picture = TopologyPicture.of(t, layout, options);
        return write(picture, format, target, t.functions().size() + " PCI functions" + (groups
                ? ", coloured by IOMMU group" : "") + routeWords + ".");
    }

    /** The matrix, the scatter list or the page walk. */
    private Integer drawSheet(PictureFormat format, Path target, Topology t) {
        Sheet sheet;
        String said;
        if (what.equals(MATRIX)) {
            TopologyRules rules = TopologyRules.of(t, platform.resolve(t));
            PlatformOptions.warnings(rules.assumptions(), streams.err());
            P2pMatrix m = rules.matrix();
            sheet = MatrixSheet.of(m, rules);
            said = "the P2P matrix of " + m.size() + " DMA endpoints.";
        } else {
            MapOutcome outcome = map(t);
            if (!outcome.hasMapping()) {
                streams.err().println("dmascope draw: " + outcome.problem().orElseThrow());
                return Cli.UNUSABLE;
            }
            Mapping m = outcome.mapping();
            if (what.equals(SCATTERLIST)) {
                sheet = ScatterListSheet.of(m, rows);
                said = "the scatter list of " + initiator.text() + "'s mapping of " + buffer.spec() + " ("
                        + Math.min(rows, m.inputs().count()) + " of " + m.inputs().count() + " entries).";
            } else {
                try {
                    sheet = PageWalkSheet.of(m, segment, page);
                } catch (IllegalArgumentException e) {
                    streams.err().println("dmascope draw: --segment " + segment + ": " + e.getMessage());
                    return Cli.UNUSABLE;
                }
                said = "the page walk of segment " + segment + " of " + initiator.text() + "'s mapping of "
                        + buffer.spec() + ".";
            }
        }
        return write(SheetPicture.of(sheet), format, target, said);
    }

    private Integer write(Picture picture, PictureFormat format, Path target, String said) {
        double pngScale = picture.pngScale(scale);
        try {
            AtomicFiles.write(target, out -> picture.write(format, scale, out));
        } catch (IOException e) {
            streams.err().println("dmascope draw: " + e.getMessage());
            return Cli.UNUSABLE;
        }
        String size = format == PictureFormat.PNG
                ? String.format(Locale.ROOT, "%d x %d pixels", (long) Math.ceil(picture.width() * pngScale),
                        (long) Math.ceil(picture.height() * pngScale))
                : String.format(Locale.ROOT, "%.0f x %.0f", picture.width(), picture.height());
        if (format == PictureFormat.PNG && pngScale < scale) {
            streams.err().println(String.format(Locale.ROOT, "dmascope draw: drawn at scale %.2f instead of %s to "
                    + "stay within %.0f megapixels", pngScale, scale, Picture.MAX_PNG_PIXELS / 1e6));
        }
        streams.out().println("Wrote " + output + " (" + format + ", " + size + "): " + said);
        return Cli.OK;
    }

    private void checkUsage() {
        if (!List.of(TOPOLOGY, MATRIX, SCATTERLIST, PAGEWALK).contains(what)) {
            throw new ParameterException(spec.commandLine(), "--what " + what + ": draw topology, matrix, scatterlist "
                    + "or pagewalk");
        }
        if (!what.equals(TOPOLOGY) && (groups || !route.isEmpty() || select != null)) {
            throw new ParameterException(spec.commandLine(), "--groups, --route and --select draw on the topology, "
                    + "not on --what " + what);
        }
        if ((what.equals(SCATTERLIST) || what.equals(PAGEWALK)) && initiator == null) {
            throw new ParameterException(spec.commandLine(), "--what " + what + " draws a mapping: give --initiator "
                    + "and --buffer");
        }
        if (what.equals(MATRIX) && initiator != null) {
            throw new ParameterException(spec.commandLine(), "--what matrix draws every pair: --initiator and "
                    + "--buffer do not apply");
        }
        if (segment < 0 || page < 0) {
            throw new ParameterException(spec.commandLine(), "--segment and --page count from 0");
        }
        if (rows < 1) throw new ParameterException(spec.commandLine(), "--rows " + rows + ": at least 1");
        if (!(scale >= 0.25 && scale <= 8)) {
            throw new ParameterException(spec.commandLine(), "--scale " + scale + " is not between 0.25 and 8");
        }
        if (!route.isEmpty() && route.size() != 2) {
            throw new ParameterException(spec.commandLine(), "--route takes two devices, PROVIDER,CLIENT");
        }
        if (!route.isEmpty() && (initiator != null || buffer != null)) {
            throw new ParameterException(spec.commandLine(), "--route draws a P2P pair's route, --initiator and "
                    + "--buffer a mapping's: give one or the other");
        }
        if ((initiator == null) != (buffer == null)) {
            throw new ParameterException(spec.commandLine(), "--initiator and --buffer go together: the route of "
                    + "the initiator's mapping of the buffer");
        }
    }

    /** The initiator's mapping of the buffer, as 'dmascope map' makes it. */
    private MapOutcome map(Topology t) {
        PciFunction device = initiator.in(t, "initiator", spec.commandLine());
        KernelSession session = KernelSession.boot(t, platform.overrides());
        PlatformOptions.warnings(session.assumptions(), streams.err());
        return session.map(new MapCall(device.address(), buffer, MapOptions.DEFAULTS.withApi(api)));
    }
}
