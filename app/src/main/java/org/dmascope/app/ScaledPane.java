package org.dmascope.app;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.scene.Parent;
import javafx.scene.layout.Region;
import javafx.scene.transform.Scale;

/**
 * Shows its content {@code scale} times larger: the content is laid out in a box {@code 1/scale} the
 * size of this pane and drawn through a scale transform. Text is rasterised at the drawn size, so it
 * stays crisp; and every stylesheet's pixel sizes (the views set their fonts in px) grow alike, which
 * a root font size would not do.
 */
final class ScaledPane extends Region {
    static final double MIN = 0.75;
    static final double MAX = 3.0;

    private final Parent content;
    private final Scale transform = new Scale(1, 1, 0, 0);
    private final DoubleProperty scale = new SimpleDoubleProperty(this, "scale", 1.0) {
        @Override
        public void set(double v) {
            super.set(Math.max(MIN, Math.min(MAX, Double.isFinite(v) ? v : 1.0)));
        }
    };

    ScaledPane(Parent content) {
        this.content = content;
        getChildren().add(content);
        content.getTransforms().add(transform);
        scale.addListener(o -> requestLayout());
    }

    DoubleProperty scaleProperty() {
        return scale;
    }

    @Override
    protected void layoutChildren() {
        double s = scale.get();
        transform.setX(s);
        transform.setY(s);
        content.resizeRelocate(0, 0, getWidth() / s, getHeight() / s);
    }

    @Override
    protected double computeMinWidth(double height) {
        return 0;
    }

    @Override
    protected double computeMinHeight(double width) {
        return 0;
    }

    @Override
    protected double computePrefWidth(double height) {
        return content.prefWidth(-1) * scale.get();
    }

    @Override
    protected double computePrefHeight(double width) {
        return content.prefHeight(-1) * scale.get();
    }
}
