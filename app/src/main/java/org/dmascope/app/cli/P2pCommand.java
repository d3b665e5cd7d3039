package org.dmascope.app.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.dmascope.model.io.imports.Importer;
import org.dmascope.model.kernel.TopologyRules;
import org.dmascope.model.kernel.doctor.Diagnosis;
import org.dmascope.model.kernel.doctor.Doctor;
import org.dmascope.model.kernel.p2p.P2pClient;
import org.dmascope.model.kernel.p2p.P2pDistanceMany;
import org.dmascope.model.kernel.p2p.P2pMapType;
import org.dmascope.model.kernel.p2p.P2pVerdict;
import org.dmascope.model.kernel.p2p.P2pmemFinder;
import org.dmascope.model.kernel.p2p.RandomSource;
import org.dmascope.model.kernel.p2p.RedirectPort;
import org.dmascope.model.kernel.route.HopDecision;
import org.dmascope.model.kernel.route.RouteHop;
import org.dmascope.model.kernel.route.TlpRoute;
import org.dmascope.model.topology.Acs;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.Topology;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code dmascope p2p FILE… --provider BDF --client BDF}: the kernel's P2PDMA map type and distance
 * for the client's DMA to the provider's memory, why, and the route the TLPs take.
 */
@Command(name = "p2p",
        customSynopsis = {"dmascope p2p FILE... --provider BDF --client BDF [--format text|json] [platform options]",
            "dmascope p2p FILE... --provider BDF --clients BDF,BDF... [options]",
            "dmascope p2p FILE... --find-provider BDF,BDF... [--seed N] [options]"},
        description = {"P2PDMA map type, distance and route for a provider/client pair",
                "Explains whether CLIENT can DMA to PROVIDER's memory (calc_map_type_and_dist): BUS_ADDR inside the "
                        + "PCIe fabric, "
                        + "THRU_HOST_BRIDGE through the root complex, or NOT_SUPPORTED; with the route hop by hop. The "
                        + "distance is pci_p2pdma_distance(): -1 for NOT_SUPPORTED.",
                "--clients asks pci_p2pdma_distance_many(provider, clients): the sum of the distances, -1 when any "
                        + "client cannot reach the provider. --find-provider asks pci_p2pmem_find_many(clients): "
                        + "of the devices that published P2P memory, the one closest to all clients (a tie is "
                        + "broken at random, --seed)."},
        exitCodeList = {"0:BUS_ADDR or THRU_HOST_BRIDGE (every client; a provider found)",
            "1:NOT_SUPPORTED (for a client; no provider found)", StandardOptions.UNUSABLE})
final class P2pCommand implements Callable<Integer> {
    private final Streams streams;
    private final Importer importer;

    @Spec
    private CommandSpec spec;

    @Mixin
    private InputFiles files = new InputFiles();

    @Option(names = "--provider", paramLabel = "BDF", converter = PciAddress.Converter.class,
            description = "the device whose memory is the target (DDDD:BB:DD.F, or BB:DD.F)")
    private PciAddress provider;

    @Option(names = "--client", paramLabel = "BDF", converter = PciAddress.Converter.class,
            description = "the device that does the DMA")
    private PciAddress client;

    @Option(names = "--clients", paramLabel = "BDF,BDF...", split = ",", converter = PciAddress.Converter.class,
            description = "several clients of --provider's memory: pci_p2pdma_distance_many()")
    private List<PciAddress> clients = new ArrayList<>();

