package org.dmascope.views.importreport;

import java.util.List;

import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.layout.BorderPane;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * A window holding an {@link ImportReportView} and a Close button. Modal for a file that could not be
 * opened (the user reads why first), modeless for the warnings of one that was.
 */
public final class ImportReportDialog extends Stage {
    public static final String CLOSE_ID = "report-close";

    public ImportReportDialog(Window owner, ImportReportViewModel model, List<String> stylesheets, boolean modal) {
        initOwner(owner);
        if (modal) initModality(Modality.WINDOW_MODAL);
        setTitle(model.title());
        ImportReportView view = new ImportReportView(model);
        Button close = new Button("Close");
        close.setId(CLOSE_ID);
        close.setCancelButton(true);
        close.setOnAction(e -> close());
        view.buttons().add(close);
        BorderPane root = new BorderPane(view);
        root.getStyleClass().add("import-report-window");
        root.getStylesheets().add(ImportReportView.STYLESHEET);
        Scene scene = new Scene(root, 960, 600);
        scene.getStylesheets().setAll(stylesheets);
        setScene(scene);
        setMinWidth(520);
        setMinHeight(320);
    }
}
