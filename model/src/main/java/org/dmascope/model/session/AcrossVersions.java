package org.dmascope.model.session;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.dmascope.model.kernel.platform.PlatformOverrides;
import org.dmascope.model.kernel.profile.KernelChange;
import org.dmascope.model.kernel.profile.KernelFeature;
import org.dmascope.model.kernel.profile.KernelProfile;
import org.dmascope.model.mapping.DmaSegments;
import org.dmascope.model.mapping.Mapping;
import org.dmascope.model.mapping.Step;
import org.dmascope.model.topology.Topology;
import org.dmascope.model.util.Hex;

/**
 * One map call under every kernel profile, oldest first, each on a freshly booted machine with the same
 * platform facts (only the kernel differs), and the profiles at which the answer changes: the verdict,
 * the DMA segments (count, addresses, lengths, flags) or the error. Each such row names the kernel
 * changes between it and the profile before it ({@link KernelChange}), those touching a rule the
 * mapping's steps name first. Pure model: safe to run on any thread; nothing here is shared.
 */
public final class AcrossVersions {
    private static final Pattern RULE_ID = Pattern.compile("\\bR-[A-Z]+-\\d+\\b");

    /**
     * What one kernel made of the call.
     *
     * @param kernel   the profile
     * @param verdict  the verdict code ("ok", "EREMOTEIO", …), "not in this kernel" when the kernel lacks the API,
     *                 or "refused" when the call did not fit the machine
     * @param error    the kernel's return on failure, or the problem ("dma_iova_try_alloc is not in …"); empty
     *                 when it mapped
     * @param mapType  the P2P map type, "NONE" for host memory or "" when nothing was mapped
     * @param segments the DMA segments as "address+length FLAGS", in order
     * @param rules    the R-ids the mapping's steps name
     * @param missing  the kernel feature the call needs and this kernel lacks, else empty: refusals for the same
     *                 missing feature are the same answer, whatever release they name
     */
    public record Outcome(KernelProfile kernel, String verdict, String error, String mapType, List<String> segments,
                          Set<String> rules, Optional<KernelFeature> missing) {
        public Outcome {
            Objects.requireNonNull(kernel);
            segments = List.copyOf(segments);
            rules = Set.copyOf(rules);
            Objects.requireNonNull(missing);
        }

        /** The part that is compared: verdict, error, segments (the map type explains, it is not compared). */
        boolean sameAnswer(Outcome o) {
            if (missing.isPresent() || o.missing.isPresent()) return missing.equals(o.missing);
            return verdict.equals(o.verdict) && error.equals(o.error) && segments.equals(o.segments);
        }
    }

    /**
     * A profile whose answer differs from the profile before it (the oldest profile always opens the table).
     *
     * @param previous    the profile compared with, empty for the first row
     * @param differences what differs, one phrase each ("verdict ok → EREMOTEIO", "segment 0: …")
     * @param changes     the kernel changes between {@code previous} and this profile that can explain it
     */
    public record Row(Outcome outcome, Optional<KernelProfile> previous, List<String> differences,
                      List<KernelChange> changes) {
        public Row {
            Objects.requireNonNull(outcome);
            differences = List.copyOf(differences);
            changes = List.copyOf(changes);
        }
    }

    /** Every profile's outcome, oldest first, and the rows where the answer changed. */
    public record Table(List<Outcome> outcomes, List<Row> rows) {
        public Table {
            outcomes = List.copyOf(outcomes);
            rows = List.copyOf(rows);
        }
    }

    private AcrossVersions() {
    }

    /** Maps {@code call} on {@code topology} with the platform facts {@code machine} under every profile. */
    public static Table of(Topology topology, PlatformOverrides machine, MapCall call) {
        List<Outcome> outcomes = new ArrayList<>();
        for (KernelProfile k : KernelProfile.oldestFirst()) {
            KernelSession s = KernelSession.boot(topology, machine.withProfile(k));
            Optional<KernelFeature> missing = call.options().api().requiredFeature(call.options().blockPath())
                    .filter(f -> !f.in(k));
            outcomes.add(outcome(k, s.map(call), missing));
        }
        return new Table(outcomes, rows(outcomes));
    }

    static Outcome outcome(KernelProfile k, MapOutcome o, Optional<KernelFeature> missing) {
        if (!o.hasMapping()) {
            return new Outcome(k, missing.isPresent() ? "not in this kernel" : "refused", o.problem().orElse(""), "",
                    List.of(), Set.of(), missing);
        }
        Mapping m = o.mapping();
        List<String> segments = new ArrayList<>();
        DmaSegments seg = m.segments();
        for (int i = 0; i < seg.count(); i++) {
            List<String> flags = seg.flagNames(i);
            segments.add(Hex.addr(seg.address(i)) + "+" + Hex.addr(seg.length(i))
                    + (flags.isEmpty() ? "" : " " + String.join(",", flags)));
        }
        Set<String> rules = new LinkedHashSet<>();
        for (Step s : m.steps()) for (String r : s.ruleId().split(",\\s*")) if (!r.isBlank()) rules.add(r.strip());
        // the rule that chose the device's domain, when its reason names one (R-AMD-1's identity domain)
        o.kernelIommu().ifPresent(r -> RULE_ID.matcher(r.reason()).results().forEach(x -> rules.add(x.group())));
        String error = m.verdict().isOk() ? "" : m.verdict().kernelReturn();
        return new Outcome(k, m.verdict().code(), error, m.mapType().name(), segments, rules, Optional.empty());
    }

    static List<Row> rows(List<Outcome> outcomes) {
        List<Row> rows = new ArrayList<>();
        if (outcomes.isEmpty()) return rows;
        rows.add(new Row(outcomes.get(0), Optional.empty(), List.of("the oldest profile"), List.of()));
        for (int i = 1; i < outcomes.size(); i++) {
            Outcome before = outcomes.get(i - 1);
            Outcome now = outcomes.get(i);
            if (now.sameAnswer(before)) continue;
            Set<String> rules = new LinkedHashSet<>(before.rules());
            rules.addAll(now.rules());
            rows.add(new Row(now, Optional.of(before.kernel()), differences(before, now),
                    KernelChange.explaining(before.kernel(), now.kernel(), rules)));
        }
        return rows;
    }

    static List<String> differences(Outcome a, Outcome b) {
        List<String> d = new ArrayList<>();
        if (!a.verdict().equals(b.verdict())) d.add("verdict " + a.verdict() + " → " + b.verdict());
        if (!a.error().equals(b.error())) {
            d.add("error " + (a.error().isEmpty() ? "none" : a.error()) + " → " + (b.error().isEmpty() ? "none"
                    : b.error()));
        }
        if (!a.mapType().equals(b.mapType()) && !a.mapType().isEmpty() && !b.mapType().isEmpty()) {
            d.add("P2P map type " + a.mapType() + " → " + b.mapType());
        }
        if (a.segments().size() != b.segments().size()) {
            d.add("segments " + a.segments().size() + " → " + b.segments().size());
        }
        int shown = 0;
        for (int i = 0; i < Math.min(a.segments().size(), b.segments().size()) && shown < 3; i++) {
            if (!a.segments().get(i).equals(b.segments().get(i))) {
                d.add("segment " + i + " " + a.segments().get(i) + " → " + b.segments().get(i));
                shown++;
            }
        }
        return d;
    }
}
