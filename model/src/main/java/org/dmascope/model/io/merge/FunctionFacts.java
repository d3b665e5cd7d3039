package org.dmascope.model.io.merge;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.dmascope.model.io.source.Findings;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.SourceRef;

/**
 * Everything the exports say about one PCI function, field by field, each with where it was said.
 * When a second source states a field again, the parts the first left unknown are filled in and any
 * disagreement is reported as a warning naming both places; the first source's value is kept.
 */
public final class FunctionFacts {
    private final Bdf address;
    private final SourceRef listed;
    private final Map<FactKey<?>, Fact<?>> facts = new LinkedHashMap<>();
    private final Map<String, SourceRef> partSources = new TreeMap<>();

    public FunctionFacts(Bdf address, SourceRef listed) {
        this.address = address;
        this.listed = listed;
    }

    public Bdf address() {
        return address;
    }

    /** Where the function was first listed. */
    public SourceRef listed() {
        return listed;
    }

    /** Records that {@code source} says {@code key} is {@code value}. */
    public <T> void put(FactKey<T> key, T value, SourceRef source, Findings findings) {
        put(key, new Fact<>(value, source), findings);
    }

    <T> void put(FactKey<T> key, Fact<T> fact, Findings findings) {
        @SuppressWarnings("unchecked")
        Fact<T> old = (Fact<T>) facts.get(key);
        if (old == null) {
            facts.put(key, fact);
            return;
        }
        Merged<T> m = key.merge(old.value(), fact.value());
        facts.put(key, new Fact<>(m.value(), old.source()));
        if (!m.disagreements().isEmpty()) {
            findings.warning(fact.source(), address + ": " + old.source() + " and " + fact.source()
                    + " disagree on the " + key.label() + " (" + String.join("; ", m.disagreements())
                    + "); the first is kept", address.toString());
        }
    }

    /** Replaces a field without comparing: for a reader refining its own earlier statement. */
    public <T> void replace(FactKey<T> key, T value, SourceRef source) {
        facts.put(key, new Fact<>(value, source));
    }

    /**
     * Notes where a part of a field came from when that is not where the field was stated: the vendor ID
     * of an identity an export named but gave no ID for comes from pci.ids ({@code "vendor"}).
     */
    public void partSource(String provenanceKey, SourceRef source) {
        partSources.put(provenanceKey, source);
    }

    /** Provenance keys of parts of fields, with where they came from. */
    public Map<String, SourceRef> partSources() {
        return Collections.unmodifiableMap(partSources);
    }

    public <T> Optional<Fact<T>> fact(FactKey<T> key) {
        @SuppressWarnings("unchecked")
        Fact<T> f = (Fact<T>) facts.get(key);
        return Optional.ofNullable(f);
    }

    public <T> Optional<T> get(FactKey<T> key) {
        return fact(key).map(Fact::value);
    }

    /** Adds everything {@code other} says, reporting disagreements. */
    public void absorb(FunctionFacts other, Findings findings) {
        for (Map.Entry<FactKey<?>, Fact<?>> e : other.facts.entrySet()) absorbOne(e.getKey(), e.getValue(), findings);
    }

    @SuppressWarnings("unchecked")
    private <T> void absorbOne(FactKey<T> key, Fact<?> fact, Findings findings) {
        put(key, (Fact<T>) fact, findings);
    }
}
