package org.dmascope.views.topology;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

import org.dmascope.model.topology.HostBridge;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.Topology;

/**
 * Finds devices by address (with or without domain, or any part of it such as {@code 3:00}) or by a
 * name substring (device, vendor, class, driver or kind; every word of the query must occur). Exact
 * addresses rank first, then address prefixes, other address parts, then names; ties in address order.
 */
public final class DeviceSearch {
    private DeviceSearch() {
    }

    /** One hit: the item, how well it matched (lower is better) and a one-line description. */
    public record Match(TopologyItem item, int rank, String text) {
        public static final int EXACT_ADDRESS = 0;
        public static final int ADDRESS_PREFIX = 1;
        public static final int ADDRESS_PART = 2;
        public static final int NAME = 3;
    }

    public static List<Match> find(Topology topology, String query) {
        String q = query == null ? "" : query.trim().toLowerCase(Locale.ROOT);
        if (q.isEmpty() || topology == null) return List.of();
        String[] words = q.split("\\s+");
        List<Match> matches = new ArrayList<>();
        for (HostBridge hb : topology.hostBridges()) {
            if (hb.id().toLowerCase(Locale.ROOT).contains(q)) {
                matches.add(new Match(TopologyItem.host(hb.id()), Match.ADDRESS_PART, DeviceText.hostBridgeTitle(hb)));
            }
        }
        for (PciFunction f : topology.functions()) {
            rank(f, q, words).ifPresent(r -> matches.add(new Match(TopologyItem.device(f.address()), r,
                    f.address() + "  " + DeviceText.shortName(f))));
        }
        matches.sort(Comparator.comparingInt(Match::rank));
        return List.copyOf(matches);
    }

    private static Optional<Integer> rank(PciFunction f, String q, String[] words) {
        String full = f.address().toString();
        String shortText = f.address().shortText();
        if (full.equals(q) || shortText.equals(q)) return Optional.of(Match.EXACT_ADDRESS);
        if (full.startsWith(q) || shortText.startsWith(q)) return Optional.of(Match.ADDRESS_PREFIX);
        if (full.contains(q)) return Optional.of(Match.ADDRESS_PART);
        String names = Stream.of(f.identity().deviceName(), f.identity().vendorName(), f.identity().className(),
                        f.identity().subsystemName(), f.driver())
                .flatMap(Optional::stream)
                .reduce(DeviceText.shortName(f) + " " + DeviceText.detail(f), (a, b) -> a + " " + b)
                .toLowerCase(Locale.ROOT);
        for (String w : words) if (!names.contains(w)) return Optional.empty();
        return Optional.of(Match.NAME);
    }
}
