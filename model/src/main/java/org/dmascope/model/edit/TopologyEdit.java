package org.dmascope.model.edit;

import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.Topology;

/**
 * One what-if change to a machine's facts, as a value: applying it to a topology gives a new topology (the
 * model is immutable) or a refusal with its reason. Its name is what Edit ▸ Undo shows and what the saved file
 * records in {@link Topology#edits()} and in the provenance of each field it changed.
 */
public sealed interface TopologyEdit permits SetAcsControl, SetLinkStatus, MoveDevice, AddSwitch, RemoveDevice,
        SetTrust, SetDmaParameters {
    /** The provenance of a field an edit set starts with this: {@code what-if edit: Move 06:00.0 to 00:03.0}. */
    String PROVENANCE_PREFIX = "what-if edit: ";

    /** {@code Move 06:00.0 to 00:03.0}. */
    String name();

    /** The function the edit is about (the device moved, the port changed), selected again when it is undone. */
    Bdf subject();

    /** The edited machine, or why this edit cannot be made on {@code t}. */
    EditResult apply(Topology t);
}
