package org.dmascope.views.mapping;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/** Transient notes of the mapping feature for the user (an unmap, a flush, a refused drop), newest only. */
public final class Messages {
    /** One note; the serial makes repeats distinct, so saying the same thing twice shows twice. */
    public record Message(String text, boolean problem, long serial) {
    }

    private final ReadOnlyObjectWrapper<Message> message = new ReadOnlyObjectWrapper<>(this, "message");
    private long serial;

    public ReadOnlyObjectProperty<Message> messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** Must run on the UI thread. */
    void say(String text, boolean problem) {
        message.set(new Message(text, problem, ++serial));
    }
}
