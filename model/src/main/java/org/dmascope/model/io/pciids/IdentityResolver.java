package org.dmascope.model.io.pciids;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;

import org.dmascope.model.topology.PciId;
import org.dmascope.model.topology.PciIdentity;

/**
 * Completes an identity from pci.ids, the way lspci built it the other way round:
 * <ul>
 * <li>names without IDs (lspci without {@code -nn}, the commonest paste): the vendor ID by the vendor's
 * name, the device ID by the vendor and the device's name. lspci prints both names as one string, so
 * the vendor's name is found as the longest leading words pci.ids knows as a vendor under which the
 * rest names a device. A name pci.ids gives to several IDs is not guessed: the ID stays unknown and
 * every candidate is kept in {@link PciIdentity#idCandidates()};</li>
 * <li>IDs without names ({@code -n}, {@code lspci -tn}, hex dumps): the names, the subsystem's and the class's;</li>
 * <li>a combined name is split into vendor and device name wherever the vendor is known.</li>
 * </ul>
 * An ID or name the export gives is never replaced.
 */
public final class IdentityResolver {
    /** Provenance keys of the parts that can come from pci.ids (the inspector's identity rows use them). */
    public static final String VENDOR_ID = "vendor";
    public static final String DEVICE_ID = "device";
    public static final String VENDOR_NAME = "vendorName";
    public static final String DEVICE_NAME = "deviceName";
    public static final String SUBSYSTEM_NAME = "subsystemName";
    public static final String CLASS_NAME = "className";

    /**
     * lspci's name for a device its pci.ids does not know: {@code Device 7316}, or {@code Device} once
     * {@code -nn} has put the ID in brackets.
     */
    private static final Pattern PLACEHOLDER = Pattern.compile("^Device(?: [0-9a-fA-F]{4})?$");

    /** What resolving a name found. */
    public enum Outcome {
        /** Nothing to resolve: the IDs were given, or no name was. */
        NOTHING_TO_RESOLVE,
        /** Every missing ID was found, each under exactly one entry. */
        RESOLVED,
        /** pci.ids gives the name to several IDs: see the candidates. */
        AMBIGUOUS,
        /** No vendor of pci.ids has a name the export's name starts with. */
        VENDOR_NOT_FOUND,
        /** The vendor was found, but none of its devices has the name. */
        DEVICE_NOT_FOUND
    }

    /**
     * The completed identity and what was taken from pci.ids.
     *
     * @param identity   the identity with what pci.ids adds
     * @param fromPciIds provenance key ({@link #VENDOR_ID} …) → line of pci.ids it came from (0: the file)
     * @param outcome    what resolving the names to IDs found
     * @param name       the name that was resolved (or not), as the export printed it
     */
    public record Resolution(PciIdentity identity, Map<String, Integer> fromPciIds, Outcome outcome, String name) {
        public Resolution {
            fromPciIds = Map.copyOf(fromPciIds);
        }
    }

    private final PciIdDatabase db;
    /** A server repeats each name dozens of times (one per socket, channel, link): each is resolved once. */
    private final Map<PciIdentity, Resolution> resolved = new HashMap<>();

    /** A resolver for one import (it remembers what it resolved; not thread-safe). */
    public IdentityResolver(PciIdDatabase db) {
        this.db = db;
    }

    /**
     * True when {@link #resolve} could change the identity: an ID or a name is missing, or the names are
     * one string. Lets an import decide whether it needs the database at all.
     */
    public static boolean wants(PciIdentity id) {
        boolean named = id.vendorName().isPresent() || id.deviceName().isPresent();
        boolean identified = id.vendorId().isPresent() && id.deviceId().isPresent();
        return named && !identified
                || named && id.vendorName().isEmpty()
                || !named && id.vendorId().isPresent()
                || id.subsystemName().isEmpty() && id.subsystemVendorId().isPresent()
                || id.className().isEmpty() && id.classCode().isPresent();
    }

    public Resolution resolve(PciIdentity id) {
        return resolved.computeIfAbsent(id, this::resolveOnce);
    }

    private Resolution resolveOnce(PciIdentity id) {
        Builder b = new Builder(id);
        Outcome outcome = Outcome.NOTHING_TO_RESOLVE;
        String name = id.vendorName().map(v -> v + id.deviceName().map(d -> " " + d).orElse(""))
                .or(id::deviceName).orElse("");
        List<Split> splits = splits(id);
        boolean missingIds = id.vendorId().isEmpty() || id.deviceId().isEmpty();
        if (missingIds && !name.isEmpty()) {
            outcome = splits.isEmpty() ? Outcome.VENDOR_NOT_FOUND : resolveIds(splits, b);
        } else if (!splits.isEmpty()) {
            b.names(splits.get(0));
        }
        fillNames(b);
        return new Resolution(b.build(), b.fromPciIds, outcome, name);
    }

