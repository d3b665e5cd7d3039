package org.dmascope.model.kernel.route;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

import org.dmascope.model.topology.Bdf;

/**
 * The ordered hops a TLP from {@code from} to {@code to} takes, each with its decision and link, the
 * common upstream device and the bottleneck bandwidth.
 *
 * @param from            the requester
 * @param to              the completer; empty when the target is host memory (RAM behind the host bridge)
 * @param hops            in order, requester first
 * @param commonUpstream  the nearest device both {@code pci_upstream_bridge()} chains reach
 * @param viaRootComplex  the TLP goes up to the host bridge
 * @param delivered       false when a hop blocks it (egress control, or the kernel refuses the host bridge)
 * @param bottleneckGBps  the smallest one-direction payload bandwidth of the known links
 * @param bottleneck      which link that is, in words
 * @param notes           links whose state the input does not show, and other caveats
 */
public record TlpRoute(Bdf from, Optional<Bdf> to, List<RouteHop> hops, Optional<Bdf> commonUpstream,
        boolean viaRootComplex,
                       boolean delivered, OptionalDouble bottleneckGBps, Optional<String> bottleneck,
                               List<String> notes) {

    public TlpRoute {
        Objects.requireNonNull(from);
        Objects.requireNonNull(to);
        hops = List.copyOf(hops);
        notes = List.copyOf(notes);
    }
}
