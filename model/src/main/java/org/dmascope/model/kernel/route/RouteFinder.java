package org.dmascope.model.kernel.route;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

import org.dmascope.model.kernel.acs.AcsState;
import org.dmascope.model.kernel.acs.DeviceWords;
import org.dmascope.model.kernel.p2p.AcsRedirect;
import org.dmascope.model.kernel.p2p.HostBridgeCheck;
import org.dmascope.model.kernel.p2p.P2pIndex;
import org.dmascope.model.kernel.p2p.P2pMapType;
import org.dmascope.model.kernel.p2p.P2pVerdict;
import org.dmascope.model.kernel.p2p.RedirectPort;
import org.dmascope.model.topology.Acs;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.LinkState;
import org.dmascope.model.topology.PciBus;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.PortType;

/**
 * The hops a memory request TLP takes between two functions. The requester's
 * {@code pci_upstream_bridge()} chain is followed up to the nearest device it shares with the
 * completer's chain; at the port where it would turn towards the completer (the "ingress" port just
 * below the common device, or the requester itself when both hang off one port) ACS decides:
 * P2P Request Redirect sends it up to the root complex, Egress Control without redirect blocks it
 * (the egress vector lspci does not show is taken as blocking), otherwise it is routed across. A
 * redirected TLP, or one whose chains only meet at the host, goes through the root port and host
 * bridge(s) and back down the completer's chain. Link speed and width per hop come from the
 * downstream-facing port's LnkSta (or the device's own, for its upstream link); links inside a
 * switch or the root complex have none.
 *
 * <p>{@link #forVerdict} draws the route of a P2PDMA mapping: for THRU_HOST_BRIDGE and NOT_SUPPORTED
 * the kernel maps through the root complex (an IOVA or CPU address, which no switch window claims),
 * so the route goes through it whatever the ACS bits, with the ports the kernel counted marked.
 */
public final class RouteFinder {
    private final P2pIndex x;

    public RouteFinder(P2pIndex index) {
        this.x = index;
    }

    /** The route the hardware takes for a request from {@code from} to an address in {@code to}'s BAR. */
    public TlpRoute physical(Bdf from, Bdf to) {
        int a = idx(from);
        int b = idx(to);
        List<Integer> up = chain(a);
        List<Integer> down = chain(b);
        int common = commonOf(up, down);
        if (common == -1) return build(a, b, up, down, -1, true, Set.of(), -1, false);
        int ingress = ingressBelow(up, common);
        if (ingress != -1) {
            AcsState s = x.acs().of(x.function(ingress));
            if (s.present() && (s.control() & Acs.RR) != 0) {
                return build(a, b, up, down, common, true, Set.of(ingress), -1, false);
            }
            if (s.present() && (s.control() & Acs.EC) != 0) {
                return build(a, b, up, down, common, false, Set.of(), ingress, false);
            }
        }
        return build(a, b, up, down, common, false, Set.of(), -1, false);
    }

    /** The route of a P2PDMA mapping: the client's DMA to the provider's memory. */
    public TlpRoute forVerdict(P2pVerdict v) {
        int client = idx(v.client());
        int provider = idx(v.provider());
        List<Integer> up = chain(client);
        List<Integer> down = chain(provider);
        int common = commonOf(up, down);
        if (v.mapType() == P2pMapType.BUS_ADDR) return build(client, provider, up, down, common, false, Set.of(), -1,
                true);
        Set<Integer> marked = new HashSet<>();
        for (RedirectPort r : v.acsRedirects()) x.indexOf(r.device()).ifPresent(marked::add);
        return build(client, provider, up, down, common, true, marked, -1, true);
    }

    /**
     * The route of a DMA to host memory: up the requester's {@code pci_upstream_bridge()} chain (a
     * RAM address lies in no bridge window, so every port forwards it upstream), through the root
     * port into the host bridge, which hands it to the memory controller.
     *
     * @param memory           how to name the memory, e.g. {@code RAM (NUMA node 0)}
     * @param rootComplexWords what happens in the root complex, e.g. that the IOMMU translates the IOVA
     */
    public TlpRoute toHostMemory(Bdf from, String memory, String rootComplexWords) {
        int a = idx(from);
        List<Integer> up = chain(a);
        List<RouteHop> hops = new ArrayList<>();
        List<Integer> nodes = new ArrayList<>();
        for (int k = 0; k < up.size(); k++) {
            int n = up.get(k);
            if (k == 0) {
                hops.add(hop(n, "requester", HopDecision.SOURCE, "issues the memory request (a DMA to host memory)"));
            } else {
                hops.add(hop(n, DeviceWords.role(x.function(n)), HopDecision.FORWARD_UP,
                        "the address is not in any window below it, so it forwards the TLP upstream"));
            }
            nodes.add(n);
        }
        hops.add(hostHop(hostName(x.rootBusObject(x.rootBus(a))), HopDecision.ROOT_COMPLEX, rootComplexWords));
        nodes.add(-1);
        hops.add(new RouteHop(memory, Optional.empty(), "system memory", HopDecision.TARGET,
                "the memory controller completes the request", Optional.empty(), ""));
        nodes.add(-3);
        return withLinks(a, Optional.empty(), hops, nodes, -1, true, true);
    }