    @Option(names = "--find-provider", paramLabel = "BDF,BDF...", split = ",",
            converter = PciAddress.Converter.class,
            description = "find the P2P memory provider for these clients: pci_p2pmem_find_many()")
    private List<PciAddress> findFor = new ArrayList<>();

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
            description = "seed of the random pick among tied providers (--find-provider; default 1)")
    private long seed;

    @Mixin
    private OutputOptions format = new OutputOptions();

    @Mixin
    private TopologyPlatformOptions platform = new TopologyPlatformOptions();

    @Mixin
    private StandardOptions standard = new StandardOptions();

    P2pCommand(Streams streams, Importer importer) {
        this.streams = streams;
        this.importer = importer;
    }

    @Override
    public Integer call() {
        PrintStream out = streams.out();
        Optional<Topology> loaded = files.load(streams.err(), importer);
        if (loaded.isEmpty()) return Cli.UNUSABLE;
        Topology t = loaded.get();
        int forms = (client != null ? 1 : 0) + (clients.isEmpty() ? 0 : 1) + (findFor.isEmpty() ? 0 : 1);
        if (forms != 1) {
            throw new ParameterException(spec.commandLine(), "give one of --client, --clients or --find-provider");
        }
        if (findFor.isEmpty() == (provider == null)) {
            throw new ParameterException(spec.commandLine(), findFor.isEmpty()
                    ? "--provider BDF is required with --client or --clients"
                    : "--find-provider finds the provider: drop --provider");
        }
        if (!findFor.isEmpty()) return findProvider(t, out);
        if (!clients.isEmpty()) return distanceMany(t, out);
        PciFunction providerFunction = provider.in(t, "provider", spec.commandLine());
        PciFunction clientFunction = client.in(t, "client", spec.commandLine());
        TopologyRules rules = TopologyRules.of(t, platform.resolve(t));
        PlatformOptions.warnings(rules.assumptions(), streams.err());
        P2pVerdict v = rules.p2p(providerFunction.address(), clientFunction.address());
        TlpRoute route = rules.route(v);
        if (format.json()) {
            JsonOutput.print(json(rules, v, route), out);
        } else {
            text(t, rules, v, route, out);
        }
        return v.mapType() == P2pMapType.NOT_SUPPORTED ? Cli.FAILED : Cli.OK;
    }

    private List<P2pClient> clientsIn(Topology t, List<PciAddress> given, String what) {
        List<P2pClient> out = new ArrayList<>();
        for (PciAddress a : given) out.add(P2pClient.pci(a.in(t, what, spec.commandLine()).address()));
        return out;
    }

    /** {@code pci_p2pdma_distance_many(provider, clients, num_clients, true)} (R-P2P-6). */
    private int distanceMany(Topology t, PrintStream out) {
        PciFunction p = provider.in(t, "provider", spec.commandLine());
        List<P2pClient> cs = clientsIn(t, clients, "client");
        TopologyRules rules = TopologyRules.of(t, platform.resolve(t));
        PlatformOptions.warnings(rules.assumptions(), streams.err());
        P2pDistanceMany.Result r = rules.distanceMany(p.address(), cs, true);
        if (format.json()) {
            ObjectNode root = JsonOutput.object();
            root.put("provider", p.address().toString());
            root.put("distance", r.distance());
            root.put("kernel", rules.assumptions().profile().id());
            root.put("reason", r.reason());
            ArrayNode pairs = root.putArray("clients");
            for (P2pVerdict v : r.pairs()) {
                ObjectNode n = pairs.addObject();
                n.put("client", v.client().toString());
                n.put("mapType", v.mapType().name());
                n.put("distance", v.mapType() == P2pMapType.NOT_SUPPORTED ? -1 : v.distance());
                n.put("reason", v.reason());
            }
            JsonOutput.print(root, out);
        } else {
            out.println("pci_p2pdma_distance_many = " + r.distance() + "  (provider " + label(t, p.address())
                    + ", " + cs.size() + " clients, " + rules.assumptions().profile().label() + ")");
            out.println();
            out.println(r.reason());
            out.println();
            for (P2pVerdict v : r.pairs()) {
                out.printf("  %-14s %-17s distance %3d  %s%n", v.client(), v.mapType(),
                        v.mapType() == P2pMapType.NOT_SUPPORTED ? -1 : v.distance(), label(t, v.client()));
            }
        }
        return r.distance() < 0 ? Cli.FAILED : Cli.OK;
    }

    /** {@code pci_p2pmem_find_many(clients, num_clients)} (R-P2P-7). */
    private int findProvider(Topology t, PrintStream out) {
        List<P2pClient> cs = clientsIn(t, findFor, "client");
        TopologyRules rules = TopologyRules.of(t, platform.resolve(t));
        PlatformOptions.warnings(rules.assumptions(), streams.err());
        P2pmemFinder.Result r = rules.findP2pmem(cs, RandomSource.seeded(seed));
        if (format.json()) {
            ObjectNode root = JsonOutput.object();
            if (r.chosen().isPresent()) root.put("provider", r.chosen().get().toString());
            else root.putNull("provider");
            root.put("kernel", rules.assumptions().profile().id());
            root.put("reason", r.reason());
            ArrayNode best = root.putArray("tied");
            r.best().forEach(c -> best.add(c.provider().toString()));
            ArrayNode scored = root.putArray("scored");
            for (P2pmemFinder.Candidate c : r.scored()) {
                ObjectNode n = scored.addObject();
                n.put("provider", c.provider().toString());
                n.put("distance", c.distance());
                n.put("reason", c.reason());
                n.put("assumed", c.assumed());
            }
            JsonOutput.print(root, out);
        } else {
            out.println("pci_p2pmem_find_many = " + r.chosen().map(b -> label(t, b)).orElse("NULL") + "  ("
                    + cs.size() + " clients, " + rules.assumptions().profile().label() + ")");
            out.println();
            out.println(r.reason());
            if (!r.scored().isEmpty()) {
                out.println();
                out.println("providers with published P2P memory (distance_many, -1 = unusable):");
                for (P2pmemFinder.Candidate c : r.scored()) {
                    out.printf("  %-14s %3d  %s%s%n", c.provider(), c.distance(), label(t, c.provider()),
                            c.assumed() ? "  (assumed: if a driver registered and published it)" : "");
                }
            }
        }
        return r.chosen().isPresent() ? Cli.OK : Cli.FAILED;
    }

    /**
     * What {@code pci_p2pdma_distance(provider, client, false)} returns: the model's R-P2P-6 for one client,
     * -1 for a NOT_SUPPORTED pair (the hop distance of the path is {@code pathDistance}).
     */
    static int kernelDistance(TopologyRules rules, P2pVerdict v) {
        return rules.distanceMany(v.provider(), List.of(P2pClient.pci(v.client())), false).distance();
    }

    static ObjectNode json(TopologyRules rules, P2pVerdict v, TlpRoute route) {
        ObjectNode root = JsonOutput.object();
        root.put("provider", v.provider().toString());
        root.put("client", v.client().toString());
        root.put("mapType", v.mapType().name());
        root.put("distance", kernelDistance(rules, v));
        root.put("pathDistance", v.distance());
        root.put("kernel", rules.assumptions().profile().id());
        root.set("route", routeJson(route));
        root.put("reason", v.reason());
        if (v.commonUpstream().isPresent()) root.put("commonUpstream", v.commonUpstream().get().toString());
        else root.putNull("commonUpstream");
        ArrayNode acs = root.putArray("acsRedirects");
        for (RedirectPort r : v.acsRedirects()) {
            ObjectNode n = acs.addObject();
            n.put("device", r.device().toString());
            n.put("control", String.format("0x%04x", r.control()));
            n.put("bits", Acs.lspciBits(r.control()));
        }
        if (v.hostBridge().isPresent()) {
            ObjectNode hb = root.putObject("hostBridge");
            hb.put("allowed", v.hostBridge().get().allowed());
            hb.put("byCpu", v.hostBridge().get().byCpu());
            hb.put("reason", v.hostBridge().get().words());
        } else {
            root.putNull("hostBridge");
        }
        if (v.suggestion().isPresent()) root.put("suggestion", v.suggestion().get());
        else root.putNull("suggestion");
        root.set("doctor", DoctorOutput.json(new Doctor(rules).p2p(v)));
        ArrayNode ruleIds = root.putArray("rules");
        v.rules().forEach(ruleIds::add);
        ArrayNode notes = root.putArray("notes");
        v.notes().forEach(notes::add);
        route.notes().forEach(notes::add);
        if (route.bottleneckGBps().isPresent()) {
            ObjectNode b = root.putObject("bottleneck");
            b.put("gigabytesPerSecond", Math.round(route.bottleneckGBps().getAsDouble() * 1000) / 1000.0);
            b.put("link", route.bottleneck().orElse(""));
        } else {
            root.putNull("bottleneck");
        }
        root.set("assumptions", PlatformOptions.json(rules.assumptions().forP2p()));
        return root;
    }

    static ArrayNode routeJson(TlpRoute route) {
        ArrayNode arr = JsonOutput.object().arrayNode();
        for (RouteHop h : route.hops()) {
            ObjectNode n = arr.addObject();
            n.put("device", h.node());
            n.put("kind", h.device().isPresent() ? "pci" : h.decision() == HopDecision.TARGET ? "memory"
                    : "host-bridge");
            n.put("role", h.role());
            n.put("decision", h.decision().words());
            n.put("explanation", h.explanation());
            if (h.linkToNext().isPresent()) {
                n.put("linkToNext", h.linkToNext().get().toString());
                n.put("gigabytesPerSecond", Math.round(h.linkToNext().get().gigabytesPerSecond() * 1000) / 1000.0);
            } else if (!h.linkNote().isEmpty()) {
                n.put("linkToNext", h.linkNote());
            }
        }
        return arr;
    }

    private static void text(Topology t, TopologyRules rules, P2pVerdict v, TlpRoute route, PrintStream out) {
        int distance = kernelDistance(rules, v);
        out.println(v.mapType() + ", distance " + distance + (distance != v.distance() ? " (the path is "
                + v.distance() + " hops)" : "") + "  (provider " + label(t, v.provider()) + ", client "
                + label(t, v.client()) + ", " + rules.assumptions().profile().label() + ")");
        out.println();
        out.println(v.reason());
        v.suggestion().ifPresent(s -> out.println("For BUS_ADDR, boot with " + s + "."));
        Diagnosis doctor = new Doctor(rules).p2p(v);
        if (!doctor.isEmpty()) {
            out.println();
            DoctorOutput.text(doctor, "", out);
        }
        out.println();
        out.println("route of the client's DMA:");
        for (RouteHop h : route.hops()) {
            out.printf("  %-14s %-26s %s%n", h.node(), h.decision().words(), h.explanation());
            if (h.linkToNext().isPresent()) {
                out.printf("  %14s   link %s (%.2f GB/s)%n", "|", h.linkToNext().get(),
                        h.linkToNext().get().gigabytesPerSecond());
            } else if (!h.linkNote().isEmpty()) {
                out.printf("  %14s   %s%n", "|", h.linkNote());
            }
        }
        route.bottleneck().ifPresent(b -> out.println(String.format(Locale.ROOT, "bottleneck: %s", b)));
        if (!v.notes().isEmpty() || !route.notes().isEmpty()) {
            out.println();
            out.println("notes:");
            v.notes().forEach(n -> out.println("  - " + n));
            route.notes().forEach(n -> out.println("  - " + n));
        }
        out.println();
        PlatformOptions.printText(rules.assumptions().forP2p(), out);
    }

    private static String label(Topology t, org.dmascope.model.topology.Bdf b) {
        return t.function(b).map(PciFunction::label).orElse(b.toString());
    }
}
