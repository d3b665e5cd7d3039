package org.dmascope.model.topology;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * What another tool said about a machine: {@code nvidia-smi topo -m} (or {@code -p2p}), or NCCL's
 * topology XML. It names devices (GPU0, NIC1, mlx5_0…), ties each to a PCI function when it can (the
 * NCCL XML states bus ids; nvidia-smi does not, so its GPUs are tied in bus order, an assumption the
 * report states), and gives its label for pairs of them (PIX, NV4, OK, NVL…).
 *
 * <p>A report is kept beside the topology and never merged into it: the tool's labels are its opinion of
 * the same machine, to be compared with what dmascope derives from the exports, not facts about the
 * PCI tree.
 *
 * @param tool    which tool and which of its matrices
 * @param source  the file and the line the matrix (or the XML root) starts at
 * @param devices the devices in the tool's own order
 * @param pairs   the tool's label for each (row, column) pair it gives, self pairs left out
 * @param notes   assumptions made in reading or tying the devices, in words, for the user
 */
public record ToolReport(Tool tool, SourceRef source, List<Device> devices, List<Pair> pairs, List<String> notes) {

    public ToolReport {
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(source, "source");
        devices = List.copyOf(devices);
        pairs = List.copyOf(pairs);
        notes = List.copyOf(notes);
        Set<String> names = new HashSet<>();
        for (Device d : devices) names.add(d.name());
        for (Pair p : pairs) {
            if (!names.contains(p.row()) || !names.contains(p.column())) {
                throw new IllegalArgumentException("a pair names a device the report does not list: " + p);
            }
        }
    }

    /** The device the tool calls {@code name}. */
    public Optional<Device> device(String name) {
        return devices.stream().filter(d -> d.name().equals(name)).findFirst();
    }

    /** The device tied to a function, if any. */
    public Optional<Device> deviceAt(Bdf address) {
        return devices.stream().filter(d -> d.address().filter(address::equals).isPresent()).findFirst();
    }

    /** The same report with its devices tied (or untied) anew and more notes. */
    public ToolReport withDevices(List<Device> tied, List<String> moreNotes) {
        List<String> n = new ArrayList<>(notes);
        n.addAll(moreNotes);
        return new ToolReport(tool, source, tied, pairs, n);
    }

    /** A one-line name for the report: {@code nvidia-smi topo -m (x.nvsmi-topo.txt)}. */
    public String title() {
        return tool.label() + " (" + source.file() + ")";
    }

    /** The tools and matrices dmascope reads, with what their labels compare to. */
    public enum Tool {
        /** {@code nvidia-smi topo -m}: X, PIX, PXB, PHB, NODE, SYS (SOC on old drivers), NV#. */
        NVIDIA_SMI_TOPO("nvidia-smi topo -m", "nvidia-smi-topo"),
        /** {@code nvidia-smi topo -p2p r}: OK, CNS, GNS, TNS, NS, U. */
        NVIDIA_SMI_P2P_READ("nvidia-smi topo -p2p r", "nvidia-smi-p2p-read"),
        NVIDIA_SMI_P2P_WRITE("nvidia-smi topo -p2p w", "nvidia-smi-p2p-write"),
        NVIDIA_SMI_P2P_NVLINK("nvidia-smi topo -p2p n", "nvidia-smi-p2p-nvlink"),
        NVIDIA_SMI_P2P_ATOMICS("nvidia-smi topo -p2p a", "nvidia-smi-p2p-atomics"),
        NVIDIA_SMI_P2P_PROP("nvidia-smi topo -p2p p", "nvidia-smi-p2p-prop"),
        /** A {@code -p2p} status matrix whose capability the file does not name. */
        NVIDIA_SMI_P2P("nvidia-smi topo -p2p", "nvidia-smi-p2p"),
        /** NCCL's topology XML: the path types NCCL computes from it (LOC, NVL, NVB, PIX, PXB, PHB, SYS…). */
        NCCL_XML("NCCL topology XML", "nccl-xml"),
        /** RCCL's topology XML: NCCL's schema with xGMI links (its NVL path type is named XGMI). */
        RCCL_XML("RCCL topology XML", "rccl-xml");

        private final String label;
        private final String jsonName;

