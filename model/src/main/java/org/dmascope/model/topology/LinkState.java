package org.dmascope.model.topology;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A link speed and width, as in {@code 16GT/s x16}. Width 0 means the link is down. */
public record LinkState(LinkSpeed speed, int width) {
    private static final Pattern TEXT = Pattern.compile("(\\S+)\\s+x(\\d+)");

    public LinkState {
        if (width < 0 || width > 32) throw new IllegalArgumentException("link width must be x0-x32, was x" + width);
    }

    /** Payload bandwidth in GB/s in one direction. */
    public double gigabytesPerSecond() {
        return speed.gigabytesPerSecondPerLane() * width;
    }

    public static Optional<LinkState> parse(String text) {
        Matcher m = TEXT.matcher(text.trim());
        if (!m.matches()) return Optional.empty();
        return LinkSpeed.fromText(m.group(1)).map(s -> new LinkState(s, Integer.parseInt(m.group(2))));
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s x%d", speed.text(), width);
    }
}
