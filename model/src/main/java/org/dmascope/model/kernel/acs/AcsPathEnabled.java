package org.dmascope.model.kernel.acs;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.dmascope.model.kernel.rule.KernelRule;
import org.dmascope.model.topology.PciBus;
import org.dmascope.model.topology.PciFunction;

/**
 * R-ACS-3 {@code pci_acs_path_enabled(start, NULL, flags)} (drivers/pci/pci.c): every device from
 * {@code start} up through the bridges ({@code bus->self}) to the root bus must be ACS-enabled; the
 * first one that is not ends the walk.
 */
@KernelRule("R-ACS-3")
public final class AcsPathEnabled {
    private AcsPathEnabled() {
    }

    /**
     * @param enabled  the kernel's answer
     * @param checked  each device checked, bottom first, with its verdict
     * @param failing  the first device that is not ACS-enabled
     */
    public record Result(boolean enabled, List<Step> checked, Optional<Step> failing) {
        public Result {
            checked = List.copyOf(checked);
        }
    }

    /** One device of the walk. */
    public record Step(PciFunction device, AcsVerdict verdict) {
    }

    public static Result evaluate(PciFunction start, int flags, AcsRules rules) {
        List<Step> steps = new ArrayList<>();
        PciFunction p = start;
        int guard = 0;
        while (p != null && guard++ < 300) {
            AcsVerdict v = rules.enabled(p, flags);
            Step s = new Step(p, v);
            steps.add(s);
            if (!v.enabled()) return new Result(false, steps, Optional.of(s));
            PciBus bus = rules.hierarchy().busOf(p);
            if (bus.isRoot()) return new Result(true, steps, Optional.empty());
            p = bus.self().orElse(null);
        }
        return new Result(true, steps, Optional.empty());
    }
}
