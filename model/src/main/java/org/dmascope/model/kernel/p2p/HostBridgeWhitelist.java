package org.dmascope.model.kernel.p2p;

import java.util.List;
import java.util.Optional;

import org.dmascope.model.kernel.acs.DeviceWords;
import org.dmascope.model.kernel.profile.KernelProfile;
import org.dmascope.model.kernel.rule.KernelRule;
import org.dmascope.model.topology.PciBus;
import org.dmascope.model.topology.PciFunction;

/**
 * R-P2P-4 {@code host_bridge_whitelist(a, b)} and {@code __host_bridge_whitelist(host, same)}
 * (drivers/pci/p2pdma.c): when both devices hang below the same host bridge, its host bridge device
 * ({@link HostBridgeDevice}) must match an entry; below different host bridges both must match, and
 * an entry flagged REQ_SAME_HOST_BRIDGE then fails. The first entry matching the vendor (and device,
 * unless the entry says any) decides.
 */
@KernelRule("R-P2P-4")
public final class HostBridgeWhitelist {
    private HostBridgeWhitelist() {
    }

    /** The answer and the sentence that explains it. */
    public record Result(boolean whitelisted, String words) {
    }

    /** {@code host_bridge_whitelist()} for two root buses (each standing for its host bridge). */
    public static Result evaluate(PciBus rootA, PciBus rootB, KernelProfile profile) {
        List<P2pWhitelist.Entry> table = P2pWhitelist.forProfile(profile);
        if (rootA == rootB) return single(rootA, true, table, profile);
        Result a = single(rootA, false, table, profile);
        if (!a.whitelisted()) return new Result(false, "they sit under different host bridges; " + a.words());
        Result b = single(rootB, false, table, profile);
        if (!b.whitelisted()) return new Result(false, "they sit under different host bridges; " + b.words());
        return new Result(true, "they sit under different host bridges, both on the P2PDMA whitelist (" + a.words()
                + "; "
                + b.words() + ")");
    }

    /** {@code __host_bridge_whitelist(host, same_host_bridge)}. */
    static Result single(PciBus root, boolean sameHostBridge, List<P2pWhitelist.Entry> table, KernelProfile profile) {
        String name = root.host().map(h -> h.id()).orElse(String.format("root bus %04x:%02x", root.domain(),
                root.number()));
        HostBridgeDevice.Result hbd = HostBridgeDevice.of(root, profile);
        if (hbd.device().isEmpty()) {
            return new Result(false, "host bridge " + name + " has no host bridge device to check (" + hbd.words()
                    + "), so pci_host_bridge_dev() returns NULL and it is not whitelisted");
        }
        PciFunction dev = hbd.device().get();
        String who = "host bridge device " + dev.address() + " (" + DeviceWords.ids(dev) + ") of " + name;
        int v = dev.identity().vendorId().orElse(-1);
        int d = dev.identity().deviceId().orElse(-1);
        for (P2pWhitelist.Entry e : table) {
            if (e.vendor() != v) continue;
            if (e.device() != P2pWhitelist.ANY && e.device() != d) continue;
            if (e.reqSameHostBridge() && !sameHostBridge) {
                return new Result(false, who + " matches whitelist entry " + e.ids() + " (" + e.what()
                        + "), which is flagged REQ_SAME_HOST_BRIDGE and so only allows P2P under one host bridge");
            }
            return new Result(true, who + " is on the P2PDMA whitelist (" + e.ids() + ", " + e.what() + ")");
        }
        return new Result(false, who + " is not on the P2PDMA whitelist of Linux " + profile.id());
    }

    /** The entry a device matches, if any, ignoring the same-host-bridge flag (for matrix notes). */
    public static Optional<P2pWhitelist.Entry> entryFor(PciFunction dev, KernelProfile profile) {
        int v = dev.identity().vendorId().orElse(-1);
        int d = dev.identity().deviceId().orElse(-1);
        for (P2pWhitelist.Entry e : P2pWhitelist.forProfile(profile)) {
            if (e.vendor() == v && (e.device() == P2pWhitelist.ANY || e.device() == d)) return Optional.of(e);
        }
        return Optional.empty();
    }
}
