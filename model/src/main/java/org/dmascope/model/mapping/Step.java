package org.dmascope.model.mapping;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One translation step: what happened, under which kernel rule, explained in a sentence a student
 * understands, with its inputs and outputs as short labelled values (insertion order kept).
 *
 * @param ruleId the R-id of kernel-dma-rules.md, possibly several ("R-IOMMU-2, R-IOMMU-3"), or "" when
 *               the step is bookkeeping rather than a kernel rule
 * @param since  where the rule changed over time, since when it behaves as this step says and by which
 *               commit ("since 6.16 (393cf700be6f)"); empty when it behaves so in every profile
 */
public record Step(StepKind kind, String ruleId, String title, String narration, Map<String, String> inputs,
                   Map<String, String> outputs, String since) {

    public Step {
        Objects.requireNonNull(kind);
        Objects.requireNonNull(ruleId);
        Objects.requireNonNull(title);
        Objects.requireNonNull(narration);
        Objects.requireNonNull(since);
        inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
        outputs = Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
    }

    /** A step whose rule behaves the same in every profile. */
    public Step(StepKind kind, String ruleId, String title, String narration, Map<String, String> inputs,
                Map<String, String> outputs) {
        this(kind, ruleId, title, narration, inputs, outputs, "");
    }

    /** Builds a step fluently. */
    public static Builder of(StepKind kind, String ruleId, String title) {
        return new Builder(kind, ruleId, title);
    }

    public static final class Builder {
        private final StepKind kind;
        private final String ruleId;
        private final String title;
        private String narration = "";
        private String since = "";
        private final Map<String, String> in = new LinkedHashMap<>();
        private final Map<String, String> out = new LinkedHashMap<>();

        private Builder(StepKind kind, String ruleId, String title) {
            this.kind = kind;
            this.ruleId = ruleId;
            this.title = title;
        }

        public Builder say(String sentence) {
            if (sentence == null || sentence.isEmpty()) return this;
            narration = narration.isEmpty() ? sentence : narration + " " + sentence;
            return this;
        }

        /**
         * Since when the rule behaves as this step says: "since 6.16 (393cf700be6f)", "6.16-7.0 (a25e7962db0d;
         * fixed in 7.1 by 560000d619ef)". Several calls join with "; ".
         */
        public Builder since(String words) {
            if (words == null || words.isEmpty()) return this;
            since = since.isEmpty() ? words : since + "; " + words;
            return this;
        }

        public Builder in(String name, Object value) {
            in.put(name, String.valueOf(value));
            return this;
        }

        public Builder out(String name, Object value) {
            out.put(name, String.valueOf(value));
            return this;
        }

        public Step build() {
            return new Step(kind, ruleId, title, narration, in, out, since);
        }
    }
}
