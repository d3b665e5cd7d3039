package org.dmascope.model.io.lspci;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.dmascope.model.io.merge.FactKey;
import org.dmascope.model.io.merge.FunctionFacts;
import org.dmascope.model.io.merge.MachineFacts;
import org.dmascope.model.io.source.Checkpoint;
import org.dmascope.model.io.source.Findings;
import org.dmascope.model.io.source.SourceText;
import org.dmascope.model.topology.Bar;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.Bridge;
import org.dmascope.model.topology.BridgeWindow;
import org.dmascope.model.topology.SourceRef;

/**
 * Reads lspci listings with one block per device: {@code lspci -v/-vv/-vvv} (with any of {@code -D},
 * {@code -P}, {@code -PP}, {@code -nn}, {@code -k}, {@code -b}), plain one-line listings, and hex dumps
 * ({@code -x/-xxx/-xxxx}) alone or after each verbose block. Text pasted through mail survives:
 * indentation made of spaces or no-break spaces, indentation removed altogether, lines hard-wrapped
 * (a wrapped remainder is joined back to its line), grep-filtered fragments and cut-off listings.
 */
public final class LspciVerboseReader {
    private final SourceText text;
    private final Findings findings;
    private final Checkpoint checkpoint;
    private final MachineFacts machine = new MachineFacts();
    private final List<PendingBlock> pending = new ArrayList<>();
    /** The line each device was first listed at: a listing that repeats devices says so. */
    private final Map<Bdf, Integer> listedAt = new HashMap<>();
    private boolean paths;
    private int unnumberedRegions;
    private int firstUnnumberedRegionLine;
    private int repeats;
    private Bdf firstRepeat;
    private int firstRepeatLine;

    private LspciVerboseReader(SourceText text, Findings findings, Checkpoint checkpoint) {
        this.text = text;
        this.findings = findings;
        this.checkpoint = checkpoint;
    }

    public static MachineFacts read(SourceText text, Findings findings, Checkpoint checkpoint) {
        LspciVerboseReader r = new LspciVerboseReader(text, findings, checkpoint);
        r.paths = r.anyHeaderHasAPath();
        r.segment();
        r.finishAll();
        return r.machine;
    }

    /** A device: its header line, its other lines and its hex rows. */
    static final class Block {
        final int headerLine;
        String header;
        final List<String> lines = new ArrayList<>();
        final List<Integer> lineNumbers = new ArrayList<>();
        final List<Integer> indents = new ArrayList<>();
        ConfigSpace hex;
        boolean blankSeen;

        Block(String header, int headerLine) {
            this.header = header;
            this.headerLine = headerLine;
        }

        boolean indentedMode() {
            int indented = 0;
            for (int ind : indents) if (ind > 0) indented++;
            return indented * 2 >= indents.size();
        }
    }

    // ---- one pass: split the file into device blocks, reading each as it ends --------------------------

    /**
     * {@code -P} paths change how every header is read (the top hop names a host bridge), so the headers
     * are looked at once before the blocks are read. Only header lines are parsed here.
     */
    private boolean anyHeaderHasAPath() {
        for (int i = 0; i < text.lineCount(); i++) {
            String raw = text.line(i);
            if (raw.isBlank() || !isHeader(raw)) continue;
            if (DeviceLine.parse(raw.trim()).map(DeviceLine::hasPath).orElse(false)) return true;
        }
        return false;
    }

