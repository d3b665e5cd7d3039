package org.dmascope.model.io.merge;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.dmascope.model.io.pciids.IdentityResolver;
import org.dmascope.model.io.pciids.IdentityResolver.Outcome;
import org.dmascope.model.io.pciids.IdentityResolver.Resolution;
import org.dmascope.model.io.pciids.PciIdSource;
import org.dmascope.model.io.source.Findings;
import org.dmascope.model.report.Severity;
import org.dmascope.model.topology.PciId;
import org.dmascope.model.topology.PciIdentity;
import org.dmascope.model.topology.SourceRef;

/**
 * Completes the merged functions' identities from pci.ids ({@link IdentityResolver}): what was taken from
 * it is recorded as coming from {@code pci.ids (date)} at the entry's line, and the names that could not
 * be resolved are reported, one finding per name (a dual-socket server repeats each uncore name dozens of
 * times), with the functions that carry it and, for an ambiguous name, every candidate.
 */
final class PciIdResolution {
    /** Functions named in one finding before the rest are counted. */
    private static final int NAMED_FUNCTIONS = 4;
    private static final int NAMED_CANDIDATES = 8;
    private static final int NAMED_NAMES = 6;

    private PciIdResolution() {
    }

    static void apply(MachineFacts all, PciIdSource source, Findings findings) {
        List<FunctionFacts> wanting = new ArrayList<>();
        for (FunctionFacts f : all.functions()) {
            if (f.get(FactKey.IDENTITY).filter(IdentityResolver::wants).isPresent()) wanting.add(f);
        }
        // Only read the database when some function needs it.
        if (wanting.isEmpty()) return;
        Optional<String> problem = source.problem();
        if (problem.isPresent()) {
            findings.warning(identitySource(wanting.get(0)), problem.get() + "; names and IDs were taken as the "
                    + "exports give them", null);
            return;
        }
        IdentityResolver resolver = new IdentityResolver(source.database());
        String pciIds = source.provenanceName();
        Map<String, List<FunctionFacts>> ambiguous = new LinkedHashMap<>();
        Map<String, List<FunctionFacts>> notFound = new LinkedHashMap<>();
        Map<FunctionFacts, Resolution> resolutions = new LinkedHashMap<>();
        int both = 0;
        int vendorOnly = 0;
        SourceRef firstResolved = null;
        for (FunctionFacts f : wanting) {
            Fact<PciIdentity> fact = f.fact(FactKey.IDENTITY).orElseThrow();
            Resolution r = resolver.resolve(fact.value());
            resolutions.put(f, r);
            if (!r.identity().equals(fact.value())) f.replace(FactKey.IDENTITY, r.identity(), fact.source());
            r.fromPciIds().forEach((key, line) -> f.partSource(key, new SourceRef(pciIds, line)));
            boolean ids = r.fromPciIds().containsKey(IdentityResolver.VENDOR_ID)
                    || r.fromPciIds().containsKey(IdentityResolver.DEVICE_ID);
            if (ids && r.identity().deviceId().isPresent() && r.identity().vendorId().isPresent()) both++;
            else if (ids) vendorOnly++;
            if (ids && firstResolved == null) firstResolved = identitySource(f);
            switch (r.outcome()) {
                case AMBIGUOUS -> ambiguous.computeIfAbsent(r.name(), k -> new ArrayList<>()).add(f);
                case VENDOR_NOT_FOUND, DEVICE_NOT_FOUND -> notFound.computeIfAbsent(r.outcome() + "\n"
                        + identitySource(f).file(), k -> new ArrayList<>()).add(f);
                default -> {
                }
            }
        }
        for (List<FunctionFacts> same : ambiguous.values()) ambiguous(resolutions.get(same.get(0)), same, pciIds,
                findings);
        for (List<FunctionFacts> file : notFound.values()) notFound(file, resolutions, pciIds, findings);
        if (both + vendorOnly > 0) {
            String more = vendorOnly > 0 ? " and the vendor ID of " + vendorOnly + " more" : "";
            findings.add(Severity.INFO, firstResolved.file(), firstResolved.line(), "IDs from names: "
                    + source.description() + " gives the vendor and device ID of " + both
                    + (both == 1 ? " function" : " functions") + " the exports name without IDs" + more
                    + "; the inspector shows them as from " + pciIds, null);
        }
    }

    private static SourceRef identitySource(FunctionFacts f) {
        return f.fact(FactKey.IDENTITY).map(Fact::source).orElse(f.listed());
    }

    private static void ambiguous(Resolution r, List<FunctionFacts> functions, String pciIds, Findings findings) {
        PciIdentity id = r.identity();
        String message = "\"" + r.name() + "\" (" + addresses(functions) + "): " + pciIds + " gives this name to "
                + id.idCandidates().size() + " IDs (" + candidates(id.idCandidates()) + "); "
                + (id.vendorId().isPresent() ? "the vendor ID " + String.format("%04x", id.vendorId().getAsInt())
                + " is known, the device ID is left unknown rather than guessed"
                : "the IDs are left unknown rather than guessed");
        findings.warning(identitySource(functions.get(0)), message, functions.get(0).address().toString());
    }

    /** One finding per file for the names pci.ids does not know: typically it is older than the export. */
    private static void notFound(List<FunctionFacts> functions, Map<FunctionFacts, Resolution> resolutions,
            String pciIds, Findings findings) {
        Resolution first = resolutions.get(functions.get(0));
        boolean vendorKnown = first.outcome() == Outcome.DEVICE_NOT_FOUND;
        Map<String, List<FunctionFacts>> byName = new LinkedHashMap<>();
        for (FunctionFacts f : functions) byName.computeIfAbsent(resolutions.get(f).name(), k -> new ArrayList<>())
                .add(f);
        String names = byName.entrySet().stream().limit(NAMED_NAMES)
                .map(e -> "\"" + e.getKey() + "\" (" + addresses(e.getValue()) + ")")
                .collect(Collectors.joining(", "));
        int more = byName.size() - NAMED_NAMES;
        boolean one = byName.size() == 1;
        String its = one ? "its" : "their";
        String message = byName.size() + (one ? " name is" : " names are") + " not in " + pciIds
                + (vendorKnown ? " under " + its + " vendor" : ", not even " + its + " vendor's") + ": " + names
                + (more > 0 ? " and " + more + " more" : "") + "; "
                + (vendorKnown ? its + " vendor ID" + (one ? " is" : "s are") + " known, " + its + " device ID"
                + (one ? " stays" : "s stay") + " unknown"
                : its + " IDs stay unknown, so no quirk keyed on them applies")
                + " (a pci.ids older than the export does not know newer devices)";
        findings.warning(identitySource(functions.get(0)), message, functions.get(0).address().toString());
    }

    private static String addresses(List<FunctionFacts> functions) {
        String named = functions.stream().limit(NAMED_FUNCTIONS).map(f -> f.address().toString())
                .collect(Collectors.joining(", "));
        int more = functions.size() - NAMED_FUNCTIONS;
        return more > 0 ? named + " and " + more + " more" : named;
    }

    private static String candidates(List<PciId> ids) {
        String named = ids.stream().limit(NAMED_CANDIDATES).map(PciId::toString).collect(Collectors.joining(", "));
        int more = ids.size() - NAMED_CANDIDATES;
        return more > 0 ? named + " and " + more + " more" : named;
    }
}
