package org.dmascope.model.designs;

import java.util.List;
import java.util.Optional;

/** The designs of every question computed for one buffer, with the kernel's own answer beside them. */
public record DesignReport(DesignInput input, List<Design> designs) {
    public DesignReport {
        designs = List.copyOf(designs);
    }

    public List<Design> of(Question q) {
        return designs.stream().filter(d -> d.question() == q).toList();
    }

    public Optional<Design> design(String key) {
        return designs.stream().filter(d -> d.key().equals(key)).findFirst();
    }
}
