package org.dmascope.model.io.nccl;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.PriorityQueue;

import org.dmascope.model.io.source.Findings;
import org.dmascope.model.topology.SourceRef;

/**
 * The path types NCCL computes from its own topology XML, so the labels of the other tool can be set
 * beside dmascope's: the graph {@code ncclTopoGetSystemFromXml} builds (NVIDIA/nccl src/graph/topo.cc,
 * master of 2026-06: {@code ncclTopoAddCpu}, {@code ncclTopoAddPci}, {@code ncclTopoAddNvLinks},
 * {@code ncclTopoAddPciLinks}, {@code ncclTopoAddC2c}, {@code ncclTopoFlattenBcmSwitches},
 * {@code ncclTopoConnectCpus}) and the path types {@code ncclTopoSetPaths} (src/graph/paths.cc) gives it:
 * <ul>
 *   <li>a {@code <pci>} holding a {@code <gpu>} is a GPU node, one holding a {@code <nic>} a NIC node,
 *       one of class 0x060400 (or any class NCCL does not know) a PCI switch node whose nested
 *       {@code <pci>} are visited; each links to its parent (the enclosing switch or {@code <cpu>});</li>
 *   <li>Broadcom PEX switches (Gen4 in base mode, Gen5) absorb their sub-switches of the same
 *       generation; CPUs are linked to each other (SYS);</li>
 *   <li>{@code <nvlink>}/{@code <xgmi>} link a GPU to a GPU, to the one NVSwitch node (class 0x068000)
 *       or to its CPU (0x068001); {@code <c2c>} a GPU to its CPU; {@code <pcilink>} two switches;</li>
 *   <li>a hop's type is its link's (NVL 1, C2C 3, PCI = PIX 4, SYS 9), PXB 5 between two switches,
 *       PHB 8 for a PCI link to a CPU, NVB 2 for NVLink through an intermediate GPU; a path's type is
 *       the largest along it, and the path with the smallest type wins.</li>
 * </ul>
 * These are the base paths; the PXN and P2C adjustments NCCL makes later for its rings are not
 * computed. RCCL names NCCL's NVL type XGMI.
 */
final class NcclPaths {
    static final int PATH_LOC = 0;
    static final int PATH_NVL = 1;
    static final int PATH_NVB = 2;
    static final int PATH_C2C = 3;
    static final int PATH_PIX = 4;
    static final int PATH_PXB = 5;
    static final int PATH_PHB = 8;
    static final int PATH_SYS = 9;
    static final int PATH_DIS = 11;
    private static final int LINK_LOC = 0;
    private static final int LINK_NVL = 1;
    private static final int LINK_C2C = 3;
    private static final int LINK_PCI = 4;
    private static final int LINK_SYS = 9;
    private static final String[] NAMES = {"LOC", "NVL", "NVB", "C2C", "PIX", "PXB", "P2C", "PXN", "PHB", "SYS",
            "NET", "DIS"};
    private static final long BCM_MASK = 0xfffffffffffff000L;
    private static final long BCM_GEN4 = 0x1000c0101000a000L;
    private static final long BCM_GEN5 = 0x1000c03010000000L;

    enum Type { CPU, PCI, GPU, NIC, NVS }

    private static final class Node {
        final Type type;
        final String name;
        final List<Edge> links = new ArrayList<>();
        long device;

        Node(Type type, String name, long device) {
            this.type = type;
            this.name = name;
            this.device = device;
        }
    }

    private record Edge(Node to, int type) {
    }

    /** NCCL's path type between two devices and the nodes it passes. */
    record Path(String label, int type, List<String> via) {
    }

    private final List<Node> nodes = new ArrayList<>();
    private final Map<XmlElement, Node> ofElement = new HashMap<>();
    private final Map<String, Node> gpuByBusId = new HashMap<>();
    private final Map<String, Node> pciByBusId = new HashMap<>();
    private final Map<Node, Integer> index = new HashMap<>();
    private final boolean rccl;
    private Node nvSwitch;

