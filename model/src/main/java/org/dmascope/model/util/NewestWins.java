package org.dmascope.model.util;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Requests that may overtake each other (a drop while the last one still maps, a platform change while
 * the rules are computed): each takes a ticket, and only the newest ticket's result may be shown.
 * Tickets are taken on one thread and checked on any.
 */
public final class NewestWins {
    private final AtomicLong newest = new AtomicLong();

    /** A ticket for a new request; every earlier ticket is stale from now on. */
    public Ticket next() {
        return new Ticket(newest.incrementAndGet());
    }

    /** Makes every ticket given out so far stale (a cancel, another document). */
    public void invalidate() {
        newest.incrementAndGet();
    }

    /** One request's claim to be shown. */
    public final class Ticket {
        private final long number;

        private Ticket(long number) {
            this.number = number;
        }

        /** True while no newer request was made and nothing invalidated this one. */
        public boolean isNewest() {
            return newest.get() == number;
        }
    }
}
