package org.dmascope.views.inspector;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.dmascope.model.kernel.TopologyRules;
import org.dmascope.model.kernel.doctor.Advice;
import org.dmascope.model.kernel.doctor.Diagnosis;
import org.dmascope.model.kernel.doctor.Doctor;
import org.dmascope.model.kernel.doctor.Premise;
import org.dmascope.model.topology.PciFunction;

/**
 * The grouping doctor's answer for a device whose IOMMU group holds more than one device (model
 * {@code kernel.doctor}): each fact the input lacks, answered both ways, and each change that would split the
 * group, as inspector rows under the IOMMU group. The doctor runs the rules again per change, so the view model
 * asks for these rows off the UI thread.
 */
public final class DoctorRows {
    public static final String ASSUMING = "If the input lacks it";
    public static final String CHANGE = "To split the group";
    public static final String NOTHING = "What would split it";

    private DoctorRows() {
    }

    /** Empty when the device has no group of more than one device. */
    public static List<InspectorRow> of(TopologyRules rules, PciFunction f) {
        Optional<Diagnosis> d = new Doctor(rules).groupOf(f.address());
        if (d.isEmpty()) return List.of();
        List<InspectorRow> rows = new ArrayList<>();
        for (Premise p : d.get().premises()) {
            rows.add(row(ASSUMING, p.sentence() + " (to know: " + p.howToKnow().words() + ")"));
        }
        for (Advice a : d.get().advice()) rows.add(row(CHANGE, a.change().kind().label() + ": " + a.sentence()));
        for (String n : d.get().notes()) rows.add(row(NOTHING, n));
        if (rows.isEmpty()) {
            rows.add(row(NOTHING, "no change within reach splits it: the functions that join it lack ACS in "
                    + "hardware, under every kernel profile"));
        }
        return rows;
    }

    private static InspectorRow row(String name, String value) {
        return new InspectorRow(GroupRows.CATEGORY, name, value, InspectorRows.DERIVED, false, false);
    }
}
