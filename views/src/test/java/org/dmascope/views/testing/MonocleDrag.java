package org.dmascope.views.testing;

import java.lang.reflect.Field;

/**
 * Monocle keeps the view of an earlier mouse drag in {@code MouseInput.dragView}; a later drag and
 * drop then fails in {@code View.notifyDragLeave}. Clearing the stale field before each test avoids
 * that (toolchain.md). Does nothing outside Monocle.
 */
public final class MonocleDrag {
    private MonocleDrag() {
    }

    public static void clearDragView() throws ReflectiveOperationException {
        Class<?> glass = Class.forName("com.sun.glass.ui.Application").getMethod("GetApplication").invoke(null)
                .getClass();
        if (!glass.getName().contains("monocle")) return;
        Class<?> mouseInput = Class.forName("com.sun.glass.ui.monocle.MouseInput");
        var getInstance = mouseInput.getDeclaredMethod("getInstance");
        getInstance.setAccessible(true);
        Object instance = getInstance.invoke(null);
        Field dragView = mouseInput.getDeclaredField("dragView");
        dragView.setAccessible(true);
        dragView.set(instance, null);
    }
}
