package org.dmascope.views.importreport;

import java.util.List;
import java.util.stream.Collectors;

import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Window;

import org.dmascope.model.report.Diagnostic;
import org.dmascope.model.report.Report;
import org.dmascope.views.common.AppIcon;
import org.dmascope.views.common.Resources;

/**
 * Lists the findings about an input file, compiler style ({@code file:line:column: error: message}),
 * in a read-only text area the user can select and copy from.
 */
public final class DiagnosticsDialog extends Dialog<Void> {
    public static final String TEXT_ID = "diagnostics-text";
    public static final String SUMMARY_ID = "diagnostics-summary";
    private static final String STYLESHEET = Resources.stylesheet(DiagnosticsDialog.class, "diagnostics.css");
    private static final ButtonType COPY = new ButtonType("Copy all", ButtonBar.ButtonData.LEFT);

    /**
     * @param title       window title, e.g. "Cannot open broken.json"
     * @param summary     one sentence above the list
     * @param stylesheets the owner's theme
     */
    public DiagnosticsDialog(Window owner, String title, String summary, Report report, List<String> stylesheets) {
        initOwner(owner);
        initModality(Modality.WINDOW_MODAL);
        setTitle(title);
        setResizable(true);
        boolean errors = report.hasErrors();
        Label head = new Label(summary, (errors ? AppIcon.ERROR : AppIcon.WARNING).graphic(28));
        head.setId(SUMMARY_ID);
        head.getStyleClass().addAll("summary", errors ? "errors" : "warnings");
        head.setWrapText(true);
        TextArea text = new TextArea(asText(report));
        text.setId(TEXT_ID);
        text.setEditable(false);
        text.setWrapText(true);
        text.getStyleClass().add("diagnostics");
        text.setPrefRowCount(Math.min(16, Math.max(4, report.diagnostics().size() + 1)));
        text.setPrefColumnCount(80);
        VBox.setVgrow(text, Priority.ALWAYS);
        VBox content = new VBox(10, head, text);
        content.getStyleClass().add("diagnostics-content");
        getDialogPane().setContent(content);
        getDialogPane().getStylesheets().addAll(stylesheets);
        getDialogPane().getStylesheets().add(STYLESHEET);
        getDialogPane().getButtonTypes().addAll(COPY, ButtonType.CLOSE);
        getDialogPane().lookupButton(COPY).addEventFilter(javafx.event.ActionEvent.ACTION, e -> {
            ClipboardContent c = new ClipboardContent();
            c.putString(text.getText());
            Clipboard.getSystemClipboard().setContent(c);
            e.consume();
        });
    }

    /** One finding per line, compiler style, errors first. */
    public static String asText(Report report) {
        return report.diagnostics().stream()
                .sorted((a, b) -> Boolean.compare(!a.isError(), !b.isError()))
                .map(Diagnostic::toString).collect(Collectors.joining("\n"));
    }
}