    /**
     * Blocks are read as soon as they end and then dropped, so a long listing never holds more than one
     * block's lines besides the text itself.
     */
    private void segment() {
        Block current = null;
        int strayBefore = 0;
        int firstStray = 0;
        int[] values = new int[16];
        int[] count = new int[1];
        int n = text.lineCount();
        for (int i = 0; i < n; i++) {
            if ((i & 255) == 0) checkpoint.reached(i, n);
            String raw = text.line(i);
            if (raw.isBlank()) {
                if (current != null) current.blankSeen = true;
                continue;
            }
            if (isHeader(raw)) {
                if (current != null) finish(current);
                current = new Block(raw.trim(), i + 1);
                continue;
            }
            int offset = HexRow.parse(raw, values, count);
            if (offset >= 0 || offset == HexRow.MALFORMED) {
                if (current == null) {
                    if (strayBefore++ == 0) firstStray = i + 1;
                } else if (offset == HexRow.MALFORMED) {
                    findings.warning(text.name(), i + 1,
                            "this hex dump row is damaged (lspci rows are an offset, a colon and up to 16 two-digit "
                            + "bytes); it was skipped");
                } else if (current.blankSeen) {
                    findings.warning(text.name(), i + 1,
                            "this hex dump row comes after the blank line that ends the device at line "
                            + current.headerLine + "; it was ignored, as lspci -F would");
                } else {
                    if (current.hex == null) current.hex = new ConfigSpace();
                    if (!current.hex.set(offset, values, count[0], i + 1)) {
                        findings.warning(text.name(), i + 1,
                                String.format("offset %03x of the device at line %d is dumped twice; the first row "
                                + "is kept",
                                offset, current.headerLine));
                    }
                }
                continue;
            }
            String trimmed = raw.trim();
            if (trimmed.startsWith("WARNING: Cannot show hex-dump")) continue;
            if (current == null) {
                if (strayBefore++ == 0) firstStray = i + 1;
                continue;
            }
            if (current.blankSeen) {
                findings.warning(text.name(), i + 1,
                        "this line is not part of a device block (it follows the blank line that ends the device at "
                        + "line "
                        + current.headerLine + "); it was ignored");
                continue;
            }
            int indent = 0;
            while (indent < raw.length() && (raw.charAt(indent) == ' ' || raw.charAt(indent) == '\t')) indent++;
            current.lines.add(trimmed);
            current.lineNumbers.add(i + 1);
            current.indents.add(indent);
        }
        if (current != null) finish(current);
        if (strayBefore > 0) {
            findings.warning(text.name(), firstStray, strayBefore + (strayBefore == 1 ? " line comes" : " lines come")
                    + " before the first device line and " + (strayBefore == 1 ? "was" : "were") + " ignored");
        }
    }

    private static boolean isHeader(String raw) {
        char c = raw.charAt(0);
        if (c == ' ' || c == '\t') {
            String t = raw.trim();
            if (t.isEmpty()) return false;
            c = t.charAt(0);
            // Indented slots appear in pasted listings, but an indented line is far more often a wrapped
            // remainder; only accept it when it clearly has a class after the slot.
            if (Character.digit(c, 16) < 0) return false;
            Optional<DeviceLine> d = DeviceLine.parse(raw);
            return d.isPresent() && d.get().description().contains(": ");
        }
        if (Character.digit(c, 16) < 0) return false;
        return DeviceLine.parse(raw).isPresent();
    }

    // ---- reading a block ---------------------------------------------------------------------------

    private void finish(Block b) {
        joinWrappedLines(b);
        Optional<DeviceLine> line = DeviceLine.parse(b.header);
        if (line.isEmpty()) return;
        DeviceLine dl = line.get();
        if (paths) {
            DeviceLine.Hop top = dl.path().get(0);
            machine.hostBridge(top.domain().orElse(0), top.bus().getAsInt(), ref(b.headerLine));
        }
        Optional<Bdf> address = PathResolver.direct(dl);
        if (address.isPresent()) {
            interpret(b, dl, address.get());
        } else {
            pending.add(new PendingBlock(b, dl));
        }
    }

    private void finishAll() {
        resolvePending(pending);
        if (unnumberedRegions > 0) {
            findings.warning(text.name(), firstUnnumberedRegionLine, unnumberedRegions + " memory/I/O region line"
                    + (unnumberedRegions == 1 ? "" : "s") + " without a BAR number (lspci -v prints none; -vv does) "
                    + (unnumberedRegions == 1 ? "was" : "were") + " left out, so those BARs are unknown");
        }
        if (repeats > 0) {
            findings.warning(text.name(), firstRepeatLine, String.format(Locale.ROOT,
                    "%,d device block%s list%s a device "
                    + "listed before (the first: %s here, first at line %d); what a repeat says is merged into the "
                            + "first "
                    + "listing and disagreements are reported", repeats, repeats == 1 ? "" : "s",
                            repeats == 1 ? "s" : "",
                    firstRepeat, listedAt.get(firstRepeat)));
        }
    }

