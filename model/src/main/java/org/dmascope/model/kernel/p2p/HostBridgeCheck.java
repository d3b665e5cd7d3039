package org.dmascope.model.kernel.p2p;

/**
 * The "map through the host bridge" test of R-P2P-5: {@code cpu_supports_p2pdma() ||
 * host_bridge_whitelist(provider, client)}.
 *
 * @param allowed the traffic may go through the host bridge (THRU_HOST_BRIDGE), else NOT_SUPPORTED
 * @param byCpu   the CPU rule decided and the whitelist was not consulted
 * @param words   the sentence
 */
public record HostBridgeCheck(boolean allowed, boolean byCpu, String words) {
}
