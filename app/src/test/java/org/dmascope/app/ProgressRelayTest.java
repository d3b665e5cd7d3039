package org.dmascope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.dmascope.model.io.imports.ImportProgress;
import org.junit.jupiter.api.Test;

/** Progress reaches the UI throttled: one queued task at a time, the newest step, the first at once. */
class ProgressRelayTest {
    private final List<Runnable> queued = new ArrayList<>();
    private final List<ImportProgress.Step> published = new ArrayList<>();
    private long now;
    private final ProgressRelay relay = new ProgressRelay(queued::add, published::add, () -> now, 50);

    private static ImportProgress.Step step(int line) {
        return new ImportProgress.Step("a.txt", 0, 1, line * 10L, 1000, line, 100);
    }

    private void runQueued() {
        List<Runnable> now = new ArrayList<>(queued);
        queued.clear();
        now.forEach(Runnable::run);
    }

    @Test
    void theFirstStepGoesOutAtOnceAndLaterOnesAtMostOncePerInterval() {
        relay.update(step(0));
        assertEquals(1, queued.size());
        now = 10;
        relay.update(step(1));
        relay.update(step(2));
        assertEquals(1, queued.size(), "still within the interval, and one task is already queued");
        runQueued();
        assertEquals(List.of(step(2)), published, "the queued task publishes the newest step");
        now = 30;
        relay.update(step(3));
        assertEquals(0, queued.size());
        now = 60;
        relay.update(step(4));
        assertEquals(1, queued.size());
        runQueued();
        assertEquals(step(4), published.get(1));
    }

    @Test
    void aSlowUiNeverGetsMoreThanOneTaskQueued() {
        for (int i = 0; i < 100; i++) {
            now += 100;
            relay.update(step(i));
        }
        assertEquals(1, queued.size());
        runQueued();
        assertEquals(List.of(step(99)), published);
    }

    @Test
    void nothingIsPublishedAfterClose() {
        relay.update(step(1));
        relay.close();
        runQueued();
        assertEquals(List.of(), published);
    }
}
