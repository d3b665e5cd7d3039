package org.dmascope.views.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.Bridge;
import org.dmascope.model.topology.HostBridge;
import org.dmascope.model.topology.Link;
import org.dmascope.model.topology.LinkSpeed;
import org.dmascope.model.topology.LinkState;
import org.dmascope.model.topology.NumaNode;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.PciIdentity;
import org.dmascope.model.topology.Platform;
import org.dmascope.model.topology.PortType;
import org.dmascope.model.topology.Provenance;
import org.dmascope.model.topology.Sriov;
import org.dmascope.model.topology.Topology;

/**
 * Generates a large machine for layout and speed tests: two NUMA nodes, four host bridges, chipset
 * devices on the root buses, root ports leading to PCIe switches (one nested), GPUs with an audio
 * function, NICs with 16 SR-IOV VFs each, NVMe drives, a PCIe-to-PCI bridge with conventional
 * devices, a downgraded link and an orphan bus fragment. {@link #generate()} gives about 300 functions.
 */
public final class SyntheticMachine {
    private static final int GPU = 0x030200;
    private static final int AUDIO = 0x040300;
    private static final int NIC = 0x020000;
    private static final int NVME = 0x010802;
    private static final int BRIDGE = 0x060400;
    private static final int SYSTEM = 0x088000;
    private static final int USB = 0x0c0330;
    private static final int SATA = 0x010601;

    private final List<PciFunction> functions = new ArrayList<>();
    private final int hostBridges;
    private final int cyclesPerHost;
    private final int vfsPerNic;
    private int nextBus;

    private SyntheticMachine(int hostBridges, int cyclesPerHost, int vfsPerNic) {
        this.hostBridges = hostBridges;
        this.cyclesPerHost = cyclesPerHost;
        this.vfsPerNic = vfsPerNic;
    }

    /** About 300 functions. */
    public static Topology generate() {
        return new SyntheticMachine(4, 2, 16).build();
    }

    public static Topology generate(int hostBridges, int cyclesPerHost, int vfsPerNic) {
        return new SyntheticMachine(hostBridges, cyclesPerHost, vfsPerNic).build();
    }

    private Topology build() {
        List<HostBridge> hbs = new ArrayList<>();
        for (int h = 0; h < hostBridges; h++) {
            int root = h * (0x100 / hostBridges);
            nextBus = root + 1;
            HostBridge hb = new HostBridge(String.format("pci0000:%02x", root), 0, root,
                    Optional.of(new HostBridge.BusRange(root, root + 0x100 / hostBridges - 1)),
                    OptionalInt.of(h * 2 / hostBridges), List.of(), List.of(), Provenance.NONE);
            hbs.add(hb);
            add(fn(Bdf.of(0, root, 0, 0), SYSTEM, "Host bridge RAS", PortType.RC_INTEGRATED_ENDPOINT));
            int dev = 1;
            for (int c = 0; c < cyclesPerHost; c++) {
                switchBelow(rootPort(Bdf.of(0, root, dev++, 0)), c == 1 && h == 0);
                nicBelow(rootPort(Bdf.of(0, root, dev++, 0)));
                nvmeBelow(rootPort(Bdf.of(0, root, dev++, 0)), h == 1 && c == 0);
            }
            if (h == 0) pciBridgeBelow(rootPort(Bdf.of(0, root, dev++, 0)));
            for (int i = 0; i < 5; i++) {
                add(fn(Bdf.of(0, root, 0x14 + i, 0), i % 2 == 0 ? USB : SATA, "Chipset device " + i,
                        PortType.RC_INTEGRATED_ENDPOINT));
            }
        }
        add(fn(Bdf.of(1, 0x20, 0, 0), NIC, "Fragment NIC", PortType.ENDPOINT));
        add(fn(Bdf.of(1, 0x20, 0, 1), NIC, "Fragment NIC", PortType.ENDPOINT));
        add(fn(Bdf.of(1, 0x21, 0, 0), NVME, "Fragment NVMe", PortType.ENDPOINT));
        List<NumaNode> nodes = List.of(new NumaNode(0, OptionalInt.of(0), Optional.of("0-31"), List.of()),
                new NumaNode(1, OptionalInt.of(1), Optional.of("32-63"), List.of()));
        return new Topology("Synthetic " + functions.size() + "-function machine", Optional.empty(), Optional.empty(),
                Platform.UNKNOWN, nodes, hbs, functions);
    }

    /** Adds a root port and returns its secondary bus number. */
    private int rootPort(Bdf at) {
        return bridge(at, PortType.ROOT_PORT, "Root Port");
    }

