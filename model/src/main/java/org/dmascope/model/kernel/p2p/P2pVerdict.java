package org.dmascope.model.kernel.p2p;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.dmascope.model.topology.Bdf;

/**
 * The result of R-P2P-5 {@code calc_map_type_and_dist(provider, client)} with everything that
 * explains it.
 *
 * @param provider       the device whose memory is accessed
 * @param client         the device doing DMA to it
 * @param mapType        BUS_ADDR, THRU_HOST_BRIDGE or NOT_SUPPORTED
 * @param distance       the kernel's hop distance
 * @param commonUpstream the nearest device both upstream chains reach (empty: they meet only at the host)
 * @param providerPath   the provider's {@code pci_upstream_bridge()} chain, provider first
 * @param clientPath     the client's chain, client first
 * @param acsRedirects   devices the kernel counted as redirecting (provider walk incl. the common device, then client
 * walk)
 * @param hostBridge     the host-bridge test, when the traffic would cross the host bridge
 * @param reason         one sentence
 * @param rules          the R-ids that decided
 * @param notes          assumptions about register values on the paths
 * @param suggestion     what would give BUS_ADDR, e.g. {@code pci=disable_acs_redir=0000:02:02.0}
 */
public record P2pVerdict(Bdf provider, Bdf client, P2pMapType mapType, int distance, Optional<Bdf> commonUpstream,
                         List<Bdf> providerPath, List<Bdf> clientPath, List<RedirectPort> acsRedirects,
                         Optional<HostBridgeCheck> hostBridge, String reason, List<String> rules, List<String> notes,
                         Optional<String> suggestion) {

    public P2pVerdict {
        Objects.requireNonNull(provider);
        Objects.requireNonNull(client);
        Objects.requireNonNull(mapType);
        providerPath = List.copyOf(providerPath);
        clientPath = List.copyOf(clientPath);
        acsRedirects = List.copyOf(acsRedirects);
        rules = List.copyOf(rules);
        notes = List.copyOf(notes);
    }

    /** True when the traffic leaves the PCIe hierarchy through the root complex. */
    public boolean viaHostBridge() {
        return hostBridge.isPresent();
    }
}
