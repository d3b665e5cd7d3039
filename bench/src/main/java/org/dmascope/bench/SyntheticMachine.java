package org.dmascope.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.dmascope.model.topology.Acs;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.Bridge;
import org.dmascope.model.topology.HostBridge;
import org.dmascope.model.topology.Link;
import org.dmascope.model.topology.LinkSpeed;
import org.dmascope.model.topology.LinkState;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.PciIdentity;
import org.dmascope.model.topology.Platform;
import org.dmascope.model.topology.PortType;
import org.dmascope.model.topology.Provenance;
import org.dmascope.model.topology.Topology;

/**
 * A generated two-socket server with exactly {@code n} PCI functions: host bridges on two NUMA nodes,
 * root ports with ACS, a switch below each root port, GPUs, NVMe drives and NICs whose SR-IOV VFs fill
 * up the count. Deterministic, so benchmark runs compare.
 */
public final class SyntheticMachine {
    private SyntheticMachine() {
    }

    public static Topology build(int n) {
        List<PciFunction> fs = new ArrayList<>();
        List<HostBridge> hbs = new ArrayList<>();
        int hb = 0;
        while (fs.size() < n) {
            // Four host bridges per PCI domain, as many domains as the count needs.
            int domain = hb / 4;
            int root = hb % 4 * 0x40;
            hbs.add(new HostBridge(String.format("pci%04x:%02x", domain, root), domain, root, Optional.empty(),
                    OptionalInt.of(hb % 2),
                    List.of(), List.of(), Provenance.NONE));
            add(fs, n, fn(Bdf.of(domain, root, 0, 0), 0x8086, 0x09a2, 0x088000, PortType.RC_INTEGRATED_ENDPOINT,
                    Acs.ABSENT, hb % 2));
            int bus = root + 1;
            for (int rp = 0; rp < 4 && fs.size() < n; rp++) {
                int rpSecondary = bus;
                int usBus = bus;
                int subordinate = bus + 5;
                add(fs, n, bridge(Bdf.of(domain, root, rp + 1, 0), PortType.ROOT_PORT, Acs.of(0x5f, 0x1d),
                        rpSecondary, subordinate, hb % 2));
                add(fs, n, bridge(Bdf.of(domain, usBus, 0, 0), PortType.SWITCH_UPSTREAM, Acs.ABSENT, usBus + 1,
                        subordinate, hb % 2));
                for (int dsp = 0; dsp < 4 && fs.size() < n; dsp++) {
                    int epBus = usBus + 2 + dsp;
                    add(fs, n, bridge(Bdf.of(domain, usBus + 1, dsp, 0), PortType.SWITCH_DOWNSTREAM, Acs.of(0x5f,
                            dsp % 2 == 0 ? 0x11 : 0x1d),
                            epBus, epBus, hb % 2));
                    Bdf ep = Bdf.of(domain, epBus, 0, 0);
                    switch (dsp) {
                        case 0 -> add(fs, n, fn(ep, 0x10de, 0x2330, 0x030200, PortType.ENDPOINT, Acs.ABSENT, hb % 2));
                        case 1 -> add(fs, n, fn(ep, 0x144d, 0xa80a, 0x010802, PortType.ENDPOINT, Acs.ABSENT, hb % 2));
                        default -> {
                            add(fs, n, fn(ep, 0x15b3, 0x101d, 0x020000, PortType.ENDPOINT, Acs.ABSENT, hb % 2));
                            for (int vf = 1; vf <= 15 && fs.size() < n; vf++) {
                                Bdf vfAddr = Bdf.ofDevfn(domain, epBus, vf + 1);
                                add(fs, n, fn(vfAddr, 0x15b3, 0x101e, 0x020000, PortType.ENDPOINT, Acs.ABSENT,
                                        hb % 2).toBuilder()
                                        .physicalFunction(Optional.of(ep)).build());
                            }
                        }
                    }
                }
                bus = subordinate + 1;
            }
            hb++;
        }
        return new Topology("synthetic-" + n, Optional.empty(), Optional.empty(), Platform.UNKNOWN, List.of(), hbs, fs);
    }

    private static void add(List<PciFunction> fs, int n, PciFunction f) {
        if (fs.size() < n) fs.add(f);
    }

    private static PciFunction fn(Bdf a, int vendor, int device, int cls, PortType type, Acs acs, int node) {
        return PciFunction.builder(a).identity(PciIdentity.of(vendor, device, cls)).portType(type).headerType(0)
                .multifunction(false).acs(acs).numaNode(OptionalInt.of(node))
                .link(Link.of(new LinkState(LinkSpeed.GT_16, 16), new LinkState(LinkSpeed.GT_16, 16))).build();
    }

    private static PciFunction bridge(Bdf a, PortType type, Acs acs, int secondary, int subordinate, int node) {
        return PciFunction.builder(a).identity(PciIdentity.of(0x1000, 0xc030, 0x060400)).portType(type).headerType(1)
                .multifunction(false).bridge(Bridge.ofBuses(secondary,
                        subordinate)).acs(acs).numaNode(OptionalInt.of(node))
                .link(Link.of(new LinkState(LinkSpeed.GT_16, 16), new LinkState(LinkSpeed.GT_16, 8))).build();
    }
}