    private NcclPaths(boolean rccl) {
        this.rccl = rccl;
    }

    /**
     * NCCL's graph of the file.
     *
     * @param names what to call the GPU and NIC nodes, by their {@code <pci>} element (or {@code <nic>}
     *              element for a NIC directly below a CPU)
     */
    static NcclPaths of(XmlElement system, Map<XmlElement, String> names, boolean rccl, String file,
            Findings findings) {
        NcclPaths g = new NcclPaths(rccl);
        Map<String, Node> cpus = new LinkedHashMap<>();
        for (XmlElement cpu : system.children("cpu")) {
            String numa = cpu.attribute("numaid").orElse("?");
            Node c = cpus.computeIfAbsent(numa, k -> g.add(Type.CPU, "the CPU of NUMA node " + k, 0));
            g.ofElement.put(cpu, c);
            for (XmlElement child : cpu.children) {
                if (child.name.equals("pci")) g.addPci(child, c, names);
                if (child.name.equals("nic")) {
                    Node nic = g.add(Type.NIC, names.getOrDefault(child, "NIC"), 0);
                    g.ofElement.put(child, nic);
                    g.connect(nic, c, LINK_PCI);
                }
            }
        }
        g.flattenBroadcomSwitches();
        for (Node a : cpus.values()) {
            for (Node b : cpus.values()) if (a != b) a.links.add(new Edge(b, LINK_SYS));
        }
        g.addLinks(system, file, findings);
        return g;
    }

    private Node add(Type type, String name, long device) {
        Node n = new Node(type, name, device);
        nodes.add(n);
        return n;
    }

    private void connect(Node a, Node b, int type) {
        if (a.links.stream().noneMatch(e -> e.to == b && e.type == type)) a.links.add(new Edge(b, type));
        if (b.links.stream().noneMatch(e -> e.to == a && e.type == type)) b.links.add(new Edge(a, type));
    }

    private void addPci(XmlElement pci, Node parent, Map<XmlElement, String> names) {
        String busId = pci.attribute("busid").orElse("").toLowerCase(Locale.ROOT);
        Node node = null;
        if (!pci.children("gpu").isEmpty()) {
            node = add(Type.GPU, names.getOrDefault(pci, "GPU " + busId), 0);
            gpuByBusId.put(busId, node);
        } else if (!pci.children("nic").isEmpty()) {
            node = add(Type.NIC, names.getOrDefault(pci, "NIC " + busId), 0);
        } else if (pciClass(pci.attribute("class").orElse("")) == Type.PCI) {
            node = add(Type.PCI, "switch " + busId, device64(pci).orElse(0));
            pciByBusId.put(busId, node);
            for (XmlElement child : pci.children("pci")) addPci(child, node, names);
        }
        if (node == null) return;
        ofElement.put(pci, node);
        connect(node, parent, LINK_PCI);
    }

    /** NCCL's kvDictPciClass: a prefix match, PCI for anything it does not list. */
    static Type pciClass(String cls) {
        String c = cls.toLowerCase(Locale.ROOT);
        if (c.startsWith("0x060400") || c.startsWith("0x080100")) return Type.PCI;
        if (c.startsWith("0x068000")) return Type.NVS;
        if (c.startsWith("0x068001")) return Type.CPU;
        if (c.startsWith("0x03")) return Type.GPU;
        if (c.startsWith("0x02")) return Type.NIC;
        return Type.PCI;
    }

    /** NCCL's 64-bit {@code pci.device}: vendor, device, subsystem vendor, subsystem device. */
    static OptionalLong device64(XmlElement pci) {
        long v = 0;
        for (String key : new String[] {"vendor", "device", "subsystem_vendor", "subsystem_device"}) {
            Optional<String> s = pci.attribute(key);
            if (s.isEmpty() || !s.get().matches("0[xX][0-9a-fA-F]{1,4}")) return OptionalLong.empty();
            v = v << 16 | Long.parseLong(s.get().substring(2), 16);
        }
        return OptionalLong.of(v);
    }

