package org.dmascope.views.topology;

import org.dmascope.model.topology.Bdf;

/**
 * Something on the topology canvas a user can select: a PCI function, a host bridge or a NUMA node.
 * Each has a node id usable in CSS selectors and {@code lookup("#…")}; PCI addresses contain ':' and
 * '.', which a CSS id selector would read as a pseudo-class and a style class, so both become '-'.
 */
public sealed interface TopologyItem permits TopologyItem.Device, TopologyItem.Host, TopologyItem.Numa {

    /** The id of the node that draws this item, e.g. {@code device-0000-03-00-0}. */
    String nodeId();

    static Device device(Bdf address) {
        return new Device(address);
    }

    static Host host(String hostBridgeId) {
        return new Host(hostBridgeId);
    }

    static Numa numa(int nodeId) {
        return new Numa(nodeId);
    }

    /** The node id for a PCI function. */
    static String nodeId(Bdf address) {
        return "device-" + sanitise(address.toString());
    }

    /** Letters, digits, '-' and '_' are safe in a CSS id selector; everything else becomes '-'. */
    static String sanitise(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            sb.append(Character.isLetterOrDigit(c) && c < 128 || c == '-' || c == '_' ? c : '-');
        }
        return sb.toString();
    }

    record Device(Bdf address) implements TopologyItem {
        @Override
        public String nodeId() {
            return TopologyItem.nodeId(address);
        }
    }

    record Host(String id) implements TopologyItem {
        @Override
        public String nodeId() {
            return "host-bridge-" + sanitise(id);
        }
    }

    record Numa(int id) implements TopologyItem {
        @Override
        public String nodeId() {
            return "numa-node-" + id;
        }
    }
}
