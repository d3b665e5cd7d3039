package org.dmascope.model.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.dmascope.model.kernel.dma.DmaDirection;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.util.ByteSize;
import org.dmascope.model.util.Hex;

/**
 * Parses buffer specs:
 * <pre>
 * SPEC   := host:NODE:ITEM[:ITEM...]          host memory on a NUMA node
 *         | bar:BDF:BAR:ITEM[:ITEM...]        P2P memory in a device BAR
 *         | dmabuf:BDF:barN:ITEM[:ITEM...]    a BAR vfio-pci exports as a dma-buf (v6.19)
 *         | sg:ENTRY[,ENTRY...][:seed=N][:direction=...]   an explicit scatterlist, entry by entry
 * ENTRY  := SIZE[+OFFSET][@PLACE]              OFFSET into the entry's first 4 KiB page (default 0)
 * PLACE  := nodeN                             host RAM on node N, placed by the seed (the default: node0)
 *         | ADDR                              host RAM at this physical address (0x...; sets the offset)
 *         | BDF/barN                          P2P memory of that provider's BAR
 * NODE   := nodeN | N
 * ITEM   := SIZE                              exactly one: 4096, 0x1000, 64KiB, 1MiB, 1GiB
 *         | contiguous | scattered | huge2m | huge1g | pages=ADDR[,ADDR...]   (host only; default contiguous)
 *         | seed=N                            placement seed (default 1)
 *         | at=ADDR                           first page of a contiguous host buffer
 *         | offset=SIZE                       host: into the first page (or huge page); bar: into the BAR
 *         | direction=to-device|from-device|bidirectional   (default bidirectional)
 *         | importer=rdma|rdma-pinned|iommufd|io_uring       (dmabuf only; default by the device's class)
 *         | revoked                           (dmabuf only) the exporter revoked it before the attach
 * </pre>
 * Examples: {@code host:node0:1MiB:scattered:seed=7}, {@code bar:0000:05:00.0:2:offset=0x2000:64KiB},
 * {@code dmabuf:03:00.0:bar2:64MiB:importer=rdma}, {@code sg:4KiB,512+0x200,4KiB} (a short entry in the
 * middle), {@code sg:64KiB,64KiB@0000:05:00.0/bar2,4KiB} (host RAM, P2P memory, host RAM).
 */
public final class BufferSpecParser {
    private BufferSpecParser() {
    }

    /** The grammar in one paragraph, for usage texts. */
    public static final String GRAMMAR = "host:nodeN:SIZE[:contiguous|scattered|huge2m|huge1g|pages=ADDR,...]"
            + "[:seed=N][:at=ADDR]"
            + "[:offset=SIZE][:direction=to-device|from-device|bidirectional]  or  "
            + "bar:BDF:BAR:SIZE[:offset=SIZE][:direction=...]  or  "
            + "dmabuf:BDF:barN:SIZE[:offset=SIZE][:importer=rdma|rdma-pinned|iommufd|io_uring][:revoked]"
            + "[:direction=...]  or  "
            + "sg:SIZE[+OFFSET][@nodeN|@ADDR|@BDF/barN][,...][:seed=N][:direction=...]";

    /**
     * @throws IllegalArgumentException with a sentence naming the bad part
     */
    public static BufferSpec parse(String text) {
        if (text == null || text.isBlank()) throw bad(text, "the spec is empty");
        String[] tok = text.trim().split(":", -1);
        String kind = tok[0].toLowerCase(Locale.ROOT);
        if (kind.equals("host")) return host(text, tok);
        if (kind.equals("bar")) return bar(text, tok);
        if (kind.equals("dmabuf")) return dmabuf(text, tok);
        // "sg" alone (the colon trimmed away with trailing control characters) has no body
        if (kind.equals("sg")) return sg(text, tok.length == 1 ? "" : text.trim().substring(3));
        throw bad(text, "it must start with host:, bar:, dmabuf: or sg:");
    }

    private static final Pattern SG_OPTION = Pattern.compile(
            ":(seed|direction)=([^:,]*)$", Pattern.CASE_INSENSITIVE);

