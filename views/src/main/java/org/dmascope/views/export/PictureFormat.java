package org.dmascope.views.export;

import java.util.Locale;
import java.util.Optional;

/** The file formats a picture can be written in, chosen by the file name's extension. */
public enum PictureFormat {
    SVG("svg", "image/svg+xml"),
    PNG("png", "image/png"),
    PDF("pdf", "application/pdf");

    private final String extension;
    private final String mediaType;

    PictureFormat(String extension, String mediaType) {
        this.extension = extension;
        this.mediaType = mediaType;
    }

    public String extension() {
        return extension;
    }

    public String mediaType() {
        return mediaType;
    }

    /** The format a file name asks for by its extension ({@code route.SVG} too); empty for any other. */
    public static Optional<PictureFormat> ofFileName(String name) {
        int dot = name.lastIndexOf('.');
        if (dot < 0) return Optional.empty();
        String ext = name.substring(dot + 1).toLowerCase(Locale.ROOT);
        for (PictureFormat f : values()) if (f.extension.equals(ext)) return Optional.of(f);
        return Optional.empty();
    }
}
