package org.dmascope.model.designs;

/** One design of the lab: computes its figures and entries for a buffer. */
public interface DesignModel {
    Question question();

    Design evaluate(DesignInput in);
}