    private static BufferSpec sg(String text, String body) {
        long seed = PageLayout.DEFAULT_SEED;
        DmaDirection direction = DmaDirection.BIDIRECTIONAL;
        boolean seedSeen = false;
        boolean directionSeen = false;
        Matcher m;
        while ((m = SG_OPTION.matcher(body)).find()) {
            String key = m.group(1).toLowerCase(Locale.ROOT);
            String value = m.group(2);
            if (key.equals("seed")) {
                if (seedSeen) throw bad(text, "seed= given twice");
                seedSeen = true;
                try {
                    seed = Long.parseLong(value);
                } catch (NumberFormatException e) {
                    throw bad(text, "seed=" + value + " is not a whole number");
                }
            } else {
                if (directionSeen) throw bad(text, "direction= given twice");
                directionSeen = true;
                direction = DmaDirection.parse(value).orElseThrow(() -> bad(text,
                        "direction=" + value + " is not to-device, from-device or bidirectional"));
            }
            body = body.substring(0, m.start());
        }
        if (body.isBlank()) throw bad(text, "no entries (expected sg:SIZE[,SIZE...], e.g. sg:4KiB,512,4KiB)");
        List<BufferSpec.SgEntry> entries = new ArrayList<>();
        String[] parts = body.split(",", -1);
        for (int i = 0; i < parts.length; i++) entries.add(sgEntry(text, i, parts[i].trim()));
        return new BufferSpec.Sg(entries, seed, direction);
    }

    private static BufferSpec.SgEntry sgEntry(String text, int index, String e) {
        String where = "entry " + index + " (\"" + e + "\")";
        if (e.isEmpty()) throw bad(text, "entry " + index + " is empty");
        String head = e;
        BufferSpec.SgEntry.Place place = new BufferSpec.SgEntry.OnNode(0);
        int at = e.indexOf('@');
        if (at >= 0) {
            head = e.substring(0, at);
            place = sgPlace(text, where, e.substring(at + 1).trim());
        }
        long offset = 0;
        int plus = head.indexOf('+');
        if (plus >= 0) {
            if (place instanceof BufferSpec.SgEntry.At) {
                throw bad(text, where + ": +OFFSET does not apply to an entry at an address (the address sets it)");
            }
            offset = size(text, head.substring(plus + 1).trim(), where + ": offset ");
            head = head.substring(0, plus);
        }
        long length = size(text, head.trim(), where + ": size ");
        if (place instanceof BufferSpec.SgEntry.At a) offset = a.phys() & 0xFFF;
        try {
            return new BufferSpec.SgEntry(length, offset, place);
        } catch (IllegalArgumentException ex) {
            throw bad(text, where + ": " + ex.getMessage());
        }
    }

    private static BufferSpec.SgEntry.Place sgPlace(String text, String where, String p) {
        String lower = p.toLowerCase(Locale.ROOT);
        if (lower.startsWith("node")) {
            try {
                return new BufferSpec.SgEntry.OnNode(Integer.parseInt(lower.substring(4)));
            } catch (NumberFormatException ex) {
                throw bad(text, where + ": \"" + p + "\" is not a NUMA node (expected nodeN)");
            }
        }
        int slash = p.indexOf('/');
        if (slash >= 0) {
            String bdf = p.substring(0, slash);
            Optional<String> notAnAddress = Bdf.problem(bdf);
            if (notAnAddress.isPresent()) {
                throw bad(text, where + ": \"" + bdf + "\" is not a PCI address: " + notAnAddress.get());
            }
            String b = p.substring(slash + 1).toLowerCase(Locale.ROOT);
            if (b.startsWith("bar")) b = b.substring(3);
            int bar;
            try {
                bar = Integer.parseInt(b);
            } catch (NumberFormatException ex) {
                throw bad(text, where + ": \"" + p.substring(slash + 1) + "\" is not a BAR (bar0-bar5)");
            }
            if (bar < 0 || bar > 5) throw bad(text, where + ": BAR " + bar + " does not exist (bar0-bar5)");
            return new BufferSpec.SgEntry.InBar(Bdf.parse(bdf), bar);
        }
        if (lower.startsWith("0x") || (!p.isEmpty() && Character.isDigit(p.charAt(0)) && !p.contains(":"))) {
            long a = addr(text, p, where + ": @");
            if (a < 0) throw bad(text, where + ": @" + p + " is not an address");
            return new BufferSpec.SgEntry.At(a);
        }
        throw bad(text, where + ": \"@" + p + "\" is neither nodeN, an address (0x...) nor BDF/barN");
    }

    private static BufferSpec host(String text, String[] tok) {
        if (tok.length < 3) throw bad(text, "expected host:nodeN:SIZE");
        String n = tok[1].toLowerCase(Locale.ROOT);
        if (n.startsWith("node")) n = n.substring(4);
        int node;
        try {
            node = Integer.parseInt(n);
        } catch (NumberFormatException e) {
            throw bad(text, "\"" + tok[1] + "\" is not a NUMA node (expected nodeN)");
        }
        Items items = items(text, tok, 2, Source.HOST);
        if (items.size == null) throw bad(text, "no size given (e.g. 1MiB)");
        PageLayout.Kind kind = items.layout == null ? PageLayout.Kind.CONTIGUOUS : items.layout;
        if (items.at.isPresent() && kind != PageLayout.Kind.CONTIGUOUS) throw bad(text,
                "at= only applies to a contiguous buffer");
        if (items.pages != null && kind != PageLayout.Kind.EXPLICIT) throw bad(text,
                "pages= cannot be combined with another layout");
        PageLayout layout = new PageLayout(kind, items.seed, items.at, items.pages);
        long offset = items.offset;
        if (offset >= layout.unit()) {
            throw bad(text, "offset=" + Hex.addr(offset) + " is not inside the first " + ByteSize.format(layout.unit())
                    + " page");
        }
        if (kind == PageLayout.Kind.EXPLICIT) {
            long need = (offset + items.size + 4095) / 4096;
            if (items.pages.length < need) {
                throw bad(text, "pages= lists " + items.pages.length + " pages but offset+size needs " + need);
            }
        }
        return new BufferSpec.Host(node, items.size, offset, layout, items.direction);
    }