    /** One way to read the export's names: which text is the vendor's, which the device's, and the vendors. */
    private record Split(String vendorText, String deviceText, List<PciIdDatabase.Vendor> vendors) {
        boolean placeholderDevice() {
            return deviceText.isEmpty() || PLACEHOLDER.matcher(deviceText).matches();
        }
    }

    /** The readings of the names, the longest vendor name first. */
    private List<Split> splits(PciIdentity id) {
        List<Split> out = new ArrayList<>();
        if (id.vendorName().isPresent()) {
            List<PciIdDatabase.Vendor> vendors = onlyWithId(db.vendorsNamed(id.vendorName().get()), id.vendorId());
            if (id.vendorId().isPresent() && vendors.isEmpty()) vendors = db.vendor(id.vendorId().getAsInt()).stream()
                    .toList();
            if (!vendors.isEmpty()) out.add(new Split(id.vendorName().get(), id.deviceName().orElse(""), vendors));
            return out;
        }
        if (id.deviceName().isEmpty()) return out;
        String combined = id.deviceName().get().strip();
        List<Integer> ends = wordEnds(combined);
        List<String> words = new ArrayList<>(ends.size());
        for (int k = 0; k < ends.size(); k++) words.add(combined.substring(k == 0 ? 0 : ends.get(k - 1), ends.get(k)));
        String[] keys = PciIdNames.vendorKeysOfPrefixes(words);
        for (int k = ends.size() - 1; k >= 0; k--) {
            String vendorText = combined.substring(0, ends.get(k));
            List<PciIdDatabase.Vendor> vendors = onlyWithId(db.vendorsWithKey(keys[k], vendorText), id.vendorId());
            if (!vendors.isEmpty()) out.add(new Split(vendorText, combined.substring(ends.get(k)).strip(), vendors));
        }
        if (out.isEmpty() && id.vendorId().isPresent() && id.deviceId().isPresent()) {
            // The vendor was renamed since the export was made: find the device's name at the end instead.
            Optional<PciIdDatabase.Device> d = db.device(id.vendorId().getAsInt(), id.deviceId().getAsInt());
            Optional<PciIdDatabase.Vendor> v = db.vendor(id.vendorId().getAsInt());
            if (d.isPresent() && v.isPresent() && combined.length() > d.get().name().length()) {
                int cut = combined.length() - d.get().name().length();
                String vendorText = combined.substring(0, cut).strip();
                if (PciIdNames.sameText(combined.substring(cut), d.get().name()) && !vendorText.isEmpty()
                        && Character.isWhitespace(combined.charAt(cut - 1))) {
                    out.add(new Split(vendorText, d.get().name(), List.of(v.get())));
                }
            }
        }
        return out;
    }

    private static List<PciIdDatabase.Vendor> onlyWithId(List<PciIdDatabase.Vendor> vendors, OptionalInt id) {
        if (id.isEmpty()) return vendors;
        return vendors.stream().filter(v -> v.id() == id.getAsInt()).toList();
    }

    /** Where each word ends, the last included: the whole name may be only the vendor's. */
    private static List<Integer> wordEnds(String s) {
        List<Integer> ends = new ArrayList<>();
        for (int i = 1; i <= s.length(); i++) {
            if (i == s.length() || Character.isWhitespace(s.charAt(i)) && !Character.isWhitespace(s.charAt(i - 1))) {
                ends.add(i);
            }
        }
        return ends;
    }

    /** A candidate ID with the pci.ids lines of its vendor and (when it was looked up by name) its device. */
    private record Match(PciId id, int vendorLine, int deviceLine) {
    }

    private Outcome resolveIds(List<Split> splits, Builder b) {
        OptionalInt knownDevice = b.id.deviceId();
        for (Split s : splits) {
            List<Match> matches = new ArrayList<>();
            for (PciIdDatabase.Vendor v : s.vendors()) {
                if (knownDevice.isPresent()) {
                    // lspci printed "Device 09a2" (or the device's name) and the ID: the vendor is what is missing.
                    Optional<PciIdDatabase.Device> d = db.device(v.id(), knownDevice.getAsInt());
                    if (s.placeholderDevice() || d.isPresent() && PciIdNames.key(d.get().name())
                            .equals(PciIdNames.key(s.deviceText()))) {
                        matches.add(new Match(PciId.of(v.id(), knownDevice.getAsInt()), v.line(), 0));
                    }
                } else if (!s.placeholderDevice()) {
                    for (PciIdDatabase.Device d : db.devicesNamed(v.id(), s.deviceText())) {
                        matches.add(new Match(PciId.of(v.id(), d.id()), v.line(), d.line()));
                    }
                }
            }
            if (matches.isEmpty()) continue;
            b.names(s);
            return decide(matches, b);
        }
        Split longest = splits.get(0);
        b.names(longest);
        Set<Integer> vendorIds = new LinkedHashSet<>();
        for (PciIdDatabase.Vendor v : longest.vendors()) vendorIds.add(v.id());
        if (b.id.vendorId().isEmpty()) {
            if (vendorIds.size() > 1) {
                b.candidates(vendorIds.stream().map(PciId::vendor).toList());
                return Outcome.AMBIGUOUS;
            }
            b.vendorId(longest.vendors().get(0).id(), longest.vendors().get(0).line());
        }
        return knownDevice.isPresent() ? Outcome.RESOLVED : Outcome.DEVICE_NOT_FOUND;
    }

