package org.dmascope.model.kernel.acs;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.dmascope.model.kernel.platform.PlatformAssumptions;
import org.dmascope.model.topology.Acs;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.PciHierarchy;
import org.dmascope.model.topology.Topology;

/**
 * The ACS view of one machine under one set of platform assumptions: effective registers
 * ({@link EffectiveAcs}), the quirk table, the multifunction view, and cached answers to
 * R-ACS-2 / R-ACS-3 for the request the IOMMU core makes.
 */
public final class AcsRules {
    /** {@code REQ_ACS_FLAGS} (drivers/iommu/iommu.c): what IOMMU grouping asks for. */
    public static final int REQ_ACS_FLAGS = Acs.SV | Acs.RR | Acs.CR | Acs.UF;

    private final Topology topology;
    private final PciHierarchy hierarchy;
    private final PlatformAssumptions assumptions;
    private final EffectiveAcs effective;
    private final MultifunctionView multifunction;
    private final AcsQuirkTable quirks;
    private final Map<Bdf, AcsVerdict> reqVerdicts = new ConcurrentHashMap<>();
    private final Map<Bdf, AcsPathEnabled.Result> reqPaths = new ConcurrentHashMap<>();

    public AcsRules(Topology topology, PlatformAssumptions assumptions) {
        this.topology = topology;
        this.hierarchy = topology.hierarchy();
        this.assumptions = assumptions;
        this.effective = new EffectiveAcs(topology, assumptions);
        this.multifunction = new MultifunctionView(topology);
        this.quirks = AcsQuirkTable.standard();
    }

    public Topology topology() {
        return topology;
    }

    public PciHierarchy hierarchy() {
        return hierarchy;
    }

    public PlatformAssumptions assumptions() {
        return assumptions;
    }

    public EffectiveAcs effective() {
        return effective;
    }

    public MultifunctionView multifunction() {
        return multifunction;
    }

    public AcsQuirkTable quirks() {
        return quirks;
    }

    /** R-ACS-2 for any request. */
    public AcsVerdict enabled(PciFunction f, int flags) {
        if (flags == REQ_ACS_FLAGS) return reqVerdicts.computeIfAbsent(f.address(), k -> AcsEnabled.evaluate(f, flags,
                this));
        return AcsEnabled.evaluate(f, flags, this);
    }

    /** R-ACS-3 for any request. */
    public AcsPathEnabled.Result pathEnabled(PciFunction start, int flags) {
        if (flags == REQ_ACS_FLAGS) return reqPaths.computeIfAbsent(start.address(), k -> AcsPathEnabled.evaluate(start,
                flags, this));
        return AcsPathEnabled.evaluate(start, flags, this);
    }
}