    private static BufferSpec bar(String text, String[] tok) {
        int i;
        String bdf;
        if (tok.length >= 4 && tok[2].contains(".") && !tok[1].contains(".")) {
            bdf = tok[1] + ":" + tok[2];
            i = 3;
        } else if (tok.length >= 5 && tok[3].contains(".")) {
            bdf = tok[1] + ":" + tok[2] + ":" + tok[3];
            i = 4;
        } else {
            throw bad(text, "expected bar:BDF:BAR:SIZE, e.g. bar:0000:05:00.0:2:64KiB");
        }
        Optional<String> notAnAddress = Bdf.problem(bdf);
        if (notAnAddress.isPresent()) throw bad(text, "\"" + bdf + "\" is not a PCI address: " + notAnAddress.get());
        if (i >= tok.length) throw bad(text, "no BAR number after " + bdf);
        int barIndex;
        try {
            barIndex = Integer.parseInt(tok[i]);
        } catch (NumberFormatException e) {
            throw bad(text, "\"" + tok[i] + "\" is not a BAR number 0-5");
        }
        if (barIndex < 0 || barIndex > 5) throw bad(text, "BAR " + barIndex + " does not exist (0-5)");
        Items items = items(text, tok, i + 1, Source.BAR);
        if (items.size == null) throw bad(text, "no size given (e.g. 64KiB)");
        return new BufferSpec.Bar(Bdf.parse(bdf), barIndex, items.offset, items.size, items.direction);
    }

    private static BufferSpec dmabuf(String text, String[] tok) {
        int i;
        String bdf;
        if (tok.length >= 4 && tok[2].contains(".") && !tok[1].contains(".")) {
            bdf = tok[1] + ":" + tok[2];
            i = 3;
        } else if (tok.length >= 5 && tok[3].contains(".")) {
            bdf = tok[1] + ":" + tok[2] + ":" + tok[3];
            i = 4;
        } else {
            throw bad(text, "expected dmabuf:BDF:barN:SIZE, e.g. dmabuf:03:00.0:bar2:64MiB");
        }
        Optional<String> notAnAddress = Bdf.problem(bdf);
        if (notAnAddress.isPresent()) throw bad(text, "\"" + bdf + "\" is not a PCI address: " + notAnAddress.get());
        if (i >= tok.length) throw bad(text, "no BAR after " + bdf + " (e.g. bar2)");
        String b = tok[i].toLowerCase(Locale.ROOT);
        if (b.startsWith("bar")) b = b.substring(3);
        int barIndex;
        try {
            barIndex = Integer.parseInt(b);
        } catch (NumberFormatException e) {
            throw bad(text, "\"" + tok[i] + "\" is not a BAR (bar0-bar5)");
        }
        if (barIndex < 0 || barIndex > 5) throw bad(text, "BAR " + barIndex + " does not exist (bar0-bar5)");
        Items items = items(text, tok, i + 1, Source.DMABUF);
        if (items.size == null) throw bad(text, "no size given (e.g. 64MiB)");
        return new BufferSpec.DmaBuf(Bdf.parse(bdf), barIndex, items.offset, items.size,
                Optional.ofNullable(items.importer), items.revoked, items.direction);
    }

    /** Which kind of spec the items belong to: some items apply to one kind only. */
    private enum Source {
        HOST, BAR, DMABUF
    }

    private static final class Items {
        Long size;
        PageLayout.Kind layout;
        long seed = PageLayout.DEFAULT_SEED;
        OptionalLong at = OptionalLong.empty();
        long offset;
        long[] pages;
        DmaDirection direction = DmaDirection.BIDIRECTIONAL;
        DmaBufImporter importer;
        boolean revoked;
    }

