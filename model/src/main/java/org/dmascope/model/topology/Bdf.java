package org.dmascope.model.topology;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PCI function address: domain (segment), bus, device (slot) and function, as lspci prints it
 * ({@code 0000:03:00.0}). Domains above 0xFFFF (VMD) print with five digits, as lspci does.
 */
public record Bdf(int domain, int bus, int device, int function) implements Comparable<Bdf> {

    private static final Pattern TEXT = Pattern.compile(
            "(?:([0-9a-fA-F]{1,8}):)?([0-9a-fA-F]{1,2}):([0-9a-fA-F]{1,2})\\.([0-7])");

    public Bdf {
        if (domain < 0) throw new IllegalArgumentException("PCI domain must not be negative: " + domain);
        if (bus < 0 || bus > 0xFF) throw new IllegalArgumentException("PCI bus out of range 00-ff: " + bus);
        if (device < 0 || device > 0x1F) throw new IllegalArgumentException("PCI device out of range 00-1f: " + device);
        if (function < 0 || function > 7) throw new IllegalArgumentException("PCI function out of range 0-7: "
                + function);
    }

    /**
     * The address packed as the kernel packs it (domain, bus, devfn), distinct for every address of the first 65,536
     * domains, then mixed (MurmurHash3's finaliser). The record's own hash mixes the fields by 31, so bus 1 of one
     * domain met device 31 of the bus before; the packed value alone puts every bus's 00.0 in one bucket of a
     * table of 256 or fewer (a hash table indexes by the low bits, which are the devfn).
     */
    @Override
    public int hashCode() {
        int h = domain << 16 | bus << 8 | device << 3 | function;
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        return h ^ h >>> 16;
    }

    public static Bdf of(int domain, int bus, int device, int function) {
        return new Bdf(domain, bus, device, function);
    }

    /** Builds an address from a bus number and a kernel {@code devfn} (slot << 3 | function). */
    public static Bdf ofDevfn(int domain, int bus, int devfn) {
        return new Bdf(domain, bus, (devfn >> 3) & 0x1F, devfn & 7);
    }

    /**
     * Parses {@code DDDD:BB:DD.F} or {@code BB:DD.F} (domain 0).
     *
     * @throws IllegalArgumentException with a sentence saying what is wrong
     */
    public static Bdf parse(String text) {
        Bdf canonical = canonical(text);
        if (canonical != null) return canonical;
        Matcher m = TEXT.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a PCI address (expected DDDD:BB:DD.F or BB:DD.F): \"" + text
                    + "\"");
        }
        Optional<String> range = outOfRange(m);
        if (range.isPresent()) throw new IllegalArgumentException("not a PCI address: \"" + text + "\": "
                + range.get());
        int domain = m.group(1) == null ? 0 : Integer.parseInt(m.group(1), 16);
        return new Bdf(domain, Integer.parseInt(m.group(2), 16), Integer.parseInt(m.group(3), 16),
                Integer.parseInt(m.group(4)));
    }

    /**
     * The address when {@code text} is exactly in the form this program and lspci write ({@code 0000:03:00.0})
     * and the slot is valid, else null; what the pattern would answer, without a matcher: files hold
     * tens of thousands of addresses in this form.
     */
    private static Bdf canonical(String text) {
        if (text == null || text.length() != 12 || text.charAt(4) != ':' || text.charAt(7) != ':'
                || text.charAt(10) != '.') {
            return null;
        }
        int domain = hexDigits(text, 0, 4);
        int bus = hexDigits(text, 5, 7);
        int device = hexDigits(text, 8, 10);
        char f = text.charAt(11);
        if (domain < 0 || bus < 0 || device < 0 || device > 0x1F || f < '0' || f > '7') return null;
        return new Bdf(domain, bus, device, f - '0');
    }

    /** The hex number in {@code text[from, to)}, or -1 when a character is not a hex digit. */
    private static int hexDigits(String text, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            int d = Character.digit(text.charAt(i), 16);
            if (d < 0 || text.charAt(i) > 'f') return -1;
            v = v << 4 | d;
        }
        return v;
    }

    /** True when {@code text} parses as an address. */
    public static boolean isValid(String text) {
        return problem(text).isEmpty();
    }

    /**
     * Why {@code text} is not an address, in words without the text ("a device number is at most 1f"), or
     * empty when it is one. For messages that name the text their own way.
     */
    public static Optional<String> problem(String text) {
        Matcher m = TEXT.matcher(text == null ? "" : text.trim());
        if (!m.matches()) return Optional.of("expected DDDD:BB:DD.F or BB:DD.F, in hex");
        return outOfRange(m);
    }

    /** The pattern lets through numbers a field cannot hold: a domain beyond the kernel's int, a slot above 31. */
    private static Optional<String> outOfRange(Matcher m) {
        if (m.group(1) != null && Long.parseLong(m.group(1), 16) > Integer.MAX_VALUE) {
            return Optional.of("a domain is at most 7fffffff (ordinary domains are 0000-ffff, Intel VMD's start at "
                    + "10000)");
        }
        if (Integer.parseInt(m.group(3), 16) > 0x1F) return Optional.of("a device number is at most 1f");
        return Optional.empty();
    }

    /** Kernel {@code devfn}: slot in bits 7:3, function in bits 2:0. */
    public int devfn() {
        return device << 3 | function;
    }

    /** Kernel routing ID (bus << 8 | devfn), the requester ID a TLP carries. */
    public int requesterId() {
        return bus << 8 | devfn();
    }

    public Bdf withFunction(int newFunction) {
        return new Bdf(domain, bus, device, newFunction);
    }

    /** True when both addresses name functions of the same slot (domain, bus and device). */
    public boolean sameSlot(Bdf other) {
        return domain == other.domain && bus == other.bus && device == other.device;
    }

    /** The address without its domain, {@code 03:00.0}. */
    public String shortText() {
        StringBuilder sb = new StringBuilder(7);
        hex(sb, bus, 2).append(':');
        return hex(sb, device, 2).append('.').append(function).toString();
    }

    @Override
    public String toString() {
        // Called for every finding and every map key of a large machine: String.format is too slow here.
        StringBuilder sb = new StringBuilder(12);
        hex(sb, domain, 4).append(':');
        hex(sb, bus, 2).append(':');
        hex(sb, device, 2).append('.').append(function);
        return sb.toString();
    }

    @Override
    public int compareTo(Bdf o) {
        int c = Integer.compare(domain, o.domain);
        if (c != 0) return c;
        c = Integer.compare(bus, o.bus);
        if (c != 0) return c;
        return Integer.compare(devfn(), o.devfn());
    }

    /** {@code value} in lower-case hex, zero-padded to at least {@code digits}. */
    private static StringBuilder hex(StringBuilder sb, int value, int digits) {
        String h = Integer.toHexString(value);
        for (int i = h.length(); i < digits; i++) sb.append('0');
        return sb.append(h);
    }
}
