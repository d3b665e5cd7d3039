package org.dmascope.model.kernel.route;

/** What a node on a TLP route does with the request (section "Routes" of issue 4). */
public enum HopDecision {
    SOURCE("source"),
    FORWARD_UP("forward upstream"),
    FORWARD_PEER("forward to peer"),
    REDIRECTED_UPSTREAM("redirected upstream"),
    EGRESS_BLOCKED("egress-blocked"),
    ROOT_COMPLEX("forward through root complex"),
    HOST_BRIDGE_REFUSED("refused at host bridge"),
    CROSS_HOST_BRIDGE("cross to another host bridge"),
    FORWARD_DOWN("forward downstream"),
    TARGET("target");

    private final String words;

    HopDecision(String words) {
        this.words = words;
    }

    /** Short words for tables and JSON: {@code redirected upstream}. */
    public String words() {
        return words;
    }
}