    private static Items items(String text, String[] tok, int from, Source source) {
        boolean host = source == Source.HOST;
        Items it = new Items();
        for (int i = from; i < tok.length; i++) {
            String t = tok[i].trim();
            String lower = t.toLowerCase(Locale.ROOT);
            if (t.isEmpty()) throw bad(text, "empty item between ':'");
            int eq = t.indexOf('=');
            if (eq > 0) {
                String key = lower.substring(0, eq);
                String value = t.substring(eq + 1);
                switch (key) {
                    case "seed":
                        try {
                            it.seed = Long.parseLong(value);
                        } catch (NumberFormatException e) {
                            throw bad(text, "seed=" + value + " is not a whole number");
                        }
                        break;
                    case "offset":
                        it.offset = size(text, value, "offset=");
                        break;
                    case "at":
                        if (!host) throw bad(text, "at= only applies to host buffers");
                        it.at = OptionalLong.of(addr(text, value, "at="));
                        if ((it.at.getAsLong() & 0xFFF) != 0) throw bad(text, "at=" + value + " is not 4 KiB aligned");
                        break;
                    case "direction":
                        it.direction = DmaDirection.parse(value).orElseThrow(
                                () -> bad(text,
                                        "direction=" + value + " is not to-device, from-device or bidirectional"));
                        break;
                    case "pages":
                        if (!host) throw bad(text, "pages= only applies to host buffers");
                        setLayout(text, it, PageLayout.Kind.EXPLICIT);
                        it.pages = pages(text, value);
                        break;
                    case "importer":
                        if (source != Source.DMABUF) throw bad(text, "importer= only applies to dmabuf buffers");
                        it.importer = DmaBufImporter.parse(value).orElseThrow(() -> bad(text,
                                "importer=" + value + " is not " + DmaBufImporter.names()));
                        break;
                    default:
                        throw bad(text, "unknown option \"" + key + "=\" (expected seed=, offset=, at=, direction=, "
                                + "pages=" + (source == Source.DMABUF ? ", importer=)" : ")"));
                }
                continue;
            }
            if (lower.equals("revoked")) {
                if (source != Source.DMABUF) throw bad(text, "revoked only applies to dmabuf buffers");
                it.revoked = true;
                continue;
            }
            PageLayout.Kind layout = layoutKeyword(lower);
            if (layout != null) {
                if (!host) throw bad(text, "a BAR buffer is always contiguous; \"" + t + "\" does not apply");
                setLayout(text, it, layout);
                continue;
            }
            long s;
            try {
                s = ByteSize.parseLength(t);
            } catch (ByteSize.TooLarge e) {
                throw bad(text, tooLarge("\"" + t + "\""));
            } catch (NumberFormatException e) {
                throw bad(text,
                        "\"" + t + "\" is neither a size, a layout (contiguous, scattered, huge2m, huge1g, pages=...) "
                        + "nor an option (seed=, offset=, at=, direction=)");
            }
            if (it.size != null) throw bad(text, "two sizes given (" + ByteSize.format(it.size) + " and " + t + ")");
            if (s <= 0) throw bad(text, "the size must be at least one byte");
            it.size = s;
        }
        return it;
    }

    private static void setLayout(String text, Items it, PageLayout.Kind k) {
        if (it.layout != null && it.layout != k) throw bad(text, "two layouts given (" + it.layout.spec() + " and "
                + k.spec() + ")");
        it.layout = k;
    }

    private static PageLayout.Kind layoutKeyword(String t) {
        for (PageLayout.Kind k : PageLayout.Kind.values()) {
            if (k != PageLayout.Kind.EXPLICIT && k.spec().equals(t)) return k;
        }
        return null;
    }

    private static long[] pages(String text, String value) {
        List<Long> out = new ArrayList<>();
        for (String p : value.split(",")) {
            if (p.isBlank()) throw bad(text, "empty entry in pages=");
            long a = addr(text, p.trim(), "pages=");
            if ((a & 0xFFF) != 0) throw bad(text, "page " + p.trim() + " is not 4 KiB aligned");
            out.add(a);
        }
        return out.stream().mapToLong(Long::longValue).toArray();
    }

    private static long size(String text, String v, String what) {
        try {
            return ByteSize.parseLength(v);
        } catch (ByteSize.TooLarge e) {
            throw bad(text, tooLarge(what + v));
        } catch (NumberFormatException e) {
            throw bad(text, what + v + " is not a size");
        }
    }

    private static String tooLarge(String what) {
        return what + " is too large (at most " + Hex.addr(ByteSize.MAX) + " bytes)";
    }

    private static long addr(String text, String v, String what) {
        try {
            return v.startsWith("0x") || v.startsWith("0X") ? Hex.parse(v) : Long.parseUnsignedLong(v);
        } catch (NumberFormatException e) {
            throw bad(text, what + v + " is not an address (use 0x...)");
        }
    }

    private static IllegalArgumentException bad(String text, String why) {
        return new IllegalArgumentException("bad buffer spec \"" + text + "\": " + why);
    }
}
