package org.dmascope.app.undo;

/**
 * A change the user made that Edit ▸ Undo can take back. The edit is already applied when it is
 * pushed; {@link #undo()} restores the state before it and {@link #redo()} applies it again. Edits
 * hold values (old and new state), never the views, so they stay valid while windows come and go.
 */
public interface UndoableEdit {
    /** What the menu says after "Undo " / "Redo ": {@code IOMMU mode: lazy → identity}. */
    String description();

    void undo();

    void redo();
}
