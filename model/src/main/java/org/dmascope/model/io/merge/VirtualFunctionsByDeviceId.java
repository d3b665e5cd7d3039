package org.dmascope.model.io.merge;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.dmascope.model.io.source.Findings;
import org.dmascope.model.report.Severity;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.PciIdentity;
import org.dmascope.model.topology.Sriov;

/**
 * A function whose device ID is the VF Device ID a PF's SR-IOV capability announces (lspci: "VF offset: 9,
 * stride: 1, Device ID: 101e"), of the same vendor on the same bus, is a VF: a VF's own ID registers read
 * 0xffff, so that ID is only ever given to VFs (PCIe SR-IOV spec; the kernel takes it from the PF,
 * {@code pci_iov_add_virtfn}, drivers/pci/iov.c). A dump that shows VFs without their PF's VF count (the PF's
 * block missing, as in a tree) would otherwise leave them to be read as functions of one multifunction device,
 * which they never are.
 *
 * <p>Its PF is the announcing PF when that PF's routing (offset, stride, Total VFs) reaches the VF; otherwise the one
 * other function on the bus with the PF's identity and no SR-IOV block of its own (the PF whose block the input
 * lacks). When neither is unique the function is left as it is.
 */
final class VirtualFunctionsByDeviceId {
    private VirtualFunctionsByDeviceId() {
    }

    static void apply(MachineFacts all, Findings findings) {
        List<FunctionFacts> functions = List.copyOf(all.functions());
        for (FunctionFacts f : functions) {
            if (f.fact(FactKey.PHYSICAL_FUNCTION).isPresent() || f.fact(FactKey.SRIOV).isPresent()) continue;
            Optional<PciIdentity> id = f.get(FactKey.IDENTITY);
            if (id.isEmpty() || id.get().vendorId().isEmpty() || id.get().deviceId().isEmpty()) continue;
            List<FunctionFacts> announcing = functions.stream()
                    .filter(pf -> sameBus(pf.address(), f.address()) && announces(pf, id.get())).toList();
            if (announcing.isEmpty()) continue;
            Optional<FunctionFacts> pf = reaching(announcing, f.address());
            String how;
            if (pf.isPresent()) {
                how = "its routing ID is in the VF range of " + pf.get().address();
            } else {
                PciIdentity pfId = announcing.get(0).get(FactKey.IDENTITY).orElseThrow();
                List<FunctionFacts> silent = functions.stream()
                        .filter(c -> sameBus(c.address(), f.address()) && c.fact(FactKey.SRIOV).isEmpty()
                                && c != f && sameDevice(c.get(FactKey.IDENTITY), pfId))
                        .toList();
                if (silent.size() != 1) continue;
                pf = Optional.of(silent.get(0));
                how = "no announced VF range reaches it, and " + pf.get().address() + " is the one function of the "
                        + "same device whose SR-IOV capability the input does not show";
            }
            Fact<Sriov> source = announcing.get(0).fact(FactKey.SRIOV).orElseThrow();
            f.put(FactKey.PHYSICAL_FUNCTION, pf.get().address(), source.source(), findings);
            findings.add(Severity.INFO, source.source().file(), source.source().line(), f.address() + ": taken to be "
                    + "an SR-IOV VF of " + pf.get().address() + ": its device ID " + String.format("%04x",
                    id.get().deviceId().getAsInt()) + " is the VF Device ID " + announcing.get(0).address()
                    + " announces; " + how, f.address().toString());
        }
    }

    private static boolean announces(FunctionFacts pf, PciIdentity vf) {
        Optional<Sriov> s = pf.get(FactKey.SRIOV);
        Optional<PciIdentity> pfId = pf.get(FactKey.IDENTITY);
        if (s.isEmpty() || pfId.isEmpty() || s.get().vfDeviceId().isEmpty()) return false;
        return s.get().vfDeviceId().getAsInt() == vf.deviceId().getAsInt()
                && pfId.get().vendorId().equals(vf.vendorId());
    }

    private static Optional<FunctionFacts> reaching(List<FunctionFacts> pfs, Bdf vf) {
        int rid = (vf.bus() << 8) | (vf.devfn() & 0xFF);
        for (FunctionFacts pf : pfs) {
            Sriov s = pf.get(FactKey.SRIOV).orElseThrow();
            for (int n = 1; n <= Math.min(s.totalVfs(), 0x10000); n++) {
                if (s.vfRequesterId(pf.address(), n) == rid) return Optional.of(pf);
            }
        }
        return Optional.empty();
    }

    private static boolean sameDevice(Optional<PciIdentity> a, PciIdentity b) {
        if (a.isEmpty()) return false;
        OptionalInt v = a.get().vendorId();
        OptionalInt d = a.get().deviceId();
        return v.isPresent() && d.isPresent() && v.equals(b.vendorId()) && d.equals(b.deviceId());
    }

    private static boolean sameBus(Bdf a, Bdf b) {
        return a.domain() == b.domain() && a.bus() == b.bus();
    }
}
