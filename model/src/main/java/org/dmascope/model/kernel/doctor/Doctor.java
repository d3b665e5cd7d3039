package org.dmascope.model.kernel.doctor;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.dmascope.model.kernel.TopologyRules;
import org.dmascope.model.kernel.groups.IommuGroup;
import org.dmascope.model.kernel.p2p.P2pVerdict;
import org.dmascope.model.topology.Bdf;

/**
 * The P2P and grouping doctor (issue 10, item 3) for one machine under one set of platform choices: every
 * NOT_SUPPORTED or THRU_HOST_BRIDGE pair and every IOMMU group of more than one device gets the facts its answer
 * rests on that the input does not give (answered both ways) and the smallest changes that would alter it, each
 * computed by running the rules again with the change. The CLI and the views only show what this computes.
 */
public final class Doctor {
    private final TopologyRules rules;
    private final GroupDoctor groups;
    private final P2pDoctor p2p;

    public Doctor(TopologyRules rules) {
        this.rules = rules;
        WhatIf whatIf = new WhatIf(rules);
        this.groups = new GroupDoctor(whatIf);
        this.p2p = new P2pDoctor(whatIf);
    }

    /** One group. A group of one device has nothing to say. */
    public Diagnosis group(IommuGroup g) {
        return groups.diagnose(g);
    }

    /** The group of a device, when it has one of more than one device. */
    public Optional<Diagnosis> groupOf(Bdf device) {
        return rules.groups().groupOf(device).filter(g -> g.members().size() > 1).map(groups::diagnose);
    }

    /** Every group of more than one device. */
    public List<Diagnosis> groups() {
        List<Diagnosis> out = new ArrayList<>();
        for (IommuGroup g : rules.groups().groups()) if (g.members().size() > 1) out.add(groups.diagnose(g));
        return out;
    }

    /** One pair; a BUS_ADDR pair has nothing to say. */
    public Diagnosis p2p(P2pVerdict v) {
        return p2p.diagnose(v);
    }

    /** The pair provider/client. */
    public Diagnosis p2p(Bdf provider, Bdf client) {
        return p2p.diagnose(rules.p2p(provider, client));
    }
}
