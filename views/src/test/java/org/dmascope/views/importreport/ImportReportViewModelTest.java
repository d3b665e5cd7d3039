package org.dmascope.views.importreport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.dmascope.model.report.Diagnostic;
import org.dmascope.model.report.Report;
import org.junit.jupiter.api.Test;

/** Findings grouped by file, errors first then by line, with the lines around them when kept. */
class ImportReportViewModelTest {
    static final Report REPORT = new Report(List.of(
            Diagnostic.warning("bus 02 is not reached by any bridge").at("groups.txt", 17, 0),
            Diagnostic.warning("IOMMU group 26 vs 27").at("verbose.txt", 40, 0),
            Diagnostic.error("cannot read the block").at("verbose.txt", 12, 0),
            Diagnostic.warning("line 3 of the tree is cut").at("groups.txt", 3, 0),
            Diagnostic.error("the import was cancelled")));

    static final SourceExcerpts EXCERPTS = SourceExcerpts.of(Map.of(SourceExcerpts.key("groups.txt", 17),
            new SourceExcerpt("groups.txt", 17, 15, List.of("*IOMMU Group 26 :", "", "02:00.0 PCI bridge",
                    "03:00.0 VGA"))));

    private final ImportReportViewModel model = new ImportReportViewModel("Import report", "3 warnings", REPORT,
            EXCERPTS);

    @Test
    void findingsAreGroupedByFileInTheOrderFilesFirstAppear() {
        assertEquals(List.of("groups.txt", "verbose.txt", ImportReportViewModel.NO_FILE),
                model.groups().stream().map(ImportReportViewModel.FileGroup::file).toList());
        ImportReportViewModel.FileGroup verbose = model.groups().get(1);
        assertEquals(List.of(12, 40), verbose.findings().stream().map(Diagnostic::line).toList(),
                "errors first, then by line");
        assertEquals("1 error, 1 warning", verbose.counts());
        assertEquals("2 warnings", model.groups().get(0).counts());
    }

    @Test
    void theContextShowsTheFindingAndTheMarkedLine() {
        Diagnostic d = REPORT.diagnostics().get(0);
        String text = model.context(d);
        assertTrue(text.startsWith("groups.txt:17: warning: bus 02 is not reached by any bridge\n\n"), text);
        assertTrue(text.contains("▶ 17 │ 02:00.0 PCI bridge"), text);
        assertTrue(text.contains("  15 │ *IOMMU Group 26 :"), text);
        assertTrue(model.context(REPORT.diagnostics().get(1))
                .endsWith("(the source text of verbose.txt was not kept)"));
        assertTrue(model.context(REPORT.diagnostics().get(4)).endsWith("(this finding names no line)"));
    }

    @Test
    void copyingGivesCompilerStyleLines() {
        String all = model.allAsText();
        assertEquals(5, all.lines().count());
        assertTrue(all.startsWith("groups.txt:3: warning: line 3 of the tree is cut\ngroups.txt:17: warning:"), all);
        assertTrue(all.endsWith("error: the import was cancelled"), all);
    }
}
