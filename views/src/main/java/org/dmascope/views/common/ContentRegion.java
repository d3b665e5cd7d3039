package org.dmascope.views.common;

import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * A region whose one child, a {@link VBox}, fills it inside its insets. Views extend it rather than a
 * pane so that their children stay private: callers get the view's API, not a list to add nodes to.
 */
public abstract class ContentRegion extends Region {
    /** What the view shows, top to bottom. */
    protected final VBox content = new VBox();

    protected ContentRegion() {
        getChildren().add(content);
    }

    @Override
    protected void layoutChildren() {
        content.resizeRelocate(snappedLeftInset(), snappedTopInset(),
                getWidth() - snappedLeftInset() - snappedRightInset(),
                getHeight() - snappedTopInset() - snappedBottomInset());
    }

    @Override
    protected double computePrefWidth(double height) {
        return snappedLeftInset() + content.prefWidth(-1) + snappedRightInset();
    }

    @Override
    protected double computePrefHeight(double width) {
        return snappedTopInset() + content.prefHeight(width) + snappedBottomInset();
    }

    @Override
    protected double computeMinWidth(double height) {
        return snappedLeftInset() + content.minWidth(-1) + snappedRightInset();
    }

    @Override
    protected double computeMinHeight(double width) {
        return snappedTopInset() + content.minHeight(width) + snappedBottomInset();
    }
}
