package org.dmascope.app.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.dmascope.model.designs.DesignLab;
import org.dmascope.model.designs.DesignMapping;
import org.dmascope.model.designs.DesignReport;
import org.dmascope.model.io.imports.Importer;
import org.dmascope.model.mapping.BufferSpec;
import org.dmascope.model.session.KernelSession;
import org.dmascope.model.session.MapCall;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.Topology;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dmascope designs FILE… --initiator BDF --buffer SPEC}: the design lab. The kernel
 * maps the buffer as {@code dmascope map} does; each design of the P2P-without-struct-page threads is then
 * computed on that mapping. Several {@code --buffer} options make one buffer of several parts (host RAM
 * and P2P memory mixed), each mapped by the kernel for the initiator. Exit 0 when the figures are shown,
 * 2 for unusable input; a refusal by the kernel is one of the figures, not a failure.
 */
@Command(name = "designs",
        customSynopsis = "dmascope designs FILE... --initiator BDF --buffer SPEC [--buffer SPEC...] [options] "
                + "[platform options]",
        description = {"compare the designs of the P2P-without-struct-page threads (\"Removing struct page from "
                + "P2PDMA\" 2019, \"Phyr Starter\" 2022) with mainline on a buffer: what carries it into the DMA "
                + "API, what comes out, how the P2P provider is found, unreachable BAR memory, who maps, CPU access",
                "Repeat --buffer for a buffer mixing host RAM and P2P memory: the kernel maps each part for the "
                        + "initiator and the designs see them end to end."},
        modelTransformer = MapCommand.SpecGrammar.class,
        exitCodeList = {"0:shown", StandardOptions.UNUSABLE})
public final class DesignsCommand implements Callable<Integer> {
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
            description = "the buffer, or one part of it (repeat for host RAM and P2P memory in one transfer)")
    private List<BufferSpec> buffers = new ArrayList<>();

    @Mixin
    private MapCallOptions mapOptions = new MapCallOptions();

    @Option(names = "--entries", description = "also list each design's entries (text; JSON always has them)")
    private boolean entries;

    @Option(names = "--limit", paramLabel = "N", converter = WholeNumber.ListLength.class,
            description = "how many entries to list per design (default 1000)")
    private int limit = 1000;

    @Mixin
    private OutputOptions format = new OutputOptions();

    @Mixin
    private PlatformOptions platform = new PlatformOptions();

    @Mixin
    private StandardOptions standard = new StandardOptions();

    DesignsCommand(Streams streams, Importer importer) {
        this.streams = streams;
        this.importer = importer;
    }

    @Override
    public Integer call() {
        Optional<Topology> loaded = files.load(streams.err(), importer);
        if (loaded.isEmpty()) return Cli.UNUSABLE;
        Topology t = loaded.get();
        PciFunction device = initiator.in(t, "initiator", spec.commandLine());
        KernelSession session = KernelSession.boot(t, platform.overrides());
        PlatformOptions.warnings(session.assumptions(), streams.err());
        List<MapCall> calls = buffers.stream().map(b -> new MapCall(device.address(), b, mapOptions.options()))
                .toList();
        DesignMapping mapped = DesignMapping.map(session, calls);
        if (mapped.problem().isPresent()) {
            streams.err().println("dmascope designs: " + mapped.problem().get());
            return Cli.UNUSABLE;
        }
        DesignReport report = new DesignLab().evaluate(mapped.input().orElseThrow());
        if (format.json()) {
            JsonOutput.print(DesignsJson.of(report, limit), streams.out());
        } else {
            DesignsText.print(report, entries ? limit : 0, streams.out());
        }
        return Cli.OK;
    }

}
