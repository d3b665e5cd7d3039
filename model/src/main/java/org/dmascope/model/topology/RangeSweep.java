package org.dmascope.model.topology;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Overlap checks in O(n log n): the ranges are sorted by start and swept once, keeping the ones that
 * reach farthest so far. Each range that overlaps an earlier one (in address order) is reported once,
 * against the earlier range that reaches farthest, so n copies of one range give n - 1 findings, not
 * n² / 2. Ranges of the same owner never count as overlapping each other.
 */
public final class RangeSweep {
    private RangeSweep() {
    }

    /** A range, what it belongs to, and what the finding should name. */
    public record Entry<T>(AddressRange range, Object owner, T item) {
        public Entry {
            Objects.requireNonNull(range);
            Objects.requireNonNull(owner);
        }
    }

    /** Called with the later entry in address order first. */
    @FunctionalInterface
    public interface Report<T> {
        void overlap(Entry<T> later, Entry<T> earlier);
    }

    private static final Comparator<Entry<?>> BY_ADDRESS = (a, b) -> {
        int c = Long.compareUnsigned(a.range().start(), b.range().start());
        return c != 0 ? c : Long.compareUnsigned(a.range().end(), b.range().end());
    };

    /** Each entry that overlaps an earlier entry of another owner. */
    public static <T> void overlaps(List<Entry<T>> entries, Report<T> report) {
        List<Entry<T>> sorted = new ArrayList<>(entries);
        sorted.sort(BY_ADDRESS);
        Reach<T> reach = new Reach<>();
        for (Entry<T> e : sorted) {
            Entry<T> other = reach.overlappingOtherThan(e);
            if (other != null) report.overlap(e, other);
            reach.add(e);
        }
    }

    /**
     * Each entry of {@code a} that overlaps an entry of {@code b} of another owner, and each entry of
     * {@code b} that overlaps an earlier one of {@code a}: every crossing pair is found at least once.
     *
     * @param report called as (an entry of a, an entry of b)
     */
    static <T> void crossings(List<Entry<T>> a, List<Entry<T>> b, Report<T> report) {
        List<Entry<T>> all = new ArrayList<>(a.size() + b.size());
        all.addAll(a);
        all.addAll(b);
        all.sort(BY_ADDRESS);
        Set<Entry<T>> inA = Collections.newSetFromMap(new IdentityHashMap<>());
        inA.addAll(a);
        Reach<T> reachA = new Reach<>();
        Reach<T> reachB = new Reach<>();
        for (Entry<T> e : all) {
            if (inA.contains(e)) {
                Entry<T> other = reachB.overlappingOtherThan(e);
                if (other != null) report.overlap(e, other);
                reachA.add(e);
            } else {
                Entry<T> other = reachA.overlappingOtherThan(e);
                if (other != null) report.overlap(other, e);
                reachB.add(e);
            }
        }
    }

    /** The entry reaching farthest, and the one reaching farthest among the other owners. */
    private static final class Reach<T> {
        private Entry<T> first;
        private Entry<T> second;

        Entry<T> overlappingOtherThan(Entry<T> e) {
            Entry<T> candidate = first != null && first.owner() != e.owner() ? first : second;
            if (candidate == null || Long.compareUnsigned(e.range().start(), candidate.range().end()) > 0) return null;
            return candidate;
        }

        void add(Entry<T> e) {
            if (first == null || Long.compareUnsigned(e.range().end(), first.range().end()) > 0) {
                if (first != null && first.owner() != e.owner()) second = first;
                first = e;
            } else if (e.owner() != first.owner()
                    && (second == null || Long.compareUnsigned(e.range().end(), second.range().end()) > 0)) {
                second = e;
            }
        }
    }
}
