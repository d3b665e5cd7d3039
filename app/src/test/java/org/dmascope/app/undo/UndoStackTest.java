package org.dmascope.app.undo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class UndoStackTest {
    private final List<String> log = new ArrayList<>();
    private final UndoStack stack = new UndoStack();

    private UndoableEdit edit(String name) {
        return new UndoableEdit() {
            @Override
            public String description() {
                return name;
            }

            @Override
            public void undo() {
                log.add("undo " + name);
            }

            @Override
            public void redo() {
                log.add("redo " + name);
            }
        };
    }

    @Test
    void undoAndRedoWalkTheHistoryAndNameTheEdit() {
        assertFalse(stack.canUndoProperty().get());
        assertEquals("Undo", stack.undoTextProperty().get());
        stack.push(edit("a"));
        stack.push(edit("b"));
        assertEquals("Undo b", stack.undoTextProperty().get());
        stack.undo();
        stack.undo();
        stack.undo();
        assertEquals(List.of("undo b", "undo a"), log);
        assertFalse(stack.canUndoProperty().get());
        assertEquals("Redo a", stack.redoTextProperty().get());
        stack.redo();
        assertEquals("redo a", log.get(2));
        assertEquals("Undo a", stack.undoTextProperty().get());
        assertEquals("Redo b", stack.redoTextProperty().get());
    }

    @Test
    void aNewEditDropsTheRedoSideAndClearEmptiesBoth() {
        stack.push(edit("a"));
        stack.undo();
        stack.push(edit("c"));
        assertFalse(stack.canRedoProperty().get());
        assertTrue(stack.canUndoProperty().get());
        stack.clear();
        assertFalse(stack.canUndoProperty().get());
        assertEquals("Undo", stack.undoTextProperty().get());
    }

    @Test
    void theOldestEditsDropOffPastTheLimit() {
        for (int i = 0; i < UndoStack.LIMIT + 5; i++) stack.push(edit("e" + i));
        int undone = 0;
        while (stack.canUndoProperty().get()) {
            stack.undo();
            undone++;
        }
        assertEquals(UndoStack.LIMIT, undone);
        assertEquals("undo e5", log.get(log.size() - 1));
    }
}