    private int idx(Bdf b) {
        return x.indexOf(b).orElseThrow(() -> new IllegalArgumentException(b + " is not in the topology"));
    }

    private List<Integer> chain(int i) {
        List<Integer> out = new ArrayList<>();
        for (int a = i; a != -1 && out.size() < 300; a = x.upstream(a)) out.add(a);
        return out;
    }

    private static int commonOf(List<Integer> up, List<Integer> down) {
        Set<Integer> d = new HashSet<>(down);
        for (int a : up) if (d.contains(a)) return a;
        return -1;
    }

    private static int ingressBelow(List<Integer> up, int common) {
        int pos = up.indexOf(common);
        return pos <= 0 ? -1 : up.get(pos - 1);
    }

    private TlpRoute build(int a, int b, List<Integer> up, List<Integer> down, int common, boolean viaRc,
                           Set<Integer> redirected, int blockedAt, boolean kernelView) {
        List<RouteHop> hops = new ArrayList<>();
        List<Integer> nodes = new ArrayList<>();
        boolean delivered = true;
        PciFunction target = x.function(b);
        if (!viaRc) {
            int upTo = common == -1 ? up.size() : up.indexOf(common);
            if (upTo == 0) {
                hops.add(hop(a, "requester", HopDecision.SOURCE, "issues the memory request to a device below it"));
                nodes.add(a);
            }
            for (int k = 0; k < upTo; k++) {
                int n = up.get(k);
                boolean ingress = k == upTo - 1;
                if (ingress && n == blockedAt) {
                    hops.add(hop(n, k == 0 ? "requester" : DeviceWords.role(x.function(n)), HopDecision.EGRESS_BLOCKED,
                            "ACS " + AcsRedirect.bitsWords(x.control(n)) + " without ReqRedir (control " + ctrl(n)
                                    + "): a peer request to a port the egress control vector blocks is rejected; the "
                                            + "vector is not "
                                    + "in lspci output and is taken as blocking"));
                    nodes.add(n);
                    delivered = false;
                    break;
                }
                if (k == 0) {
                    hops.add(hop(n, "requester", HopDecision.SOURCE, "issues the memory request"
                            + (ingress && common != b ? "; " + peerWords(n) : "")));
                } else if (ingress) {
                    hops.add(hop(n, DeviceWords.role(x.function(n)), HopDecision.FORWARD_PEER, peerWords(n)));
                } else {
                    hops.add(hop(n, DeviceWords.role(x.function(n)), HopDecision.FORWARD_UP,
                            "the address is not below it, so it forwards the TLP upstream"));
                }
                nodes.add(n);
            }
            if (delivered && common != -1) {
                int downFrom = down.indexOf(common);
                if (common != b) {
                    if (common != a) {
                        String role = DeviceWords.role(x.function(common)) + " (common upstream)";
                        hops.add(hop(common, role, HopDecision.FORWARD_DOWN,
                                "common upstream device: the address falls in the window of "
                                + x.function(down.get(downFrom - 1)).address() + ", so it sends the TLP back down"));
                        nodes.add(common);
                    }
                    for (int k = downFrom - 1; k >= 1; k--) {
                        int n = down.get(k);
                        hops.add(hop(n, DeviceWords.role(x.function(n)), HopDecision.FORWARD_DOWN,
                                "forwards it down towards " + target.address()));
                        nodes.add(n);
                    }
                }
                hops.add(hop(b, "completer", HopDecision.TARGET, "completes the request (the address is in its BAR)"));
                nodes.add(b);
            }
        } else {
            for (int k = 0; k < up.size(); k++) {
                int n = up.get(k);
                String role = k == 0 ? "requester" : DeviceWords.role(x.function(n));
                boolean marked = redirected.contains(n);
                if (marked) {
                    hops.add(hop(n, role, HopDecision.REDIRECTED_UPSTREAM, "ACS " + AcsRedirect.bitsWords(x.control(n))
                            + " (control " + ctrl(n) + "): peer requests are redirected up to the root complex"
                            + (k == 0 ? "; it issues the memory request" : "")));
                } else if (k == 0) {
                    hops.add(hop(n, role, HopDecision.SOURCE, "issues the memory request"));
                } else {
                    hops.add(hop(n, role, HopDecision.FORWARD_UP, "forwards the TLP upstream"));
                }
                nodes.add(n);
            }
            PciBus rootA = x.rootBusObject(x.rootBus(a));
            PciBus rootB = x.rootBusObject(x.rootBus(b));
            HostBridgeCheck check = x.hostBridgeCheck(x.rootBus(a), x.rootBus(b));
            String hbA = hostName(rootA);
            if (check.allowed()) {
                hops.add(hostHop(hbA, HopDecision.ROOT_COMPLEX, "the root complex routes it back down to the peer ("
                        + check.words() + ")"));
            } else {
                hops.add(hostHop(hbA, HopDecision.HOST_BRIDGE_REFUSED,
                        "the kernel does not trust this root complex to forward peer "
                        + "traffic (" + check.words() + "), so it will not map the request"));
                delivered = false;
            }
            nodes.add(-1);
            if (delivered && rootA != rootB) {
                hops.add(hostHop(hostName(rootB), HopDecision.CROSS_HOST_BRIDGE, "the TLP crosses from " + hbA + " to "
                        + hostName(rootB) + " over the interconnect between host bridges"));
                nodes.add(-2);
            }
            if (delivered) {
                for (int k = down.size() - 1; k >= 1; k--) {
                    int n = down.get(k);
                    String extra = redirected.contains(n) ? "; the kernel counted its ACS "
                            + AcsRedirect.bitsWords(x.control(n)) + " as redirect" : "";
                    hops.add(hop(n, DeviceWords.role(x.function(n)), HopDecision.FORWARD_DOWN,
                            "forwards it down towards "
                            + target.address() + extra));
                    nodes.add(n);
                }
                hops.add(hop(b, "completer", HopDecision.TARGET, "completes the request (the address is in its BAR)"));
                nodes.add(b);
            }
        }
        return withLinks(a, Optional.of(x.function(b).address()), hops, nodes, common, viaRc, delivered);
    }

