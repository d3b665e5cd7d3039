package org.dmascope.model.designs;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One alternative of one question, computed for the current buffer.
 *
 * @param question  which question it answers
 * @param key       a stable name (JSON, tests)
 * @param name      what the design is called
 * @param source    "proposal, thread and year" or "mainline since X", with the file or message it follows
 * @param mainline  whether this is what mainline does (the kernel's own answer)
 * @param layout    the structure as the source spells it, or empty when the design is not a structure
 * @param config    the configuration the byte figures assume
 * @param argument  one sentence: the thread's argument for it
 * @param fate      one sentence: what became of it in mainline
 * @param figures   the computed figures, in display order
 * @param entries   what it would hold for this buffer
 */
public record Design(Question question, String key, String name, String source, boolean mainline, String layout,
                     String config, String argument, String fate, List<Figure> figures, EntryTable entries) {
    public Design {
        Objects.requireNonNull(question);
        Objects.requireNonNull(key);
        figures = List.copyOf(figures);
        Objects.requireNonNull(entries);
    }

    public Optional<Figure> figure(String figureKey) {
        return figures.stream().filter(f -> f.key().equals(figureKey)).findFirst();
    }
}