    private static int broadcomGeneration(long id, int level) {
        if ((id & BCM_MASK) == BCM_GEN4) return 4;
        if ((id & BCM_MASK) == (BCM_GEN5 | level * 0x1000L)) return 5;
        return 0;
    }

    /** {@code ncclTopoFlattenBcmSwitches}: a Broadcom switch presents itself as two levels; NCCL makes it one. */
    private void flattenBroadcomSwitches() {
        boolean again = true;
        while (again) {
            again = false;
            for (Node sw : List.copyOf(nodes)) {
                int gen = sw.type == Type.PCI ? broadcomGeneration(sw.device, 0) : 0;
                if (gen == 0) continue;
                List<Node> subs = sw.links.stream().map(Edge::to)
                        .filter(n -> n.type == Type.PCI && broadcomGeneration(n.device, 1) == gen).toList();
                for (Node sub : subs) {
                    sw.links.removeIf(e -> e.to == sub);
                    for (Edge e : sub.links) {
                        if (e.to == sw) continue;
                        sw.links.add(e);
                        e.to.links.replaceAll(back -> back.to == sub ? new Edge(sw, back.type) : back);
                    }
                    nodes.remove(sub);
                    pciByBusId.values().remove(sub);
                }
                sw.device |= 0xffff;
                again = true;
                break;
            }
        }
    }

    private void addLinks(XmlElement e, String file, Findings findings) {
        for (XmlElement child : e.children) {
            switch (child.name) {
                case "nvlink", "xgmi" -> nvLink(child, file, findings);
                case "c2c" -> c2c(child);
                case "pcilink" -> pciLink(child);
                default -> addLinks(child, file, findings);
            }
        }
    }

    /** The GPU node a link element ({@code <pci><gpu><nvlink/>}) belongs to, or null. */
    private Node gpuOf(XmlElement link) {
        if (link.parent == null || link.parent.parent == null) return null;
        Node gpu = ofElement.get(link.parent.parent);
        return gpu != null && gpu.type == Type.GPU ? gpu : null;
    }

    private void c2c(XmlElement link) {
        Node gpu = gpuOf(link);
        if (gpu != null) localCpu(link).ifPresent(cpu -> connect(gpu, cpu, LINK_C2C));
    }

    private void nvLink(XmlElement link, String file, Findings findings) {
        Node gpu = gpuOf(link);
        if (gpu == null) return;
        Type target = pciClass(link.attribute("tclass").orElse(""));
        if (target == Type.GPU) {
            Node peer = gpuByBusId.get(link.attribute("target").orElse("").toLowerCase(Locale.ROOT));
            if (peer == null) {
                findings.warning(new SourceRef(file, link.line), "this " + link.name + " link leads to "
                        + link.attribute("target").orElse("no target") + ", which is no GPU of the file; it is "
                        + "ignored", null);
                return;
            }
            connect(gpu, peer, LINK_NVL);
        } else if (target == Type.CPU) {
            localCpu(link).ifPresent(cpu -> connect(gpu, cpu, LINK_NVL));
        } else {
            if (nvSwitch == null) nvSwitch = add(Type.NVS, "NVSwitch", 0);
            connect(gpu, nvSwitch, LINK_NVL);
        }
    }

    private Optional<Node> localCpu(XmlElement link) {
        for (XmlElement up = link.parent; up != null; up = up.parent) {
            if (up.name.equals("cpu")) return Optional.ofNullable(ofElement.get(up));
        }
        return Optional.empty();
    }

    private void pciLink(XmlElement link) {
        Node from = link.parent == null ? null : ofElement.get(link.parent);
        Node to = pciByBusId.get(link.attribute("target").orElse("").toLowerCase(Locale.ROOT));
        if (from != null && to != null && from.type == Type.PCI && from != to) connect(from, to, LINK_LOC);
    }

