package org.dmascope.model.io.lspci;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.dmascope.model.io.merge.FactKey;
import org.dmascope.model.io.merge.FunctionFacts;
import org.dmascope.model.io.merge.MachineFacts;
import org.dmascope.model.io.source.Checkpoint;
import org.dmascope.model.io.source.Findings;
import org.dmascope.model.io.source.SourceText;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.Bridge;
import org.dmascope.model.topology.PciIdentity;
import org.dmascope.model.topology.SourceRef;

/**
 * Reads {@code lspci -t} trees ({@code -tv}, {@code -tvnn}, {@code -tn}; lspci-formats.md §5). A tree
 * tells which buses are root buses, the bus numbers each bridge forwards and the functions on each bus;
 * with {@code -v}/{@code -n} also names or IDs. It never tells link state, ACS or BARs.
 *
 * <p>Each line is read left to right. A line that continues a bus starts with {@code +-} or
 * {@code \-} under the branch it belongs to; pasted trees are often shifted by a few columns (mail
 * clients, no-break spaces), so the branch is the nearest open one rather than an exact column.
 * Abridged trees that start inside a list of root buses are accepted too.
 */
public final class LspciTreeReader {
    private final SourceText text;
    private final Findings findings;
    private final MachineFacts machine = new MachineFacts();
    /** Open branches: a column where {@code +-} or {@code \-} continues the device list of a bus. */
    private final List<Branch> open = new ArrayList<>();
    private int lineNo;
    private String line;

    private record Branch(int column, int domain, int bus) {
    }

    private LspciTreeReader(SourceText text, Findings findings) {
        this.text = text;
        this.findings = findings;
    }

    public static MachineFacts read(SourceText text, Findings findings, Checkpoint checkpoint) {
        LspciTreeReader r = new LspciTreeReader(text, findings);
        int n = text.lineCount();
        for (int i = 0; i < n; i++) {
            if ((i & 255) == 0) checkpoint.reached(i, n);
            r.lineNo = i + 1;
            r.line = text.line(i);
            if (!r.line.isBlank()) r.readLine();
        }
        return r.machine;
    }

    private void readLine() {
        int i = 0;
        int n = line.length();
        while (i < n && (line.charAt(i) == ' ' || line.charAt(i) == '\t' || line.charAt(i) == '|')) i++;
        if (line.startsWith("+-", i) || line.startsWith("\\-", i)) {
            continueBranch(i);
        } else if (line.startsWith("-", i)) {
            open.clear();
            i++;
            if (line.startsWith("+-", i)) {
                rootEntry(i + 2);
            } else if (line.startsWith("[", i)) {
                rootEntry(i);
            } else {
                unexpected(i);
            }
        } else {
            warn("this line is not part of an lspci tree (it does not start with a branch such as +- or \\-); it was "
                    + "ignored");
        }
    }

    private void continueBranch(int column) {
        boolean last = line.charAt(column) == '\\';
        int entry = column + 2;
        if (line.startsWith("[", entry)) {
            // A root bus ends everything above it; accepted even when the list of roots was cut off above.
            open.clear();
            rootEntry(entry);
            return;
        }
        int best = -1;
        for (int k = open.size() - 1; k >= 0; k--) {
            if (best < 0 || Math.abs(open.get(k).column() - column) < Math.abs(open.get(best)
                    .column() - column)) best = k;
        }
        if (best < 0) {
            warn("this branch does not continue any bus of the tree above it (the tree may be cut off); "
                    + "it was ignored");
            return;
        }
        Branch b = open.get(best);
        while (open.size() > best + 1) open.remove(open.size() - 1);
        if (last) open.remove(best);
        device(b.domain(), b.bus(), entry);
    }

    /** {@code [dddd:bb]-} then the root bus contents. */
    private void rootEntry(int i) {
        int close = line.indexOf(']', i);
        int colon = line.indexOf(':', i);
        if (close < 0 || colon < 0 || colon > close || close - colon != 3 || colon - i - 1 < 4 || colon - i - 1 > 8
                || !hex(i + 1, colon) || !hex(colon + 1, close)) {
            unexpected(i);
            return;
        }
        int domain = (int) Long.parseLong(line.substring(i + 1, colon), 16);
        int bus = Integer.parseInt(line.substring(colon + 1, close), 16);
        machine.hostBridge(domain, bus, ref());
        int p = close + 1;
        if (!line.startsWith("-", p)) {
            if (p < line.length()) unexpected(p);
            return;
        }
        busContents(domain, bus, p + 1);
    }

