package org.dmascope.app;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.layout.Pane;

/**
 * Panels the window's first frame does without (start-up time): their containers are in that frame, empty, with
 * their own background and the room the window gives them, and the panels join them after it, one container at a
 * time, each once the frame before it is on screen. A control's first CSS pass runs on code not yet compiled and
 * costs as much hidden as shown: the verdict, options and result tabs under the machine and the inspector took 450
 * of the 700 ms of the window's first CSS pass, which the window waited for before it was mapped.
 */
final class HeldBackPanels {
    /** A container and what gives it its panels. */
    private record Held(Pane container, Runnable fill) {
    }

    private final List<Held> held = new ArrayList<>();

    /** Takes {@code container}'s children out until {@link #releaseAfterFirstFrame}. */
    HeldBackPanels hold(Pane container) {
        List<Node> panels = List.copyOf(container.getChildren());
        container.getChildren().clear();
        held.add(new Held(container, () -> container.getChildren().setAll(panels)));
        return this;
    }

    /**
     * An empty container whose panels {@code fill} makes and puts in when its turn comes (panels whose making costs
     * too: the first frame then waits for neither their making nor their styling).
     */
    HeldBackPanels makeLater(Pane container, Runnable fill) {
        held.add(new Held(container, fill));
        return this;
    }

    /**
     * Gives each container its panels back, in the order they were held, each once the frame before is on screen
     * ({@link AfterFirstFrame}), so the window shows the machine first and then fills in; each is styled at once, so
     * {@code added} sees their skins' nodes (split panes inside tabs) before the pulse lays them out.
     *
     * @param added told of each container once its panels are back
     */
    void releaseAfterFirstFrame(Scene scene, Consumer<Pane> added) {
        releaseFrom(0, scene, added);
    }

    private void releaseFrom(int index, Scene scene, Consumer<Pane> added) {
        if (index == held.size()) return;
        AfterFirstFrame.run(scene, () -> {
            Held h = held.get(index);
            h.fill().run();
            h.container().applyCss();
            added.accept(h.container());
            releaseFrom(index + 1, scene, added);
        });
    }
}
