package org.dmascope.model.designs;

import java.util.ArrayList;
import java.util.List;

import org.dmascope.model.kernel.dma.P2pProvider;
import org.dmascope.model.topology.PciFunction;

/**
 * Question 3, common part: how a design finds the P2P provider ("bar info": owner, bus offset) of a
 * physical address. Entries are the buffer's physical ranges cut at a u32 length; a design that tags
 * entries spends {@link #bitsPerEntry()} bits on every one of them, host entries included.
 */
abstract class ProviderLookup implements DesignModel {
    @Override
    public final Question question() {
        return Question.PROVIDER;
    }

    /** Bits every entry spends on naming its provider. */
    abstract long bitsPerEntry();

    /** Provider look-ups for this buffer. */
    abstract long lookups(DesignInput in, long p2pEntries);

    /** Memory reads per look-up on this machine. */
    abstract long readsPerLookup(DesignInput in);

    /** How many providers the design can tell apart; 0 when it has no limit. */
    long limit() {
        return 0;
    }

    /** The provider field of a P2P entry as the design stores it. */
    abstract String field(DesignInput in, P2pProvider p);

    /** The field of a host entry. */
    abstract String hostField();

    abstract Design describe(List<Figure> figures, EntryTable entries);

    void extraFigures(DesignInput in, List<Figure> f) {
    }

    @Override
    public Design evaluate(DesignInput in) {
        SplitRanges s = in.split(DesignInput.U32_CHUNK);
        long p2pEntries = s.p2pEntries();
        long machine = in.machineProviders();
        List<Figure> f = new ArrayList<>();
        f.add(Figure.of("bitsPerEntry", "bits per entry", bitsPerEntry()));
        f.add(Figure.of("extraBytes", "bytes spent on all entries", (s.entries() * bitsPerEntry() + 7) / 8));
        f.add(Figure.of("p2pEntries", "P2P entries", p2pEntries));
        f.add(Figure.of("lookups", "provider look-ups", lookups(in, p2pEntries)));
        f.add(Figure.of("readsPerLookup", "memory reads per look-up", readsPerLookup(in)));
        f.add(Figure.of("limit", "providers it can tell apart (0 = no limit)", limit()));
        f.add(Figure.of("machineProviders", "providers on this machine", machine));
        f.add(Figure.of("fitsMachine", "fits this machine", limit() == 0 || machine <= limit()));
        extraFigures(in, f);
        return describe(f, EntryTable.of(List.of("#", "kind", "phys", "len", "provider field"), s.rows(),
                (row, col) -> switch (col) {
                    case 0 -> Integer.toString(row);
                    case 1 -> Layouts.kind(s.p2p(row));
                    case 2 -> Layouts.hex(s.addr(row));
                    case 3 -> Layouts.hex(s.len(row));
                    default -> s.p2p(row) ? field(in, in.rangeProvider(s.range(row))) : hostField();
                }));
    }

    /** The provider's number among the machine's (functions in topology order, BARs in order), from 0. */
    static int machineIndex(DesignInput in, P2pProvider p) {
        int i = 0;
        for (PciFunction f : in.topology().functions()) {
            for (int bar : f.p2pMemory().stream().map(m -> m.bar()).distinct().sorted().toList()) {
                if (f.address().equals(p.owner()) && bar == p.bar()) return i;
                i++;
            }
        }
        return -1;
    }

    static String name(P2pProvider p) {
        return p.owner() + " BAR " + p.bar();
    }
}