    private static Outcome decide(List<Match> matches, Builder b) {
        Set<Integer> vendorIds = new LinkedHashSet<>();
        for (Match m : matches) vendorIds.add(m.id().vendorId());
        if (b.id.vendorId().isEmpty() && vendorIds.size() == 1) {
            b.vendorId(matches.get(0).id().vendorId(), matches.get(0).vendorLine());
        }
        if (matches.size() == 1) {
            Match m = matches.get(0);
            if (b.id.deviceId().isEmpty()) b.deviceId(m.id().deviceId().getAsInt(), m.deviceLine());
            return Outcome.RESOLVED;
        }
        b.candidates(matches.stream().map(Match::id).toList());
        return Outcome.AMBIGUOUS;
    }

    /** Names pci.ids gives the IDs, where the export gave none. */
    private void fillNames(Builder b) {
        PciIdentity id = b.id;
        boolean unsplit = id.vendorName().isEmpty() && b.deviceName.isPresent() && !b.split;
        if (b.vendorName.isEmpty() && !unsplit && b.vendorId.isPresent()) {
            db.vendor(b.vendorId.getAsInt()).ifPresent(v -> {
                b.vendorName = Optional.of(v.name());
                b.fromPciIds.put(VENDOR_NAME, v.line());
            });
        }
        if (b.deviceName.isEmpty() && b.vendorId.isPresent() && b.deviceId.isPresent()) {
            db.device(b.vendorId.getAsInt(), b.deviceId.getAsInt()).ifPresent(d -> {
                b.deviceName = Optional.of(d.name());
                b.fromPciIds.put(DEVICE_NAME, d.line());
            });
        }
        if (id.subsystemName().isEmpty() && id.subsystemVendorId().isPresent() && id.subsystemDeviceId().isPresent()) {
            subsystemName(b);
        }
        if (id.className().isEmpty() && id.classCode().isPresent()) {
            db.className(id.classCode().getAsInt() >> 8).ifPresent(c -> {
                b.className = Optional.of(c);
                b.fromPciIds.put(CLASS_NAME, 0);
            });
        }
    }

    /** As lspci prints it: the subsystem vendor's name, then the subsystem's name or {@code Device ssss}. */
    private void subsystemName(Builder b) {
        int sv = b.id.subsystemVendorId().getAsInt();
        int sd = b.id.subsystemDeviceId().getAsInt();
        Optional<PciIdDatabase.Vendor> vendor = db.vendor(sv);
        if (vendor.isEmpty()) return;
        Optional<PciIdDatabase.Subsystem> s = b.vendorId.isPresent() && b.deviceId.isPresent()
                ? db.subsystem(b.vendorId.getAsInt(), b.deviceId.getAsInt(), sv, sd) : Optional.empty();
        b.subsystemName = Optional.of(vendor.get().name() + " " + s.map(PciIdDatabase.Subsystem::name)
                .orElse(String.format("Device %04x", sd)));
        b.fromPciIds.put(SUBSYSTEM_NAME, s.map(PciIdDatabase.Subsystem::line).orElse(vendor.get().line()));
    }

    /** The identity being completed. */
    private static final class Builder {
        final PciIdentity id;
        final Map<String, Integer> fromPciIds = new LinkedHashMap<>();
        OptionalInt vendorId;
        OptionalInt deviceId;
        Optional<String> vendorName;
        Optional<String> deviceName;
        Optional<String> subsystemName;
        Optional<String> className;
        List<PciId> candidates;
        boolean split;

        Builder(PciIdentity id) {
            this.id = id;
            vendorId = id.vendorId();
            deviceId = id.deviceId();
            vendorName = id.vendorName();
            deviceName = id.deviceName();
            subsystemName = id.subsystemName();
            className = id.className();
            candidates = id.idCandidates();
        }

        /** Takes the vendor's and the device's name as the split reads them; "Device 7316" is no name. */
        void names(Split s) {
            split = true;
            vendorName = Optional.of(s.vendorText());
            deviceName = s.placeholderDevice() ? Optional.empty() : Optional.of(s.deviceText());
        }

        void vendorId(int v, int line) {
            vendorId = OptionalInt.of(v);
            fromPciIds.put(VENDOR_ID, line);
        }

        void deviceId(int d, int line) {
            deviceId = OptionalInt.of(d);
            fromPciIds.put(DEVICE_ID, line);
        }

        void candidates(List<PciId> c) {
            candidates = List.copyOf(c);
        }

        PciIdentity build() {
            return new PciIdentity(vendorId, deviceId, id.subsystemVendorId(), id.subsystemDeviceId(), id.classCode(),
                    id.revision(), vendorName, deviceName, subsystemName, className, candidates);
        }
    }
}
