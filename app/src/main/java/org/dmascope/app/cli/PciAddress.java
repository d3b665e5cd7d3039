package org.dmascope.app.cli;

import java.util.List;
import java.util.Optional;

import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.Topology;

import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

/**
 * A device address as the user wrote it ({@code --provider}, {@code --client}, {@code --initiator}): with
 * its domain, or without it, meaning domain 0000 unless exactly one domain has that bus/device/function.
 */
record PciAddress(String text, Bdf bdf, boolean hasDomain) {

    /** Finds the device; a ParameterException naming {@code what} when no device or several domains have it. */
    PciFunction in(Topology t, String what, CommandLine commandLine) {
        Optional<PciFunction> exact = t.function(bdf);
        if (exact.isPresent() && (hasDomain || bdf.domain() == 0)) {
            if (!hasDomain) {
                List<PciFunction> all = matchesIgnoringDomain(t);
                if (all.size() > 1) throw ambiguous(what, all, commandLine);
            }
            return exact.get();
        }
        if (!hasDomain) {
            List<PciFunction> all = matchesIgnoringDomain(t);
            if (all.size() == 1) return all.get(0);
            if (all.size() > 1) throw ambiguous(what, all, commandLine);
        }
        throw new ParameterException(commandLine, what + " " + text + " is not in the topology");
    }

    private List<PciFunction> matchesIgnoringDomain(Topology t) {
        return t.functions().stream().filter(f -> f.address().bus() == bdf.bus() && f.address().device() == bdf.device()
                && f.address().function() == bdf.function()).toList();
    }

    private ParameterException ambiguous(String what, List<PciFunction> all, CommandLine commandLine) {
        return new ParameterException(commandLine, what + " " + text + " exists in several PCI domains ("
                + String.join(", ", all.stream().map(f -> f.address().toString()).toList()) + "); give the domain too");
    }

    /** Reads an address; an out-of-range field is named with its limit instead of failing later. */
    static final class Converter implements ITypeConverter<PciAddress> {
        @Override
        public PciAddress convert(String value) {
            Optional<String> problem = Bdf.problem(value);
            if (problem.isPresent()) throw new TypeConversionException(value + " is not a PCI address: "
                    + problem.get());
            return new PciAddress(value, Bdf.parse(value), value.trim().split(":").length == 3);
        }
    }
}
