package org.dmascope.model.kernel.platform;

import java.util.Optional;

import org.dmascope.model.kernel.rule.KernelRule;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.PciHierarchy;

/**
 * R-CMD-2 a device in a kernel parameter's device list ({@code pci=disable_acs_redir=},
 * {@code pci=config_acs=}), matched as {@code pci_dev_str_match()} and {@code pci_dev_str_match_path()}
 * (drivers/pci/pci.c; identical in v5.4.273 … v7.1.3, read in v6.19) match it:
 * <ul>
 *   <li>{@code pci:VVVV:DDDD[:SVVV:SDDD]}: {@code sscanf("%hx:%hx:%hx:%hx%n")}, else {@code "%hx:%hx%n"};
 *       <b>0 is a wildcard in every field</b>; numbers are truncated to 16 bits; with three fields only
 *       vendor:device are read and the parse stops before the third;</li>
 *   <li>{@code [DDDD:]BB:DD.F[/DD.F]…}: the entry runs to the next {@code ;}; it is read from the right,
 *       starting at the device tested: the last {@code /DD.F} must be its devfn, each one before it the
 *       devfn of the next {@code pci_upstream_bridge()}, and the first element names the top device by
 *       domain (0 when omitted), bus number and devfn. {@code PCI_DEVFN()} masks slot and function
 *       ({@code 00:20.0} tests devfn 00.0); a trailing character that is not a hex digit, a missing part
 *       or an empty entry is {@code -EINVAL}.</li>
 * </ul>
 * A result is 1 (match), 0 (no match) or -EINVAL, and where the parse stopped: the callers walk the
 * list ({@code ;} or {@code ,} between entries) and stop at the first match, the first -EINVAL or the
 * first entry not followed by a separator (R-CMD-3, R-CMD-4).
 */
@KernelRule("R-CMD-2")
public final class PciDeviceList {
    /** {@code -EINVAL}. */
    public static final int EINVAL = -22;

    /**
     * What {@code pci_dev_str_match(dev, p, &endptr)} returned.
     *
     * @param ret 1 match, 0 no match, {@link #EINVAL} parse error
     * @param end index in the list where the parse stopped ({@code *endptr})
     */
    public record StrMatch(int ret, int end) {
        public boolean matched() {
            return ret == 1;
        }

        public boolean failed() {
            return ret < 0;
        }
    }

    private PciDeviceList() {
    }

    /**
     * {@code pci_dev_str_match(dev, list + from, &end)}. With {@code dev == null} nothing matches but the
     * entry is parsed as far as the kernel would parse it for a device whose devfn fits every path element,
     * so a syntax error shows (the static check of a list).
     */
    public static StrMatch strMatch(PciFunction dev, PciHierarchy h, String list, int from) {
        if (list.startsWith("pci:", from)) {
            int p = from + 4;
            KernelScanf.Result r = KernelScanf.scan(list, p, "%hx:%hx:%hx:%hx%n");
            long vendor;
            long device;
            long subVendor = 0;
            long subDevice = 0;
            int count;
            if (r.conversions() == 4) {
                vendor = r.value(0);
                device = r.value(1);
                subVendor = r.value(2);
                subDevice = r.value(3);
                count = (int) r.value(4);
            } else {
                r = KernelScanf.scan(list, p, "%hx:%hx%n");
                if (r.conversions() != 2) return new StrMatch(EINVAL, p);
                vendor = r.value(0);
                device = r.value(1);
                count = (int) r.value(2);
            }
            p += count;
            if (dev == null) return new StrMatch(0, p);
            boolean match = field(vendor, dev.identity().vendorId().orElse(-1))
                    && field(device, dev.identity().deviceId().orElse(-1))
                    && field(subVendor, dev.identity().subsystemVendorId().orElse(-1))
                    && field(subDevice, dev.identity().subsystemDeviceId().orElse(-1));
            return new StrMatch(match ? 1 : 0, p);
        }
        int end = list.indexOf(';', from);
        if (end < 0) end = list.length();
        return new StrMatch(matchPath(dev, h, list.substring(from, end)), end);
    }

    /** A 0 in the specifier matches anything, even an ID the input does not show. */
    private static boolean field(long wanted, int actual) {
        return wanted == 0 || wanted == actual;
    }

    /** {@code pci_dev_str_match_path()}: 1, 0 or {@link #EINVAL}. */
    private static int matchPath(PciFunction start, PciHierarchy h, String path) {
        String wpath = path;
        Optional<PciFunction> dev = Optional.ofNullable(start);
        while (true) {
            int slash = wpath.lastIndexOf('/');
            if (slash < 0) break;
            KernelScanf.Result r = KernelScanf.scan(wpath, slash, "/%x.%x%c");
            if (r.conversions() != 2) return EINVAL;
            if (start != null) {
                if (dev.orElseThrow().address().devfn() != devfn(r.value(0), r.value(1))) return 0;
                dev = h.upstreamBridge(dev.get());
                if (dev.isEmpty()) return 0;
            }
            wpath = wpath.substring(0, slash);
        }
        long seg;
        long bus;
        long slot;
        long func;
        KernelScanf.Result r = KernelScanf.scan(wpath, 0, "%x:%x:%x.%x%c");
        if (r.conversions() == 4) {
            seg = r.value(0);
            bus = r.value(1);
            slot = r.value(2);
            func = r.value(3);
        } else {
            r = KernelScanf.scan(wpath, 0, "%x:%x.%x%c");
            if (r.conversions() != 3) return EINVAL;
            seg = 0;
            bus = r.value(0);
            slot = r.value(1);
            func = r.value(2);
        }
        if (start == null) return 0;
        PciFunction top = dev.orElseThrow();
        return seg == top.address().domain() && bus == top.address().bus() && top.address().devfn() == devfn(slot,
                func) ? 1 : 0;
    }

    /** {@code PCI_DEVFN(slot, func)}: out-of-range numbers are masked, not refused. */
    static int devfn(long slot, long func) {
        return (int) (((slot & 0x1f) << 3) | (func & 0x07));
    }
}
