package org.dmascope.app.cli;

import java.io.PrintStream;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.dmascope.model.kernel.TopologyRules;
import org.dmascope.model.kernel.p2p.P2pMapType;
import org.dmascope.model.kernel.p2p.P2pVerdict;
import org.dmascope.model.kernel.p2p.RedirectPort;
import org.dmascope.model.kernel.route.HopDecision;
import org.dmascope.model.kernel.route.RouteHop;
import org.dmascope.model.kernel.route.TlpRoute;
import org.dmascope.model.topology.Acs;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.Topology;

/**
 * {@code dmascope p2p FILE… --provider BDF --client BDF}: the kernel's P2PDMA map type and distance
 * for the client's DMA to the provider's memory, why, and the route the TLPs take.
 */
final class P2pCommand implements Command {

    @Override
    public String name() {
        return "p2p";
    }

    @Override
    public String summary() {
        return "P2PDMA map type, distance and route for a provider/client pair";
    }

    @Override
    public String usage() {
        return "usage: dmascope p2p FILE... --provider BDF --client BDF [--kernel P] [--format text|json] [platform options]\n"
                + "Explains whether CLIENT can DMA to PROVIDER's memory (calc_map_type_and_dist): BUS_ADDR inside the\n"
                + "PCIe fabric, THRU_HOST_BRIDGE through the root complex, or NOT_SUPPORTED; with the route hop by hop.\n"
                + "Addresses may omit the domain (03:00.0). Exit status 1 when the answer is NOT_SUPPORTED.\n\n"
                + PlatformOptions.USAGE;
    }

    @Override
    public Set<String> valuedOptions() {
        Set<String> s = new HashSet<>(PlatformOptions.VALUED);
        s.add("--format");
        s.add("--provider");
        s.add("--client");
        return s;
    }

    @Override
    public int run(CliArgs args, PrintStream out, PrintStream err) throws UsageException {
        CliArgs.OutputFormat format = args.format();
        String providerText = args.option("--provider").orElseThrow(() -> new UsageException("--provider BDF is required"));
        String clientText = args.option("--client").orElseThrow(() -> new UsageException("--client BDF is required"));
        Optional<Topology> loaded = Inputs.load(args, err);
        if (loaded.isEmpty()) return Cli.UNUSABLE;
        Topology t = loaded.get();
        PciFunction provider = Inputs.device(t, providerText, "provider");
        PciFunction client = Inputs.device(t, clientText, "client");
        TopologyRules rules = TopologyRules.of(t, PlatformOptions.resolve(args, t));
        PlatformOptions.warnings(rules.assumptions(), err);
        P2pVerdict v = rules.p2p(provider.address(), client.address());
        TlpRoute route = rules.route(v);
        if (format == CliArgs.OutputFormat.JSON) {
            JsonOutput.print(json(rules, v, route), out);
        } else {
            text(t, rules, v, route, out);
        }
        return v.mapType() == P2pMapType.NOT_SUPPORTED ? Cli.FAILED : Cli.OK;
    }

    static ObjectNode json(TopologyRules rules, P2pVerdict v, TlpRoute route) {
        ObjectNode root = JsonOutput.object();
        root.put("provider", v.provider().toString());
        root.put("client", v.client().toString());
        root.put("mapType", v.mapType().name());
        root.put("distance", v.distance());
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
            n.put("kind", h.device().isPresent() ? "pci" : h.decision() == HopDecision.TARGET ? "memory" : "host-bridge");
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
        out.println(v.mapType() + ", distance " + v.distance() + "  (provider " + label(t, v.provider()) + ", client "
                + label(t, v.client()) + ", " + rules.assumptions().profile().label() + ")");
        out.println();
        out.println(v.reason());
        v.suggestion().ifPresent(s -> out.println("For BUS_ADDR, boot with " + s + "."));
        out.println();
        out.println("route of the client's DMA:");
        for (RouteHop h : route.hops()) {
            out.printf("  %-14s %-26s %s%n", h.node(), h.decision().words(), h.explanation());
            if (h.linkToNext().isPresent()) {
                out.printf("  %14s   link %s (%.2f GB/s)%n", "|", h.linkToNext().get(), h.linkToNext().get().gigabytesPerSecond());
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