    private int bridge(Bdf at, PortType type, String name) {
        int secondary = nextBus++;
        // The subordinate bus is patched once everything below is numbered.
        functions.add(fn(at, BRIDGE, name, type).bridge(Bridge.ofBuses(secondary, secondary))
                .link(link(LinkSpeed.GT_16, 16, LinkSpeed.GT_16, 16)).build());
        return secondary;
    }

    private void closeBridge(int secondary) {
        for (int i = functions.size() - 1; i >= 0; i--) {
            PciFunction f = functions.get(i);
            if (f.bridge().isPresent() && f.bridge().get().secondary() == secondary && f.address().domain() == 0) {
                functions.set(i, f.toBuilder().bridge(Bridge.ofBuses(secondary, nextBus - 1)).build());
                return;
            }
        }
    }

    private void switchBelow(int bus, boolean nested) {
        int internal = bridge(Bdf.of(0, bus, 0, 0), PortType.SWITCH_UPSTREAM, "PEX switch");
        for (int d = 0; d < 4; d++) {
            int below = bridge(Bdf.of(0, internal, d, 0), PortType.SWITCH_DOWNSTREAM, "PEX switch");
            if (nested && d == 3) {
                switchBelow(below, false);
            } else {
                functions.add(fn(Bdf.of(0, below, 0, 0), GPU, "Tesla GPU", PortType.ENDPOINT).multifunction(true)
                        .link(link(LinkSpeed.GT_16, 16, LinkSpeed.GT_16, 16)).build());
                functions.add(fn(Bdf.of(0, below, 0, 1), AUDIO, "HD Audio", PortType.ENDPOINT).multifunction(true)
                        .build());
            }
            closeBridge(below);
        }
        closeBridge(internal);
        closeBridge(bus);
    }

    private void nicBelow(int bus) {
        Bdf pf = Bdf.of(0, bus, 0, 0);
        functions.add(fn(pf, NIC, "ConnectX NIC", PortType.ENDPOINT)
                .sriov(Optional.of(new Sriov(vfsPerNic, vfsPerNic, 2, 1, OptionalInt.of(0x101e))))
                .link(link(LinkSpeed.GT_16, 16, LinkSpeed.GT_16, 16)).build());
        for (int n = 1; n <= vfsPerNic; n++) {
            Bdf vf = Bdf.ofDevfn(0, bus, pf.devfn() + 2 + (n - 1));
            functions.add(fn(vf, NIC, "ConnectX Virtual Function", PortType.ENDPOINT).physicalFunction(Optional.of(pf))
                    .build());
        }
        closeBridge(bus);
    }

    private void nvmeBelow(int bus, boolean downgraded) {
        functions.add(fn(Bdf.of(0, bus, 0, 0), NVME, "NVMe SSD", PortType.ENDPOINT)
                .link(downgraded ? link(LinkSpeed.GT_16, 4, LinkSpeed.GT_8, 2) : link(LinkSpeed.GT_16, 4,
                        LinkSpeed.GT_16, 4))
                .build());
        closeBridge(bus);
    }

    private void pciBridgeBelow(int bus) {
        int pciBus = bridge(Bdf.of(0, bus, 0, 0), PortType.PCIE_TO_PCI_BRIDGE, "PCIe to PCI bridge");
        for (int d = 0; d < 3; d++) {
            functions.add(fn(Bdf.of(0, pciBus, d, 0), d == 0 ? 0x070002 : 0x0c0310, "Legacy device " + d,
                    PortType.CONVENTIONAL_PCI).build());
        }
        closeBridge(pciBus);
        closeBridge(bus);
    }

    private static Optional<Link> link(LinkSpeed capSpeed, int capWidth, LinkSpeed speed, int width) {
        return Optional.of(Link.of(new LinkState(capSpeed, capWidth), new LinkState(speed, width)));
    }

    private PciFunction.Builder fn(Bdf at, int classCode, String name, PortType type) {
        PciIdentity id = new PciIdentity(OptionalInt.of(0x1234), OptionalInt.of(0x5678), OptionalInt.empty(),
                OptionalInt.empty(),
                OptionalInt.of(classCode), OptionalInt.empty(), Optional.of("Synthetic Corp"), Optional.of(name),
                Optional.empty(), Optional.empty());
        return PciFunction.builder(at).identity(id).portType(type).headerType(classCode == BRIDGE ? 1 : 0);
    }

    private void add(PciFunction.Builder b) {
        functions.add(b.build());
    }
}
