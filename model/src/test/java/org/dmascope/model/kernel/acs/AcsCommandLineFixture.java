package org.dmascope.model.kernel.acs;

import static org.dmascope.model.kernel.fixtures.Fx.bdf;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.dmascope.model.kernel.TopologyRules;
import org.dmascope.model.kernel.platform.KernelCommandLine;
import org.dmascope.model.kernel.platform.PlatformAssumptions;
import org.dmascope.model.kernel.platform.PlatformOverrides;
import org.dmascope.model.kernel.profile.KernelProfile;
import org.dmascope.model.kernel.profile.KernelVersion;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.Topology;

/** Shared steps of the ACS command-line vectors: boot T-CL under a line and read what the ports get. */
final class AcsCommandLineFixture {
    private AcsCommandLineFixture() {
    }

    /** The rules of {@code t} booted by {@code profile} with {@code line} given by the user. */
    static TopologyRules boot(Topology t, KernelProfile profile, String line) {
        return TopologyRules.of(t, PlatformAssumptions.resolve(t, PlatformOverrides.NONE.withProfile(profile)
                .withCommandLine(line)));
    }

    /** The control value the rules read (the register's read-back). */
    static int control(TopologyRules r, String port) {
        PciFunction f = r.topology().function(bdf(port)).orElseThrow();
        return new EffectiveAcs(r.topology(), r.assumptions()).of(f).control();
    }

    /**
     * What {@code pci_enable_acs()} of a kernel without a profile (v6.11 – v6.14) writes to {@code port}
     * for firmware value {@code fw}.
     */
    static int written(Topology t, String port, int cap, boolean requested, String line, KernelVersion v, int fw) {
        PciFunction f = t.function(bdf(port)).orElseThrow();
        KernelCommandLine cl = KernelCommandLine.parse(line, v, true);
        return PciEnableAcs.boot(f, t.hierarchy(), cap, requested, false, false, false, cl, v).transform().apply(fw);
    }

    /** The addresses of the IOMMU group {@code member} is in. */
    static Set<Bdf> groupOf(TopologyRules r, String member) {
        return r.groups().groupOf(bdf(member)).orElseThrow().members().stream().map(m -> m.address())
                .collect(Collectors.toSet());
    }

    static Set<Bdf> set(String... addresses) {
        return List.of(addresses).stream().map(Bdf::parse).collect(Collectors.toSet());
    }
}