    private record PendingBlock(Block block, DeviceLine line) {
    }

    /** {@code -P} paths give only device.function after the first hop: the bus is the parent bridge's secondary bus. */
    private void resolvePending(List<PendingBlock> pending) {
        boolean progress = true;
        while (!pending.isEmpty() && progress) {
            progress = false;
            for (Iterator<PendingBlock> it = pending.iterator(); it.hasNext(); ) {
                PendingBlock p = it.next();
                Optional<Bdf> a = PathResolver.viaParents(p.line(), machine);
                if (a.isPresent()) {
                    interpret(p.block(), p.line(), a.get());
                    it.remove();
                    progress = true;
                }
            }
        }
        for (PendingBlock p : pending) {
            findings.warning(text.name(), p.block().headerLine, "the bus of the device at path " + pathText(p.line())
                    + " cannot be worked out: the bridge above it is not listed with its Bus: line, so this device "
                            + "was left out");
        }
    }

    private static String pathText(DeviceLine d) {
        StringBuilder sb = new StringBuilder();
        for (DeviceLine.Hop h : d.path()) {
            if (sb.length() > 0) sb.append('/');
            if (h.bus().isPresent()) sb.append(String.format("%02x:", h.bus().getAsInt()));
            sb.append(String.format("%02x.%d", h.device(), h.function()));
        }
        return sb.toString();
    }

    /**
     * Joins hard-wrapped remainders back to their line. With indentation kept, a remainder is a line
     * at column 0; with indentation stripped (some mail clients), it is a line that does not start
     * with a field name.
     */
    private static void joinWrappedLines(Block b) {
        boolean indented = b.indentedMode();
        List<String> lines = new ArrayList<>(b.lines.size());
        List<Integer> numbers = new ArrayList<>(b.lines.size());
        StringBuilder header = new StringBuilder(b.header);
        for (int i = 0; i < b.lines.size(); i++) {
            String t = b.lines.get(i);
            boolean wrapped = indented ? b.indents.get(i) == 0 : !VerboseLines.startsField(t);
            if (wrapped) {
                if (lines.isEmpty()) header.append(' ').append(t);
                else lines.set(lines.size() - 1, lines.get(lines.size() - 1) + " " + t);
            } else {
                lines.add(t);
                numbers.add(b.lineNumbers.get(i));
            }
        }
        b.header = header.toString();
        b.lines.clear();
        b.lines.addAll(lines);
        b.lineNumbers.clear();
        b.lineNumbers.addAll(numbers);
    }

    private void interpret(Block b, DeviceLine dl, Bdf address) {
        Integer first = listedAt.putIfAbsent(address, b.headerLine);
        if (first != null && repeats++ == 0) {
            firstRepeat = address;
            firstRepeatLine = b.headerLine;
        }
        SourceRef at = ref(b.headerLine);
        FunctionFacts f = machine.function(address, at);
        VerboseLines v = new VerboseLines(text.name(), findings);
        for (int i = 0; i < b.lines.size(); i++) v.accept(b.lines.get(i), b.lineNumbers.get(i));
        v.apply(f, dl, at, b.blankSeen);
        if (v.unnumberedRegions() > 0) {
            if (unnumberedRegions == 0) firstUnnumberedRegionLine = v.firstUnnumberedRegionLine();
            unnumberedRegions += v.unnumberedRegions();
        }
        if (b.hex != null) applyHex(b, f);
    }

