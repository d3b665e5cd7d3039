package org.dmascope.app.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.dmascope.model.io.LoadResult;
import org.dmascope.model.io.imports.TopologyInputs;
import org.dmascope.model.report.Diagnostic;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.Topology;

/** What every command does with its FILE operands and device addresses, so they all behave alike. */
public final class Inputs {
    private Inputs() {
    }

    /**
     * Loads the operands as one topology. Findings go to {@code err} (one per line, file:line: …);
     * empty when the input is unusable.
     */
    public static Optional<Topology> load(CliArgs args, PrintStream err) throws UsageException {
        List<String> files = args.operands();
        if (files.isEmpty()) throw new UsageException("no input FILE given");
        LoadResult r = TopologyInputs.load(files.stream().map(Path::of).toList());
        for (Diagnostic d : r.report().diagnostics()) err.println(d);
        return r.topology();
    }

    /**
     * Finds a device by address, with or without the domain ({@code 03:00.0} means domain 0000 unless
     * exactly one domain has that bus/device/function).
     */
    public static PciFunction device(Topology t, String text, String what) throws UsageException {
        if (!Bdf.isValid(text)) throw new UsageException(what + " \"" + text + "\" is not a PCI address (DDDD:BB:DD.F or BB:DD.F)");
        Bdf bdf = Bdf.parse(text);
        Optional<PciFunction> exact = t.function(bdf);
        boolean hasDomain = text.trim().split(":").length == 3;
        if (exact.isPresent() && (hasDomain || bdf.domain() == 0)) {
            if (!hasDomain) {
                List<PciFunction> all = matchesIgnoringDomain(t, bdf);
                if (all.size() > 1) throw ambiguous(what, text, all);
            }
            return exact.get();
        }
        if (!hasDomain) {
            List<PciFunction> all = matchesIgnoringDomain(t, bdf);
            if (all.size() == 1) return all.get(0);
            if (all.size() > 1) throw ambiguous(what, text, all);
        }
        throw new UsageException(what + " " + text + " is not in the topology");
    }

    private static List<PciFunction> matchesIgnoringDomain(Topology t, Bdf bdf) {
        return t.functions().stream().filter(f -> f.address().bus() == bdf.bus() && f.address().device() == bdf.device()
                && f.address().function() == bdf.function()).toList();
    }

    private static UsageException ambiguous(String what, String text, List<PciFunction> all) {
        return new UsageException(what + " " + text + " exists in several PCI domains ("
                + String.join(", ", all.stream().map(f -> f.address().toString()).toList()) + "); give the domain too");
    }
}
