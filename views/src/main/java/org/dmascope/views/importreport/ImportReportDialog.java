package org.dmascope.views.importreport;

import java.util.List;

import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Region;
import javafx.stage.Stage;
import javafx.stage.Window;

import org.dmascope.views.common.OwnedWindows;

/**
 * A window holding an {@link ImportReportView} and a Close button, owned by the main window and
 * centred on it ({@link OwnedWindows}). For a file that could not be opened it takes the focus, so the
 * user reads why first; it is never modal, since a modal window un-maximises its owner on Linux.
 */
public final class ImportReportDialog extends Stage {
    public static final String CLOSE_ID = "report-close";

    public ImportReportDialog(Window owner, ImportReportViewModel model, List<String> stylesheets, boolean modal) {
        setTitle(model.title());
        ImportReportView view = new ImportReportView(model);
        Button close = new Button("Close");
        close.setId(CLOSE_ID);
        close.setCancelButton(true);
        close.setOnAction(e -> close());
        close.setMinWidth(Region.USE_PREF_SIZE);
        view.buttons().add(close);
        BorderPane root = new BorderPane(view);
        root.getStyleClass().add("import-report-window");
        root.getStylesheets().add(ImportReportView.STYLESHEET);
        root.setPrefSize(960, modal ? 520 : 600);
        Scene scene = new Scene(root);
        scene.getStylesheets().setAll(stylesheets);
        setScene(scene);
        OwnedWindows.prepare(this, owner, 520, 320, 1100, 760);
    }
}
