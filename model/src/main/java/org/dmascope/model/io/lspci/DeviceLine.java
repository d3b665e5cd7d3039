package org.dmascope.model.io.lspci;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.dmascope.model.topology.PciIdentity;

/**
 * An lspci device line: {@code SLOT CLASS: VENDOR DEVICE (rev RR) (prog-if PP [NAME])}, with any of
 * {@code -D} (domain), {@code -P}/{@code -PP} (bridge path before the slot), {@code -n}/{@code -nn}
 * (numeric IDs). lspci prints vendor and device names as one string, so the names are kept together.
 *
 * @param path        the slot, or the bridge path ending in the slot; the last hop is the device
 * @param description everything after the slot
 */
public record DeviceLine(List<Hop> path, String description) {

    /**
     * One element of a slot path. The first hop has a bus (and maybe a domain); with {@code -P} the
     * later hops give only device and function.
     */
    public record Hop(OptionalInt domain, OptionalInt bus, int device, int function) {
    }

    private static final Pattern PROG_IF = Pattern.compile("\\(prog-if ([0-9a-fA-F]{2})(?: \\[[^]]*])?\\)$");
    private static final Pattern REV = Pattern.compile("\\(rev ([0-9a-fA-F]{2})\\)$");
    private static final Pattern NN_IDS = Pattern.compile("^(.*?)\\s*\\[([0-9a-fA-F]{4}):([0-9a-fA-F]{4})]$");
    private static final Pattern N_IDS = Pattern.compile("^([0-9a-fA-F]{4}):([0-9a-fA-F]{4})$");
    private static final Pattern UNKNOWN_VENDOR = Pattern.compile("^Device ([0-9a-fA-F]{4}):([0-9a-fA-F]{4})$");
    private static final Pattern UNKNOWN_DEVICE = Pattern.compile("^.*\\bDevice ([0-9a-fA-F]{4})$");
    private static final Pattern CLASS_NN = Pattern.compile("^(.*?)\\s*\\[([0-9a-fA-F]{4})]$");
    private static final Pattern CLASS_N = Pattern.compile("^(?:Class )?([0-9a-fA-F]{4})$");

    /** The device's own slot (the last hop). */
    public Hop slot() {
        return path.get(path.size() - 1);
    }

    public boolean hasPath() {
        return path.size() > 1;
    }

    /**
     * Parses a line that starts (after optional blanks) with a slot followed by a blank or the end.
     * Returns empty for anything else, so callers can use it to recognise device lines.
     */
    public static Optional<DeviceLine> parse(String line) {
        int i = 0;
        int n = line.length();
        while (i < n && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) i++;
        if (i >= n || Character.digit(line.charAt(i), 16) < 0) return Optional.empty();
        List<Hop> path = new ArrayList<>(2);
        int[] end = new int[1];
        Hop first = firstHop(line, i, end);
        if (first == null) return Optional.empty();
        path.add(first);
        i = end[0];
        while (i < n && line.charAt(i) == '/') {
            Hop h = laterHop(line, i + 1, end);
            if (h == null) return Optional.empty();
            path.add(h);
            i = end[0];
        }
        if (i < n && line.charAt(i) != ' ' && line.charAt(i) != '\t') return Optional.empty();
        return Optional.of(new DeviceLine(List.copyOf(path), line.substring(i).trim()));
    }

    private static Hop firstHop(String s, int i, int[] end) {
        int a = hexRun(s, i);
        if (a == i || a >= s.length() || s.charAt(a) != ':') return null;
        int b = hexRun(s, a + 1);
        if (b == a + 1 || b >= s.length()) return null;
        if (s.charAt(b) == ':') {
            if (a - i < 4 || a - i > 8 || b - a - 1 != 2) return null;
            long domain = Long.parseLong(s.substring(i, a), 16);
            // Eight hex digits hold more than the kernel's int domain: 80000000 and above are no slot.
            if (domain > Integer.MAX_VALUE) return null;
            int bus = Integer.parseInt(s.substring(a + 1, b), 16);
            return devfn(s, b + 1, OptionalInt.of((int) domain), OptionalInt.of(bus), end);
        }
        if (a - i != 2) return null;
        return devfn(s, a + 1, OptionalInt.empty(), OptionalInt.of(Integer.parseInt(s.substring(i, a), 16)), end);
    }

    private static Hop laterHop(String s, int i, int[] end) {
        int a = hexRun(s, i);
        if (a - i != 2 || a >= s.length()) return null;
        if (s.charAt(a) == ':') return devfn(s, i + 3, OptionalInt.empty(),
                OptionalInt.of(Integer.parseInt(s.substring(i, a), 16)), end);
        return devfn(s, i, OptionalInt.empty(), OptionalInt.empty(), end);
    }