    /**
     * Adds what the dump says. Where the verbose text already gave BARs or bridge windows it wins
     * silently: text addresses are CPU addresses, dump registers are bus addresses, and sizes are only
     * in the text. Everything else is compared and disagreements are reported.
     */
    private void applyHex(Block b, FunctionFacts f) {
        ConfigSpaceDecoder.Result r = ConfigSpaceDecoder.decode(b.hex);
        for (String problem : r.problems()) {
            findings.warning(text.name(), b.headerLine, f.address() + ": in the hex dump, " + problem);
        }
        r.identity().ifPresent(x -> f.put(FactKey.IDENTITY, x.value(), hexRef(b, x.offset()), findings));
        r.headerType().ifPresent(x -> f.put(FactKey.HEADER_TYPE, x.value(), hexRef(b, x.offset()), findings));
        r.multifunction().ifPresent(x -> f.put(FactKey.MULTIFUNCTION, x.value(), hexRef(b, x.offset()), findings));
        r.bars().ifPresent(x -> {
            Optional<List<Bar>> text = f.get(FactKey.BARS);
            if (text.isEmpty()) {
                if (!x.value().isEmpty()) f.put(FactKey.BARS, x.value(), hexRef(b, x.offset()), findings);
            } else {
                f.replace(FactKey.BARS, fillBars(text.get(), x.value()), f.fact(FactKey.BARS).get().source());
            }
        });
        r.bridge().ifPresent(x -> {
            Optional<Bridge> text = f.get(FactKey.BRIDGE);
            if (text.isEmpty()) {
                f.put(FactKey.BRIDGE, x.value(), hexRef(b, x.offset()), findings);
            } else {
                Bridge t = text.get();
                Bridge d = x.value();
                if (t.secondary() != d.secondary() || t.subordinate() != d.subordinate()) {
                    f.put(FactKey.BRIDGE, d, hexRef(b, x.offset()), findings);
                } else {
                    f.replace(FactKey.BRIDGE, new Bridge(t.primary().isPresent() ? t.primary() : d.primary(),
                            t.secondary(),
                            t.subordinate(), or(t.io(), d.io()), or(t.memory(), d.memory()), or(t.prefetchable(),
                                    d.prefetchable())),
                            f.fact(FactKey.BRIDGE).get().source());
                }
            }
        });
        r.portType().ifPresent(x -> f.put(FactKey.PORT_TYPE, x.value(), hexRef(b, x.offset()), findings));
        r.link().ifPresent(x -> f.put(FactKey.LINK, x.value(), hexRef(b, x.offset()), findings));
        r.acs().ifPresent(x -> f.put(FactKey.ACS, x.value(), hexRef(b, x.offset()), findings));
        r.ats().ifPresent(x -> f.put(FactKey.ATS, x.value(), hexRef(b, x.offset()), findings));
        r.pasid().ifPresent(x -> f.put(FactKey.PASID, x.value(), hexRef(b, x.offset()), findings));
        r.pri().ifPresent(x -> f.put(FactKey.PRI, x.value(), hexRef(b, x.offset()), findings));
        r.sriov().ifPresent(x -> f.put(FactKey.SRIOV, x.value(), hexRef(b, x.offset()), findings));
    }

    private static Optional<BridgeWindow> or(Optional<BridgeWindow> a, Optional<BridgeWindow> b) {
        return a.isPresent() ? a : b;
    }

    /**
     * The text's BARs, with the dump's BARs the text does not list and the dump's Resizable BAR sizes where the text
     * did not show the capability (an {@code -xxxx} dump of a {@code -vv} listing).
     */
    private static List<Bar> fillBars(List<Bar> text, List<Bar> dump) {
        List<Bar> out = new ArrayList<>(text.size());
        for (Bar t : text) {
            Optional<Bar> d = dump.stream().filter(x -> x.index() == t.index() && x.resizable()).findFirst();
            boolean fill = !t.resizable() && t.isMemory() && d.isPresent();
            out.add(fill ? t.withResizableSizes(d.get().resizableSizes()) : t);
        }
        for (Bar d : dump) {
            boolean taken = false;
            for (Bar t : text) {
                if (t.index() == d.index() || t.is64Bit() && t.index() + 1 == d.index() || d.is64Bit() && d.index()
                        + 1 == t.index()) {
                    taken = true;
                    break;
                }
            }
            if (!taken) out.add(d);
        }
        out.sort((x, y) -> Integer.compare(x.index(), y.index()));
        return List.copyOf(out);
    }

    private SourceRef hexRef(Block b, int offset) {
        int line = b.hex.lineOf(offset);
        return ref(line > 0 ? line : b.headerLine);
    }

    private SourceRef ref(int line) {
        return new SourceRef(text.name(), line);
    }
}
