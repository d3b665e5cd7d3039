package org.dmascope.app;

import java.util.Optional;

import org.dmascope.app.undo.UndoStack;
import org.dmascope.app.undo.UndoableEdit;
import org.dmascope.model.edit.EditResult;
import org.dmascope.model.edit.TopologyEdit;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.Topology;

/**
 * Makes what-if edits to the open machine, each undoable under its name. An edit goes the way a platform change
 * does: the platform session boots the edited machine and publishes its rules (groups, P2P verdicts, the matrix and
 * the running kernel the live mappings use), then the document and the canvas show it. A refused edit changes
 * nothing and says why in the status bar. Used on the FX thread only.
 */
public final class TopologyEditor {
    private final DocumentModel documents;
    private final PlatformSession session;
    private final UndoStack undo;

    public TopologyEditor(DocumentModel documents, PlatformSession session, UndoStack undo) {
        this.documents = documents;
        this.session = session;
        this.undo = undo;
    }

    /** Applies {@code edit} to the open machine; the result says whether it was made. */
    public EditResult apply(TopologyEdit edit) {
        DocumentModel.Document d = documents.getDocument();
        if (d == null) return new EditResult.Refused("no machine is open");
        Topology before = d.topology();
        EditResult r = edit.apply(before);
        if (r instanceof EditResult.Applied applied) {
            TopologyChange change = new TopologyChange(before, applied.topology(), edit.name(),
                    Optional.of(edit.subject()), applied.focus());
            install(applied.topology(), applied.focus());
            undo.push(change);
            documents.say(edit.name(), false);
        } else if (r instanceof EditResult.Refused refused) {
            documents.say("Cannot " + lowerFirst(edit.name()) + ": " + refused.reason(), true);
        }
        return r;
    }

    private void install(Topology t, Optional<Bdf> focus) {
        session.edited(t);
        documents.showEdited(t, focus);
    }

    private static String lowerFirst(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    /** An edit of the machine: both machines are values, so undo never depends on a view. */
    private final class TopologyChange implements UndoableEdit {
        private final Topology before;
        private final Topology after;
        private final String description;
        private final Optional<Bdf> focusBefore;
        private final Optional<Bdf> focus;

        /** @param focusBefore what to select on undo: the function the edit was about, where it was */
        TopologyChange(Topology before, Topology after, String description, Optional<Bdf> focusBefore,
                       Optional<Bdf> focus) {
            this.before = before;
            this.after = after;
            this.description = description;
            this.focusBefore = focusBefore;
            this.focus = focus;
        }

        @Override
        public String description() {
            return description;
        }

        @Override
        public void undo() {
            install(before, focusBefore);
            documents.say("Undone: " + description, false);
        }

        @Override
        public void redo() {
            install(after, focus);
            documents.say("Redone: " + description, false);
        }
    }
}
