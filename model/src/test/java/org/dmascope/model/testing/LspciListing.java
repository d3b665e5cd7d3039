package org.dmascope.model.testing;

/**
 * Writes a crafted {@code lspci -Dvvnn} listing, block by block, with what the importer needs to build
 * the tree: the device line with class and IDs, the subsystem, the NUMA node, a bridge's bus numbers and
 * the PCIe port type. For tests that pair another tool's output with a machine it matches (or, changed on
 * purpose, does not).
 */
public final class LspciListing {
    private final StringBuilder text = new StringBuilder();

    /** A host bridge function on a root bus (the import takes bus 00 and class 0600 for a root bus). */
    public LspciListing hostBridge(String address, String ids, int numa) {
        return block(address, "Host bridge [0600]: Host bridge [" + ids + "]", null, numa, null, null);
    }

    public LspciListing rootPort(String address, String ids, int secondary, int subordinate, int numa) {
        return bridge(address, ids, null, secondary, subordinate, numa, "Root Port (Slot+)");
    }

    public LspciListing upstreamPort(String address, String ids, String subsystem, int secondary, int subordinate,
            int numa) {
        return bridge(address, ids, subsystem, secondary, subordinate, numa, "Upstream Port");
    }

    public LspciListing downstreamPort(String address, String ids, String subsystem, int secondary, int subordinate,
            int numa) {
        return bridge(address, ids, subsystem, secondary, subordinate, numa, "Downstream Port (Slot+)");
    }

    /**
     * @param cls     class and subclass in hex ({@code 0302})
     * @param name    the class name lspci prints ({@code 3D controller})
     * @param ids     {@code vendor:device}
     * @param subsystem {@code vendor:device} of the subsystem, or null
     */
    public LspciListing endpoint(String address, String cls, String name, String ids, String subsystem, int numa) {
        return block(address, name + " [" + cls + "]: Device [" + ids + "]", subsystem, numa, null, "Endpoint");
    }

    private LspciListing bridge(String address, String ids, String subsystem, int secondary, int subordinate,
            int numa, String port) {
        int primary = Integer.parseInt(address.substring(5, 7), 16);
        String bus = String.format("Bus: primary=%02x, secondary=%02x, subordinate=%02x, sec-latency=0", primary,
                secondary, subordinate);
        return block(address, "PCI bridge [0604]: Bridge [" + ids + "] (prog-if 00 [Normal decode])", subsystem,
                numa, bus, port);
    }

    private LspciListing block(String address, String line, String subsystem, int numa, String bus, String port) {
        text.append(address).append(' ').append(line).append('\n');
        if (subsystem != null) text.append("\tSubsystem: Device [").append(subsystem).append("]\n");
        if (numa >= 0) text.append("\tNUMA node: ").append(numa).append('\n');
        if (bus != null) text.append('\t').append(bus).append('\n');
        if (port != null) text.append("\tCapabilities: [68] Express (v2) ").append(port).append(", MSI 00\n");
        text.append('\n');
        return this;
    }

    public String text() {
        return text.toString();
    }
}
