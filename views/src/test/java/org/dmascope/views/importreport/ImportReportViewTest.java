package org.dmascope.views.importreport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.scene.Scene;
import javafx.scene.control.TextArea;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;

import org.dmascope.views.common.Theme;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The report view: a table grouped by file, sortable, Enter shows the lines, Ctrl+C copies. */
@ExtendWith(ApplicationExtension.class)
class ImportReportViewTest {
    private ImportReportView view;

    @Start
    void start(Stage stage) {
        view = new ImportReportView(new ImportReportViewModel("Import report", "Imported with 3 warnings",
                ImportReportViewModelTest.REPORT, ImportReportViewModelTest.EXCERPTS));
        Scene scene = new Scene(view, 900, 560);
        Theme.DARK.applyTo(scene);
        stage.setScene(scene);
        stage.show();
    }

    private TreeTableView<ImportReportView.Item> table(FxRobot robot) {
        @SuppressWarnings("unchecked")
        TreeTableView<ImportReportView.Item> t = robot.lookup("#" + ImportReportView.TABLE_ID)
                .queryAs(TreeTableView.class);
        return t;
    }

    private String context(FxRobot robot) {
        return robot.lookup("#" + ImportReportView.CONTEXT_ID).queryAs(TextArea.class).getText();
    }

    @Test
    void theFirstFindingIsSelectedAndShownWithItsLines(FxRobot robot) {
        assertEquals(3, table(robot).getRoot().getChildren().size(), "one group per file");
        assertTrue(context(robot).startsWith("groups.txt:3: warning:"), context(robot));
        robot.interact(() -> table(robot).requestFocus());
        robot.type(KeyCode.DOWN, KeyCode.ENTER);
        assertTrue(context(robot).contains("▶ 17 │ 02:00.0 PCI bridge"), context(robot));
    }

    @Test
    void sortingByTheMessageColumnSortsWithinEachFile(FxRobot robot) {
        TreeTableView<ImportReportView.Item> t = table(robot);
        robot.interact(() -> {
            TreeTableColumn<ImportReportView.Item, ?> message = t.getColumns().get(2);
            message.setSortType(TreeTableColumn.SortType.DESCENDING);
            t.getSortOrder().setAll(message);
        });
        TreeItem<ImportReportView.Item> groups = t.getRoot().getChildren().stream()
                .filter(i -> i.getValue().file().equals("groups.txt")).findFirst().orElseThrow();
        assertEquals(3, groups.getChildren().get(0).getValue().finding().line(),
                "“line 3 …” sorts after “bus 02 …” descending");
    }

    @Test
    void ctrlCCopiesTheSelectedFindingsAndAFileStandsForAllOfIts(FxRobot robot) {
        robot.clickOn("#" + ImportReportView.TABLE_ID);
        robot.interact(() -> table(robot).getSelectionModel().select(table(robot).getRoot().getChildren().get(1)));
        robot.press(KeyCode.CONTROL).type(KeyCode.C).release(KeyCode.CONTROL);
        String[] copied = new String[1];
        robot.interact(() -> copied[0] = Clipboard.getSystemClipboard().getString());
        assertEquals("verbose.txt:12: error: cannot read the block\nverbose.txt:40: warning: IOMMU group 26 vs 27",
                copied[0]);
    }
}