    /** NCCL's paths from one device to every other, computed once. */
    final class From {
        private final Node source;
        private final int[] type;
        private final int[] prev;

        private From(Node source, int[] type, int[] prev) {
            this.source = source;
            this.type = type;
            this.prev = prev;
        }

        /** NCCL's path type to another device, DIS when nothing joins them. */
        Path to(XmlElement element) {
            Node b = ofElement.get(element);
            if (source == null || b == null) return new Path(name(PATH_DIS), PATH_DIS, List.of());
            if (source == b) return new Path(name(PATH_LOC), PATH_LOC, List.of(b.name));
            int d = index.get(b);
            if (type[d] == Integer.MAX_VALUE) return new Path(name(PATH_DIS), PATH_DIS, List.of());
            List<String> via = new ArrayList<>();
            for (int v = d; v >= 0; v = prev[v]) via.add(0, nodes.get(v).name);
            return new Path(name(type[d]), type[d], via);
        }
    }

    /**
     * The best path from a device to every node: the smallest largest hop type (ties: fewest hops), as
     * ncclTopoSetPaths keeps the better path type. Paths pass through switches, CPUs and the NVSwitch;
     * through one other GPU only on NVLink both ways (NVB).
     */
    From from(XmlElement element) {
        Node a = ofElement.get(element);
        int n = nodes.size();
        if (index.isEmpty()) for (int i = 0; i < n; i++) index.put(nodes.get(i), i);
        int[] type = new int[n];
        int[] hops = new int[n];
        int[] prev = new int[n];
        Arrays.fill(type, Integer.MAX_VALUE);
        Arrays.fill(prev, -1);
        if (a == null) return new From(null, type, prev);
        boolean[] done = new boolean[n];
        int s = index.get(a);
        type[s] = PATH_LOC;
        PriorityQueue<int[]> queue = new PriorityQueue<>((x, y) -> x[1] != y[1] ? Integer.compare(x[1], y[1])
                : Integer.compare(x[2], y[2]));
        queue.add(new int[] {s, PATH_LOC, 0});
        while (!queue.isEmpty()) {
            int u = queue.poll()[0];
            if (done[u]) continue;
            done[u] = true;
            Node node = nodes.get(u);
            boolean through = u == s || node.type == Type.PCI || node.type == Type.CPU || node.type == Type.NVS;
            boolean nvb = !through && node.type == Type.GPU && a.type == Type.GPU && type[u] == PATH_NVL
                    && prev[u] >= 0 && !passesGpu(prev, u, s);
            if (!through && !nvb) continue;
            for (Edge e : node.links) {
                if (nvb && e.type != LINK_NVL) continue;
                int t = Math.max(type[u], nvb ? PATH_NVB : hopType(node, e));
                int v = index.get(e.to);
                if (t < type[v] || t == type[v] && hops[u] + 1 < hops[v]) {
                    type[v] = t;
                    hops[v] = hops[u] + 1;
                    prev[v] = u;
                    queue.add(new int[] {v, t, hops[v]});
                }
            }
        }
        return new From(a, type, prev);
    }

    /** NVB goes through one GPU only. */
    private boolean passesGpu(int[] prev, int u, int source) {
        for (int v = prev[u]; v >= 0 && v != source; v = prev[v]) {
            if (nodes.get(v).type == Type.GPU) return true;
        }
        return false;
    }

    private static int hopType(Node from, Edge e) {
        int t = e.type;
        if (from.type == Type.PCI && e.to.type == Type.PCI) t = PATH_PXB;
        if (e.type == LINK_PCI && (from.type == Type.CPU || e.to.type == Type.CPU)) t = PATH_PHB;
        return t;
    }

    /** NCCL's name of a path type; RCCL calls NVL XGMI. */
    String name(int type) {
        if (rccl && type == PATH_NVL) return "XGMI";
        return type >= 0 && type < NAMES.length ? NAMES[type] : String.valueOf(type);
    }
}
