package org.dmascope.model.io.detect;

/** What kind of file an input is, and whether dmascope can build a topology from it. */
public enum InputFormat {
    TOPOLOGY_JSON("dmascope topology JSON", null),
    LSPCI_TREE("lspci -t tree", null),
    LSPCI_LISTING("lspci listing", null),
    LSPCI_MACHINE("lspci -vmm/-mm machine-readable output", null),
    IOMMU_GROUPS("IOMMU group listing", null),
    HWLOC_XML("hwloc topology XML", null),
    NVIDIA_SMI_TOPO("nvidia-smi topo -m matrix",
            "this is an nvidia-smi topo -m matrix: it names how GPUs reach each other (PIX, PHB, SYS, ...) but no PCI"
                    + " addresses or buses, so no topology can be built from it; export lspci -tvnn and lspci -vvv instead"),
    KERNEL_LOG("kernel log (dmesg)",
            "this is a kernel log (dmesg output): it records events such as IOMMU group assignments but not the PCI"
                    + " hierarchy, so no topology can be built from it; export lspci -tvnn, lspci -vvv or the IOMMU groups"
                    + " (/sys/kernel/iommu_groups) instead"),
    OTHER_XML("XML", "this XML is not an hwloc topology (it has no <topology> element)"),
    BINARY("binary data", "this is not a text file (it holds NUL bytes or control characters); is it the right file?"),
    EMPTY("empty file", "the file is empty"),
    UNKNOWN("unrecognised text",
            "dmascope does not recognise this file; it reads lspci output (-t tree, -v/-vv/-vvv listing, -x/-xxx/-xxxx hex"
                    + " dumps, -vmm/-mm), IOMMU group listings, hwloc topology XML and dmascope topology JSON");

    private final String description;
    private final String refusal;

    InputFormat(String description, String refusal) {
        this.description = description;
        this.refusal = refusal;
    }

    /** In words, for the import report: {@code lspci -t tree}. */
    public String description() {
        return description;
    }

    /** True when a topology can be built from this kind of file. */
    public boolean isTopologySource() {
        return refusal == null;
    }

    /** Why no topology can be built from it, for the user; empty for sources. */
    public String refusal() {
        return refusal == null ? "" : refusal;
    }
}
