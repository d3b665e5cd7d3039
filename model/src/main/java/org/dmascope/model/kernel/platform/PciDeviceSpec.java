package org.dmascope.model.kernel.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.PciHierarchy;

/**
 * One device in a kernel parameter's device list ({@code pci=disable_acs_redir=…}), matched the way
 * {@code pci_dev_str_match()} (drivers/pci/pci.c) does: either {@code pci:VVVV:DDDD[:SVVV:SDDD]}
 * (IDs, 0 in the subsystem part matches any) or a path {@code [DDDD:]BB:DD.F[/DD.F]*} read from the
 * right: the last {@code DD.F} is the device, each one before it its {@code pci_upstream_bridge()},
 * and the first element names the top device by domain, bus and devfn.
 */
public final class PciDeviceSpec {
    private final String text;
    private final int vendor;
    private final int device;
    private final int subVendor;
    private final int subDevice;
    private final int domain;
    private final int bus;
    private final List<Integer> devfnPath; // top device first
    private final boolean byId;

    private PciDeviceSpec(String text, boolean byId, int vendor, int device, int subVendor, int subDevice,
                          int domain, int bus, List<Integer> devfnPath) {
        this.text = text;
        this.byId = byId;
        this.vendor = vendor;
        this.device = device;
        this.subVendor = subVendor;
        this.subDevice = subDevice;
        this.domain = domain;
        this.bus = bus;
        this.devfnPath = List.copyOf(devfnPath);
    }

    /** Parses a {@code ;}-separated list as the kernel does; entries that do not parse are reported. */
    public static List<PciDeviceSpec> parseList(String list, List<String> problems) {
        List<PciDeviceSpec> out = new ArrayList<>();
        for (String entry : list.split(";")) {
            String e = entry.trim();
            if (e.isEmpty()) continue;
            try {
                out.add(parse(e));
            } catch (IllegalArgumentException ex) {
                problems.add(ex.getMessage());
            }
        }
        return out;
    }

    public static PciDeviceSpec parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.startsWith("pci:")) {
                String[] p = t.substring(4).split(":");
                if (p.length != 2 && p.length != 4) throw new NumberFormatException();
                int sv = p.length == 4 ? Integer.parseInt(p[2], 16) : 0;
                int sd = p.length == 4 ? Integer.parseInt(p[3], 16) : 0;
                return new PciDeviceSpec(text, true, Integer.parseInt(p[0], 16), Integer.parseInt(p[1], 16), sv, sd,
                        0, 0, List.of());
            }
            String[] parts = t.split("/");
            String[] head = parts[0].split(":");
            int dom = 0;
            int b;
            String df;
            if (head.length == 3) {
                dom = Integer.parseInt(head[0], 16);
                b = Integer.parseInt(head[1], 16);
                df = head[2];
            } else if (head.length == 2) {
                b = Integer.parseInt(head[0], 16);
                df = head[1];
            } else {
                throw new NumberFormatException();
            }
            List<Integer> path = new ArrayList<>();
            path.add(devfn(df));
            for (int i = 1; i < parts.length; i++) path.add(devfn(parts[i]));
            return new PciDeviceSpec(text, false, 0, 0, 0, 0, dom, b, path);
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("\"" + text
                    + "\" is not a PCI device (expected [DDDD:]BB:DD.F[/DD.F]… or pci:VVVV:DDDD)");
        }
    }

    private static int devfn(String s) {
        String[] p = s.split("\\.");
        if (p.length != 2) throw new NumberFormatException();
        int slot = Integer.parseInt(p[0], 16);
        int fn = Integer.parseInt(p[1], 16);
        if (slot > 0x1f || fn > 7) throw new NumberFormatException();
        return slot << 3 | fn;
    }

    /** True when this entry names {@code f}. */
    public boolean matches(PciFunction f, PciHierarchy h) {
        if (byId) {
            if (f.identity().vendorId().orElse(-1) != vendor || f.identity().deviceId()
                    .orElse(-1) != device) return false;
            if (subVendor != 0 && f.identity().subsystemVendorId().orElse(-1) != subVendor) return false;
            return subDevice == 0 || f.identity().subsystemDeviceId().orElse(-1) == subDevice;
        }
        PciFunction dev = f;
        for (int i = devfnPath.size() - 1; i >= 1; i--) {
            if (dev.address().devfn() != devfnPath.get(i)) return false;
            Optional<PciFunction> up = h.upstreamBridge(dev);
            if (up.isEmpty()) return false;
            dev = up.get();
        }
        return dev.address().domain() == domain && dev.address().bus() == bus && dev.address()
                .devfn() == devfnPath.get(0);
    }

    @Override
    public String toString() {
        return text;
    }
}