        Tool(String label, String jsonName) {
            this.label = label;
            this.jsonName = jsonName;
        }

        public String label() {
            return label;
        }

        public String jsonName() {
            return jsonName;
        }

        /** A {@code -p2p} status matrix (the driver's peer-to-peer verdict, not a path class). */
        public boolean isP2pStatus() {
            return name().startsWith("NVIDIA_SMI_P2P");
        }

        /** NCCL's (or RCCL's) path types. */
        public boolean isNccl() {
            return this == NCCL_XML || this == RCCL_XML;
        }

        public static Optional<Tool> fromJsonName(String s) {
            for (Tool t : values()) if (t.jsonName.equals(s)) return Optional.of(t);
            return Optional.empty();
        }
    }

    /** What the tool calls a device. */
    public enum Kind {
        GPU("GPU"), NIC("NIC");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** How a device was tied to a PCI function. */
    public enum Match {
        /** The tool names the device's bus id (NCCL). */
        BUS_ID("by the bus id the tool states", "bus-id"),
        /** The n-th device is taken to be the n-th such function in bus order: an assumption. */
        BUS_ORDER("in bus order (an assumption)", "bus-order"),
        /** Not tied: the exports list no function it can be. */
        NONE("not tied to a function", "none");

        private final String words;
        private final String jsonName;

        Match(String words, String jsonName) {
            this.words = words;
            this.jsonName = jsonName;
        }

        public String words() {
            return words;
        }

        public String jsonName() {
            return jsonName;
        }

        public static Optional<Match> fromJsonName(String s) {
            for (Match m : values()) if (m.jsonName.equals(s)) return Optional.of(m);
            return Optional.empty();
        }
    }

    /**
     * A device the tool names.
     *
     * @param name     as the tool names it ({@code GPU0}, {@code NIC1}, {@code mlx5_bond_0})
     * @param kind     GPU or NIC
     * @param alias    another name the tool gives it ({@code mlx5_0} for NIC0 in the NIC legend)
     * @param busId    the bus id the tool states (NCCL), whether or not any export lists it
     * @param address  the function it is tied to, when it is
     * @param match    how it was tied
     * @param numaNode the NUMA node the tool reports it near
     * @param cpus     the CPUs the tool reports it near ({@code 0-7,16-23})
     * @param detail   more the tool says about it, in words ({@code CUDA device 0, rank 0, sm 80})
     * @param at       the line naming it
     */
    public record Device(String name, Kind kind, Optional<String> alias, Optional<Bdf> busId, Optional<Bdf> address,
                         Match match, OptionalInt numaNode, Optional<String> cpus, Optional<String> detail,
                         SourceRef at) {
        public Device {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(match, "match");
            Objects.requireNonNull(at, "at");
            if (address.isPresent() == (match == Match.NONE)) {
                throw new IllegalArgumentException(name + ": a device is tied to a function exactly when it has a "
                        + "match");
            }
        }

        /** The device tied to {@code function} in the way {@code how}. */
        public Device tiedTo(Bdf function, Match how) {
            return new Device(name, kind, alias, busId, Optional.of(function), how, numaNode, cpus, detail, at);
        }

        /** The device tied to nothing. */
        public Device untied() {
            return new Device(name, kind, alias, busId, Optional.empty(), Match.NONE, numaNode, cpus, detail, at);
        }

        /** {@code GPU0 (0000:03:00.0)} or {@code NIC0 mlx5_0}. */
        public String label() {
            return name + alias.map(a -> " " + a).orElse("") + address.map(a -> " (" + a + ")").orElse("");
        }
    }

    /**
     * The tool's label for a pair, as it printed it.
     *
     * @param row    the device of the row (the first named, for XML)
     * @param column the device of the column
     * @param label  the label ({@code PIX}, {@code NV4}, {@code OK}, {@code NVL}, {@code XGMI})
     * @param detail how the tool gets there, when it says ({@code GPU0 → NVSwitch → GPU1})
     * @param at     the line of the label
     */
    public record Pair(String row, String column, String label, Optional<String> detail, SourceRef at) {
        public Pair {
            Objects.requireNonNull(row, "row");
            Objects.requireNonNull(column, "column");
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(at, "at");
        }
    }
}
