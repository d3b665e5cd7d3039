package org.dmascope.model.kernel.p2p;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.dmascope.model.kernel.acs.AcsState;
import org.dmascope.model.kernel.acs.DeviceWords;
import org.dmascope.model.kernel.rule.KernelRule;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.PciFunction;

/**
 * R-P2P-5 {@code calc_map_type_and_dist(provider, client)} (drivers/pci/p2pdma.c):
 * <pre>
 * walk A = provider, its upstream bridges…  (counting ACS redirect on every A, the common device included)
 *   for each A, walk BB = client, its upstream bridges… looking for A
 * found:     count redirect on the client walk up to (not including) A; dist = distA + distB;
 *            no redirect → BUS_ADDR, else → the host-bridge test
 * not found: dist = the two full chain lengths; → the host-bridge test (redirect not looked at)
 * host-bridge test: cpu_supports_p2pdma() || host_bridge_whitelist() ? THRU_HOST_BRIDGE : NOT_SUPPORTED
 * </pre>
 * The same code answers every kernel profile: 5.4's {@code upstream_bridge_distance()} made the same
 * walk and the same decision (confirmed in the 5.4.225 source); only the whitelist, the host bridge
 * device lookup and the CPU rule differ, and those live in {@link P2pIndex}.
 */
@KernelRule("R-P2P-5")
public final class MapTypeCalculator {
    private MapTypeCalculator() {
    }

    /**
     * The bare result, cheap enough for a whole matrix.
     *
     * @param common    index of the common upstream device, -1 if none
     * @param redirects how many redirecting devices the kernel counted
     * @param host      the host-bridge test, null when it was not needed (BUS_ADDR)
     */
    public record Outcome(P2pMapType type, int distance, int common, int redirects, HostBridgeCheck host) {
    }

    public static Outcome compute(P2pIndex x, int provider, int client) {
        int a = provider;
        int distA = 0;
        int distB = 0;
        int acsCnt = 0;
        int common = -1;
        while (a != -1) {
            distB = 0;
            if (x.redirect(a)) acsCnt++;
            int bb = client;
            while (bb != -1) {
                if (a == bb) {
                    common = a;
                    break;
                }
                bb = x.upstream(bb);
                distB++;
            }
            if (common != -1) break;
            a = x.upstream(a);
            distA++;
        }
        if (common == -1) {
            HostBridgeCheck h = x.hostBridgeCheck(x.rootBus(provider), x.rootBus(client));
            return new Outcome(h.allowed() ? P2pMapType.THRU_HOST_BRIDGE : P2pMapType.NOT_SUPPORTED, distA + distB, -1,
                    acsCnt, h);
        }
        for (int bb = client; bb != common; bb = x.upstream(bb)) {
            if (x.redirect(bb)) acsCnt++;
        }
        int dist = distA + distB;
        if (acsCnt == 0) return new Outcome(P2pMapType.BUS_ADDR, dist, common, 0, null);
        HostBridgeCheck h = x.hostBridgeCheck(x.rootBus(provider), x.rootBus(client));
        return new Outcome(h.allowed() ? P2pMapType.THRU_HOST_BRIDGE : P2pMapType.NOT_SUPPORTED, dist, common, acsCnt,
                h);
    }

    /** The result with its explanation. */
    public static P2pVerdict verdict(P2pIndex x, int provider, int client) {
        Outcome o = compute(x, provider, client);
        List<Bdf> pPath = chain(x, provider);
        List<Bdf> cPath = chain(x, client);
        List<RedirectPort> redirects = new ArrayList<>();
        List<String> rules = new ArrayList<>(List.of("R-P2P-5"));
        if (o.common() != -1) {
            for (int a = provider; ; a = x.upstream(a)) {
                if (x.redirect(a)) redirects.add(new RedirectPort(x.function(a).address(), x.control(a)));
                if (a == o.common()) break;
            }
            for (int bb = client; bb != o.common(); bb = x.upstream(bb)) {
                if (x.redirect(bb)) redirects.add(new RedirectPort(x.function(bb).address(), x.control(bb)));
            }
            if (!redirects.isEmpty() || x.redirect(o.common())) rules.add("R-P2P-1");
        }
        PciFunction p = x.function(provider);
        PciFunction c = x.function(client);
        String reason;
        Optional<String> suggestion = Optional.empty();
        if (o.type() == P2pMapType.BUS_ADDR) {
            reason = provider == client
                    ? "BUS_ADDR: the provider is the client itself (distance 0)"
                    : "BUS_ADDR: " + p.address() + " and " + c.address() + " meet at "
                            + DeviceWords.of(x.function(o.common()))
                    + " and no device on the way has ACS redirect, so the TLPs stay inside the PCIe fabric (distance "
                    + o.distance() + ")";
        } else {
            String why;
            if (o.common() == -1) {
                why = p.address() + " and " + c.address()
                        + " share no upstream bridge: they meet only in the root complex";
            } else {
                why = String.join(", ", redirects.stream().map(RedirectPort::words).toList())
                        + " forces the TLPs up to the root complex";
                suggestion = Optional.of("pci=disable_acs_redir=" + String.join(";",
                        redirects.stream().map(r -> r.device().toString()).toList()));
            }
            rules.add(o.host().byCpu() ? "R-P2P-2" : "R-P2P-4");
            if (!o.host().byCpu()) rules.add("R-P2P-3");
            String verdict = o.type() == P2pMapType.THRU_HOST_BRIDGE
                    ? "THRU_HOST_BRIDGE: mapped like host memory (through the IOMMU, if any)"
                    : "NOT_SUPPORTED: mapping its pages for the client fails with -EREMOTEIO";
            reason = why + "; " + o.host().words() + " → " + verdict + " (distance " + o.distance() + ")";
        }
        Set<String> notes = new LinkedHashSet<>();
        for (Bdf b : pPath) addNote(x, b, notes);
        for (Bdf b : cPath) addNote(x, b, notes);
        return new P2pVerdict(p.address(), c.address(), o.type(), o.distance(),
                o.common() == -1 ? Optional.empty() : Optional.of(x.function(o.common()).address()), pPath, cPath,
                        redirects,
                Optional.ofNullable(o.host()), reason, rules, new ArrayList<>(notes), suggestion);
    }

    private static void addNote(P2pIndex x, Bdf b, Set<String> notes) {
        x.indexOf(b).ifPresent(i -> {
            AcsState s = x.acs().of(x.function(i));
            if (!s.note().isEmpty()) notes.add(s.note());
        });
    }

    static List<Bdf> chain(P2pIndex x, int i) {
        List<Bdf> out = new ArrayList<>();
        for (int a = i; a != -1 && out.size() < 300; a = x.upstream(a)) out.add(x.function(a).address());
        return out;
    }
}