    /** Reads {@code dd.f} at {@code i}. */
    private static Hop devfn(String s, int i, OptionalInt domain, OptionalInt bus, int[] end) {
        if (i + 4 > s.length() || hexRun(s, i) != i + 2 || s.charAt(i + 2) != '.') return null;
        char f = s.charAt(i + 3);
        if (f < '0' || f > '7') return null;
        int device = Integer.parseInt(s.substring(i, i + 2), 16);
        if (device > 0x1F) return null;
        end[0] = i + 4;
        return new Hop(domain, bus, device, f - '0');
    }

    private static int hexRun(String s, int i) {
        while (i < s.length() && Character.digit(s.charAt(i), 16) >= 0) i++;
        return i;
    }

    /** The identity the description states; the programming interface is 00 when the line does not print it. */
    public PciIdentity identity() {
        String rest = description;
        Optional<String> className = Optional.empty();
        OptionalInt classCode = OptionalInt.empty();
        int colon = rest.indexOf(": ");
        if (colon < 0 && rest.endsWith(":")) colon = rest.length() - 1;
        if (colon >= 0) {
            ClassText cls = classText(rest.substring(0, colon));
            className = cls.name();
            classCode = cls.code();
            rest = rest.substring(Math.min(rest.length(), colon + 2)).trim();
        }
        int progIf = 0;
        Matcher p = PROG_IF.matcher(rest);
        if (p.find()) {
            progIf = Integer.parseInt(p.group(1), 16);
            rest = rest.substring(0, p.start()).trim();
        }
        OptionalInt revision = OptionalInt.empty();
        Matcher r = REV.matcher(rest);
        if (r.find()) {
            revision = OptionalInt.of(Integer.parseInt(r.group(1), 16));
            rest = rest.substring(0, r.start()).trim();
        }
        Names names = names(rest.trim());
        OptionalInt full = classCode.isPresent() ? OptionalInt.of(classCode.getAsInt() << 8 | progIf)
                : OptionalInt.empty();
        return new PciIdentity(names.vendorId, names.deviceId, OptionalInt.empty(), OptionalInt.empty(), full, revision,
                Optional.empty(), names.name, Optional.empty(), className);
    }

    /** A class as lspci prints it: its base class and subclass ({@code 0x0604}) and name, as far as shown. */
    record ClassText(OptionalInt code, Optional<String> name) {
    }

    /** {@code PCI bridge}, {@code PCI bridge [0604]}, {@code Class 0604}, {@code Class [0d80]} or {@code 0604}. */
    static ClassText classText(String text) {
        String cls = text.trim();
        Matcher m = CLASS_NN.matcher(cls);
        if (m.matches()) {
            String name = m.group(1);
            return new ClassText(OptionalInt.of(Integer.parseInt(m.group(2), 16)),
                    name.isEmpty() || name.equals("Class") ? Optional.empty() : Optional.of(name));
        }
        m = CLASS_N.matcher(cls);
        if (m.matches()) return new ClassText(OptionalInt.of(Integer.parseInt(m.group(1), 16)), Optional.empty());
        if (cls.isEmpty()) return new ClassText(OptionalInt.empty(), Optional.empty());
        return new ClassText(ClassNames.code(cls), Optional.of(cls));
    }

    /** What a vendor-and-device name says: {@code Name [vvvv:dddd]}, {@code vvvv:dddd}, {@code Device vvvv:dddd} … */
    record Names(OptionalInt vendorId, OptionalInt deviceId, Optional<String> name) {
    }

    static Names names(String text) {
        Matcher m = NN_IDS.matcher(text);
        if (m.matches()) {
            String name = m.group(1).trim();
            return new Names(OptionalInt.of(Integer.parseInt(m.group(2), 16)),
                    OptionalInt.of(Integer.parseInt(m.group(3), 16)),
                    name.isEmpty() || name.equals("Device") ? Optional.empty() : Optional.of(name));
        }
        m = N_IDS.matcher(text);
        if (!m.matches()) m = UNKNOWN_VENDOR.matcher(text);
        if (m.matches()) {
            return new Names(OptionalInt.of(Integer.parseInt(m.group(1), 16)),
                    OptionalInt.of(Integer.parseInt(m.group(2), 16)),
                    Optional.empty());
        }
        m = UNKNOWN_DEVICE.matcher(text);
        if (m.matches()) {
            return new Names(OptionalInt.empty(), OptionalInt.of(Integer.parseInt(m.group(1), 16)), Optional.of(text));
        }
        return new Names(OptionalInt.empty(), OptionalInt.empty(), text.isEmpty() ? Optional.empty()
                : Optional.of(text));
    }
}
