package org.dmascope.app.cli;

import org.dmascope.model.kernel.platform.DefaultDomainChoice;
import org.dmascope.model.kernel.platform.PlatformAssumptions;
import org.dmascope.model.kernel.platform.PlatformOverrides;
import org.dmascope.model.topology.Topology;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * The platform options of {@code groups}, {@code p2p} and {@code matrix}: those of {@link PlatformOptions}
 * and {@code --iommu-mode} as the platform's default domain type, under the same heading.
 */
final class TopologyPlatformOptions {
    @ArgGroup(validate = false, heading = PlatformOptions.HEADING, order = 1)
    private FactsAndDefaultDomain facts = new FactsAndDefaultDomain();

    /** What the options override. */
    PlatformOverrides overrides() {
        return facts.overrides();
    }

    /** The platform facts of {@code t} with these options applied. */
    PlatformAssumptions resolve(Topology t) {
        return PlatformAssumptions.resolve(t, facts.overrides());
    }

    static final class FactsAndDefaultDomain extends PlatformOptions.Facts {
        @Option(names = "--iommu-mode", paramLabel = "M", converter = Choices.DefaultDomain.class,
                completionCandidates = Choices.DefaultDomain.class,
                description = "default domain type: dma (strict), lazy (DMA-FQ), identity (pass-through)")
        private DefaultDomainChoice mode;

        @Override
        PlatformOverrides overrides() {
            PlatformOverrides o = super.overrides();
            return mode == null ? o : o.withIommuMode(mode);
        }
    }
}
