package org.dmascope.model.topology;

import java.util.Optional;

/**
 * The PCIe link of a function: what it can do (LnkCap) and what it trained to (LnkSta).
 * Either is empty when the export did not show it (a tree never does).
 */
public record Link(Optional<LinkState> capability, Optional<LinkState> status) {

    public static final Link UNKNOWN = new Link(Optional.empty(), Optional.empty());

    public static Link of(LinkState capability, LinkState status) {
        return new Link(Optional.ofNullable(capability), Optional.ofNullable(status));
    }

    /** True when the link trained below what it can do. */
    public boolean downgraded() {
        if (capability.isEmpty() || status.isEmpty()) return false;
        LinkState c = capability.get();
        LinkState s = status.get();
        return s.width() < c.width() || s.speed().ordinal() < c.speed().ordinal() || s.speed() == LinkSpeed.UNKNOWN;
    }
}
