package org.dmascope.app;

import java.nio.file.Path;

import javafx.beans.property.ObjectProperty;

import org.dmascope.model.session.MapOptions;

/**
 * Keeps the mapping options a user chose per machine: opening a machine brings back what was chosen
 * for it (or the defaults, where the kernel and the device decide), so a choice made for one machine
 * never acts on another, nor on the next student at a shared lab PC who opens a different one.
 */
final class MachineChoices {
    private final AppPreferences preferences;
    private final ObjectProperty<MapOptions> options;
    private String machine;
    private boolean loading;

    MachineChoices(DocumentModel documents, AppPreferences preferences, ObjectProperty<MapOptions> options) {
        this.preferences = preferences;
        this.options = options;
        documents.documentProperty().addListener((obs, old, d) -> opened(d));
        options.addListener((obs, old, o) -> {
            if (!loading && machine != null) preferences.setMappingOptions(machine, o);
        });
        opened(documents.getDocument());
    }

    /** Which machine a document is: its file, or for a sample or an import its title. */
    static String machineOf(DocumentModel.Document d) {
        return d.path().map(Path::toAbsolutePath).map(Path::toString).orElse("title:" + d.title());
    }

    private void opened(DocumentModel.Document d) {
        machine = d == null ? null : machineOf(d);
        loading = true;
        try {
            options.set(machine == null ? MapOptions.DEFAULTS : preferences.mappingOptions(machine));
        } finally {
            loading = false;
        }
    }
}
