package org.dmascope.app.undo;

import java.util.ArrayDeque;
import java.util.Deque;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The window's undo and redo history. Pushing an edit clears the redo side; the oldest edits drop
 * off past {@link #LIMIT}. Opening another document clears the history (its edits belong to the
 * document that was open). Used on the FX thread only.
 */
public final class UndoStack {
    public static final int LIMIT = 200;

    private final Deque<UndoableEdit> done = new ArrayDeque<>();
    private final Deque<UndoableEdit> undone = new ArrayDeque<>();
    private final ReadOnlyBooleanWrapper canUndo = new ReadOnlyBooleanWrapper(this, "canUndo");
    private final ReadOnlyBooleanWrapper canRedo = new ReadOnlyBooleanWrapper(this, "canRedo");
    private final ReadOnlyStringWrapper undoText = new ReadOnlyStringWrapper(this, "undoText", "Undo");
    private final ReadOnlyStringWrapper redoText = new ReadOnlyStringWrapper(this, "redoText", "Redo");

    public ReadOnlyBooleanProperty canUndoProperty() {
        return canUndo.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canRedoProperty() {
        return canRedo.getReadOnlyProperty();
    }

    /** {@code Undo IOMMU mode: lazy → identity}, or plain {@code Undo}. */
    public ReadOnlyStringProperty undoTextProperty() {
        return undoText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty redoTextProperty() {
        return redoText.getReadOnlyProperty();
    }

    /** Records an edit that has just been applied. */
    public void push(UndoableEdit edit) {
        done.push(edit);
        while (done.size() > LIMIT) done.removeLast();
        undone.clear();
        update();
    }

    public void undo() {
        UndoableEdit e = done.poll();
        if (e == null) return;
        e.undo();
        undone.push(e);
        update();
    }

    public void redo() {
        UndoableEdit e = undone.poll();
        if (e == null) return;
        e.redo();
        done.push(e);
        update();
    }

    public void clear() {
        done.clear();
        undone.clear();
        update();
    }

    private void update() {
        canUndo.set(!done.isEmpty());
        canRedo.set(!undone.isEmpty());
        undoText.set(done.isEmpty() ? "Undo" : "Undo " + done.peek().description());
        redoText.set(undone.isEmpty() ? "Redo" : "Redo " + undone.peek().description());
    }
}
