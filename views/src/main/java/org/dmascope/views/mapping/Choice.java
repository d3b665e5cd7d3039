package org.dmascope.views.mapping;

/** A value with the words a combo box shows for it. */
record Choice<T>(T value, String text) {
    @Override
    public String toString() {
        return text;
    }
}
