package org.dmascope.views.mapping;

import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

import org.dmascope.views.common.AppIcon;

/**
 * One buffer source as a chip: an icon, its name, its current size and layout, and a button that opens
 * its settings. The chip is what the user drags onto a device.
 */
final class BufferChip extends HBox {
    static final String STYLE_CLASS = "buffer-chip";
    static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");
    static final PseudoClass ARMED = PseudoClass.getPseudoClass("armed");

    private final BufferSource source;
    private final Label summary = new Label();
    private final Button settingsButton = new Button("▾");

    BufferChip(BufferSource source) {
        this.source = source;
        setId(source.id());
        getStyleClass().addAll(STYLE_CLASS, source.isHost() ? "host" : "p2p");
        setAlignment(Pos.CENTER_LEFT);
        setFocusTraversable(true);
        Label title = new Label(source.title());
        title.getStyleClass().add("title");
        summary.getStyleClass().add("summary");
        VBox text = new VBox(0, title, summary);
        text.setAlignment(Pos.CENTER_LEFT);
        settingsButton.setId(source.id() + "-settings");
        settingsButton.getStyleClass().add("settings-button");
        settingsButton.setFocusTraversable(false);
        Tooltip.install(settingsButton, new Tooltip("Size, offset, pages and direction of this buffer"));
        getChildren().addAll((source.isHost() ? AppIcon.NUMA : AppIcon.NVME).graphic(18), text, settingsButton);
        Tooltip tip = new Tooltip(source.detail()
                + "\n\nDrag onto a device that does DMA, or press Enter here, then pick the "
                + "device and press Enter.");
        tip.setWrapText(true);
        tip.setMaxWidth(380);
        tip.setShowDelay(Duration.millis(500));
        Tooltip.install(this, tip);
    }

    BufferSource source() {
        return source;
    }

    Button settingsButton() {
        return settingsButton;
    }

    void show(BufferSettings s) {
        summary.setText(s.summary(source));
    }

    void setSelected(boolean on) {
        pseudoClassStateChanged(SELECTED, on);
    }

    void setArmed(boolean on) {
        pseudoClassStateChanged(ARMED, on);
    }
}