    private String peerWords(int n) {
        AcsState s = x.acs().of(x.function(n));
        String acs = s.present() ? "no ACS redirect (control " + ctrl(n) + ")" : "no ACS capability";
        return acs + ": the request is routed straight across to the peer";
    }

    private String ctrl(int n) {
        return String.format("0x%04x", x.control(n));
    }

    private RouteHop hop(int n, String role, HopDecision d, String why) {
        PciFunction f = x.function(n);
        return new RouteHop(f.address().toString(), Optional.of(f.address()), role, d, why, Optional.empty(), "");
    }

    private static RouteHop hostHop(String name, HopDecision d, String why) {
        return new RouteHop(name, Optional.empty(), "host bridge", d, why, Optional.empty(), "");
    }

    private static String hostName(PciBus root) {
        return root.host().map(h -> h.id()).orElse(String.format("pci%04x:%02x", root.domain(), root.number()));
    }

    private TlpRoute withLinks(int a, Optional<Bdf> to, List<RouteHop> hops, List<Integer> nodes, int common,
            boolean viaRc, boolean delivered) {
        List<RouteHop> out = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        double best = Double.MAX_VALUE;
        String where = null;
        for (int i = 0; i < hops.size(); i++) {
            RouteHop h = hops.get(i);
            if (i == hops.size() - 1) {
                out.add(h);
                break;
            }
            int p = nodes.get(i);
            int q = nodes.get(i + 1);
            Link l = link(p, q);
            out.add(h.withLink(l.state, l.note));
            if (l.state.isPresent()) {
                double gbps = l.state.get().gigabytesPerSecond();
                if (gbps < best) {
                    best = gbps;
                    where = h.node() + " → " + hops.get(i + 1).node() + " (" + l.state.get() + ", "
                            + String.format(Locale.ROOT, "%.2f GB/s", gbps) + ")";
                }
            } else if (l.physical) {
                notes.add("the link between " + h.node() + " and " + hops.get(i + 1).node()
                        + " is not described in the input");
            }
        }
        return new TlpRoute(x.function(a).address(), to, out,
                common == -1 ? Optional.empty() : Optional.of(x.function(common).address()), viaRc, delivered,
                where == null ? OptionalDouble.empty() : OptionalDouble.of(best), Optional.ofNullable(where), notes);
    }

    private record Link(Optional<LinkState> state, String note, boolean physical) {
    }

    /** The link between two consecutive hops (one is the other's upstream bridge, or a host bridge). */
    private Link link(int p, int q) {
        if (p < 0 || q < 0) return new Link(Optional.empty(), "inside the root complex", false);
        int child;
        int parent;
        if (x.upstream(p) == q) {
            child = p;
            parent = q;
        } else if (x.upstream(q) == p) {
            child = q;
            parent = p;
        } else {
            return new Link(Optional.empty(), "", false);
        }
        PciFunction c = x.function(child);
        PciFunction par = x.function(parent);
        PortType pt = par.portType().orElse(null);
        PortType ct = c.portType().orElse(null);
        if (pt == PortType.SWITCH_UPSTREAM && ct == PortType.SWITCH_DOWNSTREAM) {
            return new Link(Optional.empty(), "inside the switch", false);
        }
        if (pt == PortType.PCIE_TO_PCI_BRIDGE || pt == PortType.CONVENTIONAL_PCI) {
            return new Link(Optional.empty(), "conventional PCI bus", false);
        }
        Optional<LinkState> s = Optional.empty();
        if (pt == PortType.ROOT_PORT || pt == PortType.SWITCH_DOWNSTREAM) s = par.link().flatMap(l -> l.status());
        if (s.isEmpty()) {
            PciFunction own = c.isVirtualFunction() ? x.topology().hierarchy().physfn(c) : c;
            s = own.link().flatMap(l -> l.status());
        }
        return new Link(s, s.isPresent() ? "" : "link state not in the input", true);
    }
}