    /** After a bus is named: nothing (empty), {@code --dd.f} (one device) or {@code +-dd.f} (several). */
    private void busContents(int domain, int bus, int i) {
        int n = line.length();
        if (i >= n) return;
        if (line.startsWith("--", i) && i + 2 < n && Character.digit(line.charAt(i + 2), 16) >= 0) {
            device(domain, bus, i + 2);
        } else if (line.startsWith("+-", i)) {
            open.add(new Branch(i, domain, bus));
            device(domain, bus, i + 2);
        } else if (line.startsWith("\\-", i)) {
            device(domain, bus, i + 2);
        } else if (!line.substring(i).isBlank()) {
            unexpected(i);
        }
    }

    /** {@code dd.f}, then a bridge's {@code -[ss]-} or {@code -[ss-uu]-} and its bus, or a name. */
    private void device(int domain, int bus, int i) {
        int n = line.length();
        if (i + 4 > n || !hex(i, i + 2) || line.charAt(i + 2) != '.' || line.charAt(i + 3) < '0' || line.charAt(i
                + 3) > '7') {
            unexpected(i);
            return;
        }
        int dev = Integer.parseInt(line.substring(i, i + 2), 16);
        if (dev > 0x1F) {
            unexpected(i);
            return;
        }
        Bdf address = Bdf.of(domain, bus, dev, line.charAt(i + 3) - '0');
        FunctionFacts f = machine.function(address, ref());
        int p = i + 4;
        if (p >= n) return;
        char c = line.charAt(p);
        if (c == ' ' || c == '\t') {
            name(f, line.substring(p).trim());
            return;
        }
        if (c != '-') {
            unexpected(p);
            return;
        }
        if (line.startsWith("-[", p)) {
            int close = line.indexOf(']', p);
            if (close < 0) {
                unexpected(p);
                return;
            }
            String range = line.substring(p + 2, close);
            int dash = range.indexOf('-');
            String s = dash < 0 ? range : range.substring(0, dash);
            String u = dash < 0 ? range : range.substring(dash + 1);
            if (s.length() != 2 || u.length() != 2 || !hex(s) || !hex(u)) {
                unexpected(p);
                return;
            }
            int secondary = Integer.parseInt(s, 16);
            int subordinate = Integer.parseInt(u, 16);
            f.put(FactKey.BRIDGE, Bridge.ofBuses(secondary, subordinate), ref(), findings);
            if (!line.startsWith("--", close + 1)) {
                if (close + 1 < n) unexpected(close + 1);
                return;
            }
            busContents(domain, secondary, close + 3);
            return;
        }
        // "dd.f--..." : a bridge whose secondary bus is 0, i.e. not configured; what hangs below has no bus number.
        findings.warning(text.name(), lineNo,
                address + " is a bridge without bus numbers (lspci printed no [bus] range); "
                + "anything shown below it on this line was left out");
    }

    /** {@code Name}, {@code Name [vvvv:dddd]} or {@code vvvv:dddd}. */
    private void name(FunctionFacts f, String name) {
        if (name.isEmpty()) return;
        DeviceLine.Names n = DeviceLine.names(name);
        PciIdentity id = new PciIdentity(n.vendorId(), n.deviceId(), OptionalInt.empty(), OptionalInt.empty(),
                OptionalInt.empty(), OptionalInt.empty(), Optional.empty(), n.name(), Optional.empty(),
                        Optional.empty());
        f.put(FactKey.IDENTITY, id, ref(), findings);
    }

    private boolean hex(int from, int to) {
        if (from >= to) return false;
        for (int i = from; i < to; i++) if (Character.digit(line.charAt(i), 16) < 0) return false;
        return true;
    }

    private static boolean hex(String s) {
        if (s.isEmpty()) return false;
        for (int i = 0; i < s.length(); i++) if (Character.digit(s.charAt(i), 16) < 0) return false;
        return true;
    }

    private void unexpected(int column) {
        String at = line.substring(column, Math.min(line.length(), column + 20));
        warn("unexpected text in the tree at column " + (column + 1) + " (\"" + at
                + "\"); the rest of the line was ignored");
    }

    private void warn(String message) {
        findings.warning(text.name(), lineNo, message);
    }

    private SourceRef ref() {
        return new SourceRef(text.name(), lineNo);
    }
}
