package org.dmascope.app;

import java.util.Locale;

import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

import org.dmascope.model.io.imports.ImportProgress;
import org.dmascope.model.util.ByteSize;

/** Over the status bar while files import: which file, how far (lines and bytes), and Cancel. */
final class ImportBanner extends HBox {
    static final String ID = "import-progress";
    static final String BAR_ID = "import-progress-bar";
    static final String TEXT_ID = "import-progress-text";
    static final String CANCEL_ID = "import-cancel";

    private final Label text = new Label();
    private final ProgressBar bar = new ProgressBar(0);

    ImportBanner(DocumentModel documents) {
        setId(ID);
        getStyleClass().add("import-banner");
        setAlignment(Pos.CENTER_LEFT);
        setMaxHeight(USE_PREF_SIZE);
        text.setId(TEXT_ID);
        text.setMinWidth(0);
        HBox.setHgrow(text, Priority.ALWAYS);
        text.setMaxWidth(Double.MAX_VALUE);
        bar.setId(BAR_ID);
        bar.setPrefWidth(260);
        Button cancel = new Button("Cancel");
        cancel.setId(CANCEL_ID);
        cancel.setOnAction(e -> documents.cancelImport());
        Label title = new Label("Importing");
        title.getStyleClass().add("title");
        getChildren().addAll(title, bar, text, cancel);
        documents.progressProperty().addListener((obs, old, step) -> show(step));
        show(documents.progressProperty().get());
    }

    private void show(ImportProgress.Step step) {
        setVisible(step != null);
        setManaged(step != null);
        if (step == null) return;
        bar.setProgress(step.fraction());
        text.setText(describe(step));
    }

    /** {@code lspci-vvv.txt (1 of 3): line 3400 of 14012 · 240KiB of 568KiB}. */
    static String describe(ImportProgress.Step s) {
        StringBuilder sb = new StringBuilder(s.file());
        if (s.fileCount() > 1) sb.append(" (").append(s.fileIndex() + 1).append(" of ").append(s.fileCount())
                .append(')');
        if (s.lines() > 0) sb.append(String.format(Locale.ROOT, ": line %,d of %,d", s.line(), s.lines()));
        sb.append(" · ").append(ByteSize.human(s.bytesDone())).append(" of ").append(ByteSize.human(s.bytesTotal()));
        return sb.toString();
    }
}
