package org.dmascope.model.report;

/** How bad a finding is: errors stop a topology from loading, warnings load and are listed. */
public enum Severity {
    ERROR("error"), WARNING("warning"), INFO("info");

    private final String word;

    Severity(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }
}
