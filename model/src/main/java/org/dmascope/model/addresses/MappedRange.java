package org.dmascope.model.addresses;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.dmascope.model.topology.AddressRange;

/**
 * One range on the address map: where, what, whose, a detail line (BAR number and flags, a window's CPU↔bus
 * offset, a reserved region's reason) and the problems the kernel would have with it. An assumed range is not in
 * the input: the machine's answers are worked out with it (the RAM layout of an lspci export), and its detail says
 * so and what depends on it.
 */
public final class MappedRange {
    private final AddressRange range;
    private final RangeKind kind;
    private final Owner owner;
    private final String detail;
    private final boolean assumed;
    private final List<Problem> problems = new ArrayList<>();
    /** Problems of a kind beyond {@link #PER_KIND}, counted: one BAR overlapped by a thousand others. */
    private final Map<ProblemKind, Integer> more = new EnumMap<>(ProblemKind.class);

    /** How many problems of one kind a range lists. */
    static final int PER_KIND = 3;

    public MappedRange(AddressRange range, RangeKind kind, Owner owner, String detail) {
        this(range, kind, owner, detail, false);
    }

    /** @param assumed the range is not in the input but assumed where it is silent */
    public MappedRange(AddressRange range, RangeKind kind, Owner owner, String detail, boolean assumed) {
        this.range = Objects.requireNonNull(range);
        this.kind = Objects.requireNonNull(kind);
        this.owner = Objects.requireNonNull(owner);
        this.detail = Objects.requireNonNull(detail);
        this.assumed = assumed;
    }

    /** Not in the input: assumed where it is silent (the detail says what rests on it). */
    public boolean assumed() {
        return assumed;
    }

    public AddressRange range() {
        return range;
    }

    public RangeKind kind() {
        return kind;
    }

    public Owner owner() {
        return owner;
    }

    public String detail() {
        return detail;
    }

    /** The problems found, in the order the checks ran: at most {@value #PER_KIND} of a kind, then a count. */
    public List<Problem> problems() {
        if (more.isEmpty()) return List.copyOf(problems);
        List<Problem> out = new ArrayList<>(problems);
        more.forEach((k, n) -> out.add(new Problem(k, "… and " + n + " more like it")));
        return List.copyOf(out);
    }

    public boolean hasProblems() {
        return !problems.isEmpty();
    }

    /** Only the checks add problems, while the map is built; the map is not changed after. */
    void add(Problem p) {
        long same = problems.stream().filter(q -> q.kind() == p.kind()).count();
        if (same < PER_KIND) problems.add(p);
        else more.merge(p.kind(), 1, Integer::sum);
    }

    @Override
    public String toString() {
        return kind.title() + (assumed ? " (assumed)" : "") + " " + range + " of " + owner.label();
    }
}
