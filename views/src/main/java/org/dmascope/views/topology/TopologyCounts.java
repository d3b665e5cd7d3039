package org.dmascope.views.topology;

import org.dmascope.model.topology.DeviceKind;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.PortType;
import org.dmascope.model.topology.Topology;

/**
 * What the status bar counts. A switch is counted by its upstream port; an endpoint is any function
 * that is not a port, bridge or host bridge (VFs included).
 */
public record TopologyCounts(int functions, int hostBridges, int switches, int endpoints, int numaNodes) {

    public static TopologyCounts of(Topology t) {
        int switches = 0;
        int endpoints = 0;
        for (PciFunction f : t.functions()) {
            if (f.portType().filter(p -> p == PortType.SWITCH_UPSTREAM).isPresent()) switches++;
            if (isEndpoint(f)) endpoints++;
        }
        return new TopologyCounts(t.functions().size(), t.hostBridges().size(), switches, endpoints,
                t.numaNodes().size());
    }

    private static boolean isEndpoint(PciFunction f) {
        if (f.bridge().isPresent() || f.portType().filter(PortType::isBridgePort).isPresent()) return false;
        DeviceKind k = f.kind();
        return k != DeviceKind.HOST_BRIDGE && k != DeviceKind.ROOT_PORT && k != DeviceKind.SWITCH_PORT
                && k != DeviceKind.PCI_BRIDGE;
    }

    /** {@code 13 functions · 1 host bridge · 1 switch · 6 endpoints · 1 NUMA node}. */
    public String text() {
        return String.join(" · ", plural(functions, "function"), plural(hostBridges, "host bridge"),
                plural(switches, "switch"), plural(endpoints, "endpoint"), plural(numaNodes, "NUMA node"));
    }

    private static String plural(int n, String word) {
        if (n == 1) return "1 " + word;
        return n + " " + (word.endsWith("ch") ? word + "es" : word + "s");
    }
}
