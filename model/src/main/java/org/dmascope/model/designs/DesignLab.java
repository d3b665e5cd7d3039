package org.dmascope.model.designs;

import java.util.List;

/** Every design of the six questions, in question order, mainline first within each. */
public final class DesignLab {
    private final List<DesignModel> models;

    public DesignLab() {
        this(List.of(new ScatterlistCarrier(), new PhysVecCarrier(), new BioVecCarrier(), new PhyRangeCarrier(),
                new NeoscatCarrier(),
                new ScatterlistDmaFields(), new DmaRangeArray(), new DmaRangeChain(),
                new PgmapLookup(), new ProviderObject(), new FlagBitIntervalTree(), new ProviderIdHash(),
                new ProviderPointer(),
                new RefuseUnreachable(), new BounceThroughHost(),
                new BlockLayerMaps(), new OrchestratorMaps(),
                new PageBackedList(), new DmaOnlyList()));
    }

    DesignLab(List<DesignModel> models) {
        this.models = List.copyOf(models);
    }

    public DesignReport evaluate(DesignInput in) {
        return new DesignReport(in, models.stream().map(m -> m.evaluate(in)).toList());
    }
}
