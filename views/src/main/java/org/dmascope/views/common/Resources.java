package org.dmascope.views.common;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;

/**
 * The one way views reach their class-path resources (stylesheets, icons). A missing resource is a
 * packaging defect, so it fails at once with the full name instead of rendering unstyled or blank.
 */
public final class Resources {
    private Resources() {
    }

    /** The URL of {@code name}, resolved against {@code anchor}'s package unless it starts with '/'. */
    public static URL url(Class<?> anchor, String name) {
        URL url = anchor.getResource(name);
        if (url == null) throw new IllegalStateException("missing resource: " + absoluteName(anchor, name));
        return url;
    }

    /** A stylesheet URL in the external form {@code Scene.getStylesheets()} expects. */
    public static String stylesheet(Class<?> anchor, String name) {
        return url(anchor, name).toExternalForm();
    }

    /** The resource as UTF-8 text. */
    public static String text(Class<?> anchor, String name) {
        try (InputStream in = url(anchor, name).openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + absoluteName(anchor, name), e);
        }
    }

    static String absoluteName(Class<?> anchor, String name) {
        if (name.startsWith("/")) return name.substring(1);
        return anchor.getPackageName().replace('.', '/') + "/" + name;
    }
}
