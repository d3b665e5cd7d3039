package org.dmascope.app;

import java.util.Locale;

import javafx.animation.PauseTransition;
import javafx.css.PseudoClass;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.util.Duration;

import org.dmascope.views.common.AppIcon;
import org.dmascope.views.topology.TopologyCanvas;
import org.dmascope.views.topology.TopologyCounts;

/** Counts of the open topology, transient messages, a link to its warnings, and the zoom. */
final class StatusBar extends HBox {
    static final String COUNTS_ID = "status-counts";
    static final String MESSAGE_ID = "status-message";
    static final String WARNINGS_ID = "status-warnings";
    static final String ZOOM_ID = "status-zoom";
    private static final Duration MESSAGE_TIME = Duration.seconds(8);
    private static final PseudoClass PROBLEM = PseudoClass.getPseudoClass("problem");

    private final Label counts = new Label();
    private final Label message = new Label();
    private final Hyperlink warnings = new Hyperlink();
    private final Label zoom = new Label();
    private final ProgressIndicator busy = new ProgressIndicator();
    private final PauseTransition fade = new PauseTransition(MESSAGE_TIME);

    StatusBar(DocumentModel documents, TopologyCanvas canvas, Runnable showWarnings) {
        getStyleClass().add("status-bar");
        counts.setId(COUNTS_ID);
        message.setId(MESSAGE_ID);
        message.getStyleClass().add("message");
        message.setMinWidth(0);
        warnings.setId(WARNINGS_ID);
        warnings.getStyleClass().add("warnings");
        warnings.setGraphic(AppIcon.WARNING.graphic(14));
        warnings.setOnAction(e -> showWarnings.run());
        warnings.setFocusTraversable(false);
        zoom.setId(ZOOM_ID);
        zoom.setMinWidth(Region.USE_PREF_SIZE);
        counts.setMinWidth(Region.USE_PREF_SIZE);
        busy.setPrefSize(14, 14);
        // An import shows its own progress bar; a second animation would only cost frames.
        var spinning = documents.busyProperty().and(documents.progressProperty().isNull());
        busy.visibleProperty().bind(spinning);
        busy.managedProperty().bind(spinning);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox.setHgrow(message, Priority.SOMETIMES);
        getChildren().addAll(counts, busy, message, spacer, warnings, zoom);

        fade.setOnFinished(e -> message.setText(""));
        documents.documentProperty().addListener((obs, old, d) -> showDocument(d));
        documents.messageProperty().addListener((obs, old, m) -> {
            if (m == null) return;
            message.setText(m.text());
            message.pseudoClassStateChanged(PROBLEM, m.problem());
            fade.playFromStart();
        });
        canvas.zoomProperty().addListener((obs, old, z) -> showZoom(z.doubleValue()));
        showZoom(canvas.getZoom());
        showDocument(documents.getDocument());
    }

    private void showDocument(DocumentModel.Document d) {
        if (d == null) {
            counts.setText("Nothing open");
            warnings.setVisible(false);
            return;
        }
        counts.setText(TopologyCounts.of(d.topology()).text());
        int n = d.report().warnings().size();
        warnings.setText(n == 1 ? "1 warning" : n + " warnings");
        warnings.setVisible(n > 0);
        warnings.setManaged(n > 0);
    }

    private void showZoom(double z) {
        zoom.setText(String.format(Locale.ROOT, "%d %%", Math.round(z * 100)));
    }
}
