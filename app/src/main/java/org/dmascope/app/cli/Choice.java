package org.dmascope.app.cli;

import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * An option that takes one word out of a few. The same class converts the word and lists the words for
 * the usage text ({@code ${COMPLETION-CANDIDATES}}) and shell completion, so each set is written once.
 * Aliases the model accepts stay accepted; only the listed words are offered.
 */
abstract class Choice<T> implements ITypeConverter<T>, Iterable<String> {
    private final String what;
    private final List<String> words;
    private final Function<String, Optional<T>> parse;

    /**
     * @param what  what a word names, for the error: "an output format"
     * @param words the words offered, in the order the usage text shows them
     * @param parse the model's own reading of a word, aliases and case included
     */
    Choice(String what, List<String> words, Function<String, Optional<T>> parse) {
        this.what = what;
        this.words = List.copyOf(words);
        this.parse = parse;
    }

    @Override
    public T convert(String value) {
        return parse.apply(value).orElseThrow(() -> new TypeConversionException(value + " is not " + what + " ("
                + alternatives() + ")"));
    }

    @Override
    public Iterator<String> iterator() {
        return words.iterator();
    }

    private String alternatives() {
        if (words.size() == 1) return words.get(0);
        return String.join(", ", words.subList(0, words.size() - 1)) + " or " + words.get(words.size() - 1);
    }
}
