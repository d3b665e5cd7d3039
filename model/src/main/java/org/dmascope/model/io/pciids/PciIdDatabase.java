package org.dmascope.model.io.pciids;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * The PCI ID database: the {@code pci.ids} file of the PCI ID Repository (https://pci-ids.ucw.cz/),
 * which lspci, Debian's {@code pci.ids} and {@code hwdata} packages and dmascope's own copy carry.
 * Vendors, their devices and the devices' subsystems, and the class names, each with the line of the
 * file it is on; looked up by ID and by name (see {@link PciIdNames} for how names compare).
 *
 * <p>The file's grammar ({@code pci.ids} header comment): {@code vvvv  vendor name},
 * {@code <TAB>dddd  device name}, {@code <TAB><TAB>ssss tttt  subsystem name}, and in the class part
 * {@code C cc  class name}, {@code <TAB>ss  subclass name}, {@code <TAB><TAB>pp  programming interface}.
 * Comments start with {@code #}. A line that fits none of these is counted and skipped: a damaged copy
 * still yields everything it holds.
 *
 * <p>It is read at import time, so it is kept compact and read in one pass: the file's bytes stay in
 * memory and entries are offsets into them, sorted for binary search; a name becomes a {@code String}
 * only when asked for, and the indexes by name are built on the first look-up by name (a vendor's
 * devices on the first look-up under that vendor). Thread-safe; immutable to its users.
 */
public final class PciIdDatabase {
    /** A vendor: {@code 8086  Intel Corporation}, on {@code line} of the file. */
    public record Vendor(int id, String name, int line) {
    }

    /** A device of a vendor: {@code <TAB>2020  Sky Lake-E DMI3 Registers}. */
    public record Device(int vendorId, int id, String name, int line) {
    }

    /** A subsystem of a device: {@code <TAB><TAB>144d a801  SSD 970 EVO/PRO}. */
    public record Subsystem(int subvendorId, int subdeviceId, String name, int line) {
    }

    private static final Pattern VERSION = Pattern.compile("^#\\s*Version:\\s*(\\S.*?)\\s*$");
    private static final Pattern DATE = Pattern.compile("^#\\s*Date:\\s*(\\d{4}-\\d{2}-\\d{2})");
    private static final Pattern VERSION_DAY = Pattern.compile("^(\\d{4})\\.(\\d{2})\\.(\\d{2})$");
    /** Header comments are at the top; stop looking for them after this many lines. */
    private static final int HEADER_LINES = 40;
    private static final int HEADER_BYTES = 4096;

    /** A database that knows nothing, for imports that are not to be resolved. */
    public static final PciIdDatabase EMPTY = new PciIdDatabase(new byte[0]);

    private final byte[] text;
    private final PciIdHeader header;
    private final Entries vendors = new Entries();
    private final Entries devices = new Entries();
    private final Entries subsystems = new Entries();
    /** For each device entry, the subsystem entries that follow it in the file: [from, to). */
    private int[] subsystemsFrom = new int[0];
    private int[] subsystemsTo = new int[0];
    private final Map<Integer, String> baseClasses = new HashMap<>();
    private final Map<Integer, String> classes = new HashMap<>();
    private int skippedLines;
    private volatile Map<String, List<Integer>> vendorsByKey;
    private final Map<Integer, Map<String, List<Integer>>> devicesByKey = new ConcurrentHashMap<>();

    private PciIdDatabase(byte[] text) {
        this.text = text;
        this.header = header(firstLines(text, Math.min(text.length, HEADER_BYTES)));
        new Parser().run();
        vendors.sort();
        devices.sort();
    }

    /** Reads a pci.ids file, plain or gzip-compressed. */
    public static PciIdDatabase read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        }
    }

    /** Reads a pci.ids file from a stream, plain or gzip-compressed (the stream is not closed). */
    public static PciIdDatabase read(InputStream in) throws IOException {
        return new PciIdDatabase(plain(in).readAllBytes());
    }

    /** Reads only the header of a pci.ids file, plain or gzip-compressed: cheap, for choosing a copy. */
    public static PciIdHeader readHeader(InputStream in) throws IOException {
        return header(firstLines(plain(in).readNBytes(HEADER_BYTES), HEADER_BYTES));
    }

    private static InputStream plain(InputStream in) throws IOException {
        BufferedInputStream b = new BufferedInputStream(in, 1 << 16);
        b.mark(2);
        int first = b.read();
        int second = b.read();
        b.reset();
        return first == 0x1f && second == 0x8b ? new GZIPInputStream(b, 1 << 16) : b;
    }

    private static List<String> firstLines(byte[] bytes, int limit) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < Math.min(limit, bytes.length) && lines.size() < HEADER_LINES; i++) {
            if (bytes[i] == '\n') {
                lines.add(new String(bytes, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        return lines;
    }

    private static PciIdHeader header(List<String> lines) {
        String version = "";
        Optional<LocalDate> date = Optional.empty();
        for (String line : lines) {
            if (!line.startsWith("#")) break;
            Matcher v = VERSION.matcher(line);
            if (v.find() && version.isEmpty()) version = v.group(1);
            Matcher d = DATE.matcher(line);
            if (d.find() && date.isEmpty()) date = day(d.group(1));
        }
        Matcher vd = VERSION_DAY.matcher(version);
        if (date.isEmpty() && vd.matches()) date = day(vd.group(1) + "-" + vd.group(2) + "-" + vd.group(3));
        return new PciIdHeader(version, date);
    }

    private static Optional<LocalDate> day(String text) {
        try {
            return Optional.of(LocalDate.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /**
     * Entries of one kind as parallel arrays: a key (vendor ID; vendor and device ID; subvendor and
     * subdevice ID), where the name's bytes are, and the line.
     */
    private static final class Entries {
        long[] keys = new long[256];
        int[] nameStart = new int[256];
        int[] nameEnd = new int[256];
        int[] lines = new int[256];
        int size;
        /** Entry numbers in key order. */
        int[] order;
        long[] sortedKeys;

        int add(long key, int start, int end, int line) {
            if (size == keys.length) {
                int n = size * 2;
                keys = Arrays.copyOf(keys, n);
                nameStart = Arrays.copyOf(nameStart, n);
                nameEnd = Arrays.copyOf(nameEnd, n);
                lines = Arrays.copyOf(lines, n);
            }
            keys[size] = key;
            nameStart[size] = start;
            nameEnd[size] = end;
            lines[size] = line;
            return size++;
        }

        void sort() {
            // Key in the high bits, entry number in the low 20: one primitive sort, ties kept in file order.
            long[] packed = new long[size];
            for (int i = 0; i < size; i++) packed[i] = keys[i] << 20 | i;
            Arrays.sort(packed);
            order = new int[size];
            sortedKeys = new long[size];
            for (int i = 0; i < size; i++) {
                order[i] = (int) (packed[i] & 0xFFFFF);
                sortedKeys[i] = packed[i] >>> 20;
            }
        }

        /** The first entry (in file order) with this key, or -1. */
        int find(long key) {
            int at = Arrays.binarySearch(sortedKeys, key);
            if (at < 0) return -1;
            while (at > 0 && sortedKeys[at - 1] == key) at--;
            return order[at];
        }
    }

    /** One pass over the bytes, keeping the vendor, device or class the indented lines belong to. */
    private final class Parser {
        private int lineNo;
        private int vendor = -1;
        private int device = -1;
        private int classBase = -1;

        void run() {
            int start = 0;
            int n = text.length;
            while (start < n) {
                int end = start;
                while (end < n && text[end] != '\n') end++;
                lineNo++;
                line(start, end);
                start = end + 1;
            }
        }

        private void line(int start, int end) {
            while (end > start && (text[end - 1] == '\r' || text[end - 1] == ' ' || text[end - 1] == '\t')) end--;
            if (end == start || text[start] == '#') return;
            if (text[start] == 'C' && start + 1 < end && text[start + 1] == ' ') {
                vendor = -1;
                device = -1;
                classBase = hex(start + 2, end, 2);
                int name = nameAt(start + 4, end);
                if (classBase < 0 || name < 0) skip();
                else baseClasses.put(classBase, string(name, end));
                return;
            }
            if (text[start] != '\t') {
                vendorLine(start, end);
            } else if (start + 1 < end && text[start + 1] == '\t') {
                subsystemLine(start + 2, end);
            } else {
                entryLine(start + 1, end);
            }
        }

        private void vendorLine(int start, int end) {
            classBase = -1;
            device = -1;
            int id = hex(start, end, 4);
            int name = nameAt(start + 4, end);
            if (id < 0 || name < 0) {
                vendor = -1;
                skip();
                return;
            }
            vendor = id;
            vendors.add(id, name, end, lineNo);
        }

        /** A device of the current vendor, or a subclass of the current class. */
        private void entryLine(int start, int end) {
            if (classBase >= 0) {
                int id = hex(start, end, 2);
                int name = nameAt(start + 2, end);
                if (id < 0 || name < 0) skip();
                else classes.put(classBase << 8 | id, string(name, end));
                return;
            }
            int id = hex(start, end, 4);
            int name = nameAt(start + 4, end);
            if (id < 0 || name < 0 || vendor < 0) {
                device = -1;
                skip();
                return;
            }
            int entry = devices.add((long) vendor << 16 | id, name, end, lineNo);
            device = entry;
            if (entry == subsystemsFrom.length) {
                subsystemsFrom = Arrays.copyOf(subsystemsFrom, Math.max(256, entry * 2));
                subsystemsTo = Arrays.copyOf(subsystemsTo, subsystemsFrom.length);
            }
            subsystemsFrom[entry] = subsystems.size;
            subsystemsTo[entry] = subsystems.size;
        }

        /** A subsystem of the current device; programming interfaces (in the class part) are not kept. */
        private void subsystemLine(int start, int end) {
            if (classBase >= 0) return;
            int subvendor = hex(start, end, 4);
            int subdevice = start + 4 < end && text[start + 4] == ' ' ? hex(start + 5, end, 4) : -1;
            int name = nameAt(start + 9, end);
            if (device < 0 || subvendor < 0 || subdevice < 0 || name < 0) {
                skip();
                return;
            }
            subsystems.add((long) subvendor << 16 | subdevice, name, end, lineNo);
            subsystemsTo[device] = subsystems.size;
        }

        private void skip() {
            skippedLines++;
        }

        /** Where the name after an ID starts: after two blanks (a few old entries use one, or a tab), or -1. */
        private int nameAt(int at, int end) {
            if (at >= end || (text[at] != ' ' && text[at] != '\t')) return -1;
            while (at < end && (text[at] == ' ' || text[at] == '\t')) at++;
            return at < end ? at : -1;
        }

        private int hex(int at, int end, int digits) {
            if (end - at < digits) return -1;
            int v = 0;
            for (int i = at; i < at + digits; i++) {
                int d = Character.digit(text[i], 16);
                if (d < 0) return -1;
                v = v << 4 | d;
            }
            return v;
        }
    }

    private String string(int start, int end) {
        return new String(text, start, end - start, StandardCharsets.UTF_8);
    }

    private String name(Entries e, int entry) {
        return string(e.nameStart[entry], e.nameEnd[entry]);
    }

    // ---- the file ----------------------------------------------------------------------------------

    /** Version and date from the file's header. */
    public PciIdHeader header() {
        return header;
    }

    public int vendorCount() {
        return vendors.size;
    }

    public int deviceCount() {
        return devices.size;
    }

    public int subsystemCount() {
        return subsystems.size;
    }

    /** Base classes named. */
    public int classCount() {
        return baseClasses.size();
    }

    /** Subclasses named. */
    public int subclassCount() {
        return classes.size();
    }

    /** Lines that fit no entry of the grammar and were skipped. */
    public int skippedLines() {
        return skippedLines;
    }

    /** The bytes of the file kept in memory (the entries add about 24 bytes each). */
    public int textBytes() {
        return text.length;
    }

    // ---- by ID -------------------------------------------------------------------------------------

    public Optional<Vendor> vendor(int vendorId) {
        int e = vendors.find(vendorId);
        return e < 0 ? Optional.empty() : Optional.of(vendorEntry(e));
    }

    public Optional<Device> device(int vendorId, int deviceId) {
        int e = devices.find((long) vendorId << 16 | deviceId);
        return e < 0 ? Optional.empty() : Optional.of(deviceEntry(e));
    }

    public Optional<Subsystem> subsystem(int vendorId, int deviceId, int subvendorId, int subdeviceId) {
        int d = devices.find((long) vendorId << 16 | deviceId);
        if (d < 0) return Optional.empty();
        long key = (long) subvendorId << 16 | subdeviceId;
        for (int e = subsystemsFrom[d]; e < subsystemsTo[d]; e++) {
            if (subsystems.keys[e] == key) {
                return Optional.of(new Subsystem(subvendorId, subdeviceId, name(subsystems, e), subsystems.lines[e]));
            }
        }
        return Optional.empty();
    }

    /**
     * The class name lspci prints for a base class and subclass ({@code 0x0108} → "Non-Volatile memory
     * controller"): the subclass's name, else the base class's.
     */
    public Optional<String> className(int classAndSubclass) {
        String sub = classes.get(classAndSubclass & 0xFFFF);
        if (sub != null) return Optional.of(sub);
        return Optional.ofNullable(baseClasses.get(classAndSubclass >> 8 & 0xFF));
    }

    private Vendor vendorEntry(int e) {
        return new Vendor((int) vendors.keys[e], name(vendors, e), vendors.lines[e]);
    }

    private Device deviceEntry(int e) {
        long key = devices.keys[e];
        return new Device((int) (key >>> 16), (int) (key & 0xFFFF), name(devices, e), devices.lines[e]);
    }

    // ---- by name -----------------------------------------------------------------------------------

    /**
     * The vendors with this name. Names that are the same text (case and spacing aside) are preferred;
     * only when there is none, names that differ in punctuation or legal form ("Co., Ltd" / "Co Ltd").
     * Several vendors share some names (NEC Corporation has four IDs): all of them are returned.
     */
    public List<Vendor> vendorsNamed(String name) {
        return vendorsWithKey(PciIdNames.vendorKey(name), name);
    }

    /** {@link #vendorsNamed} with the name's {@link PciIdNames#vendorKey} already made. */
    List<Vendor> vendorsWithKey(String vendorKey, String name) {
        Map<String, List<Integer>> index = vendorsByKey;
        if (index == null) {
            index = index(vendors, 0, vendors.size, PciIdNames::vendorKey);
            vendorsByKey = index;
        }
        List<Integer> entries = index.get(vendorKey);
        return entries == null ? List.of() : sameTextFirst(entries, name, this::vendorEntry, Vendor::name);
    }

    /** The devices of {@code vendorId} with this name (several devices of a vendor may share one). */
    public List<Device> devicesNamed(int vendorId, String name) {
        Map<String, List<Integer>> index = devicesByKey.computeIfAbsent(vendorId, this::deviceIndex);
        return sameTextFirst(index.getOrDefault(PciIdNames.key(name), List.of()), name, this::deviceEntry,
                Device::name);
    }

    /** The name index of one vendor's devices, which the file lists together and the sort keeps together. */
    private Map<String, List<Integer>> deviceIndex(int vendorId) {
        long first = (long) vendorId << 16;
        int from = Arrays.binarySearch(devices.sortedKeys, first);
        if (from < 0) from = -from - 1;
        int to = from;
        while (to < devices.size && devices.sortedKeys[to] >>> 16 == vendorId) to++;
        Map<String, List<Integer>> index = new HashMap<>();
        for (int i = from; i < to; i++) {
            int e = devices.order[i];
            index.computeIfAbsent(PciIdNames.key(name(devices, e)), k -> new ArrayList<>(1)).add(e);
        }
        return index;
    }

    private Map<String, List<Integer>> index(Entries e, int from, int to,
            java.util.function.Function<String, String> key) {
        Map<String, List<Integer>> index = new HashMap<>();
        for (int i = from; i < to; i++) index.computeIfAbsent(key.apply(name(e, i)), k -> new ArrayList<>(1)).add(i);
        return index;
    }

    private static <T> List<T> sameTextFirst(List<Integer> entries, String name, IntFunction<T> entry,
            java.util.function.Function<T, String> nameOf) {
        List<T> all = entries.stream().map(entry::apply).toList();
        if (all.size() < 2) return all;
        List<T> same = all.stream().filter(c -> PciIdNames.sameText(nameOf.apply(c), name)).toList();
        return same.isEmpty() ? all : same;
    }
}
