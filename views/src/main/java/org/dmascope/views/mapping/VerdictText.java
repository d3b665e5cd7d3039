package org.dmascope.views.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.dmascope.model.kernel.p2p.P2pMapType;
import org.dmascope.model.kernel.p2p.P2pVerdict;
import org.dmascope.model.mapping.DmaSegments;
import org.dmascope.model.mapping.Mapping;
import org.dmascope.model.session.MapOutcome;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.PortType;
import org.dmascope.model.topology.Topology;
import org.dmascope.model.util.ByteSize;
import org.dmascope.model.util.Hex;
import org.dmascope.views.topology.DeviceText;

/**
 * The verdict banner's words for an outcome: the map type or the path in words, which addresses the
 * device is given, and for a refusal the reason and what would change it. It only rewords what the
 * engine and the topology rules decided.
 *
 * @param code     a short tag: {@code BUS_ADDR}, {@code THRU_HOST_BRIDGE}, {@code NOT_SUPPORTED}, {@code IOMMU},
 *                 {@code DIRECT}, {@code SWIOTLB}, or the kernel's error
 * @param headline one sentence
 * @param detail   the addresses and why
 * @param remedy   what would change it: for a refusal what makes it work, through the host bridge what keeps it in the
 * switch
 */
public record VerdictText(Tone tone, String code, String headline, String detail, Optional<String> remedy) {

    /** How the banner is coloured. */
    public enum Tone {
        /** Peer-to-peer inside the fabric. */
        PEER,
        /** Through the root complex: the IOMMU or the host bridge. */
        HOST,
        /** dma-direct: the physical address. */
        DIRECT,
        /** Bounced through swiotlb. */
        BOUNCE,
        /** The kernel refuses. */
        REFUSED,
        /** Nothing could be mapped: the request does not fit the machine. */
        ERROR
    }

    public VerdictText {
        Objects.requireNonNull(tone);
        Objects.requireNonNull(code);
        Objects.requireNonNull(headline);
        Objects.requireNonNull(detail);
        Objects.requireNonNull(remedy);
    }

    public static VerdictText of(MapOutcome o, Topology t) {
        if (o.problem().isPresent()) {
            return new VerdictText(Tone.ERROR, "CANNOT MAP", "This buffer cannot be made on this machine",
                    capital(o.problem().get()) + ".", Optional.empty());
        }
        Mapping m = o.mapping();
        String client = name(t, m.request().initiator());
        if (!m.verdict().isOk()) return refused(o, m, t, client);
        DmaSegments s = m.segments();
        String handed = handed(m);
        String later = later(o, m);
        if (m.mapType() == P2pMapType.BUS_ADDR) {
            String where = o.p2p().flatMap(P2pVerdict::commonUpstream).map(c -> through(t,
                    c)).orElse("the PCIe fabric");
            boolean iommu = m.request().iommuMode().translates();
            return new VerdictText(Tone.PEER, "BUS_ADDR", "Peer-to-peer through " + where
                    + (iommu ? ", bypasses the IOMMU"
                    : ", no IOMMU on the way"), client + " gets the PCI bus address " + first(s) + " " + handed
                    + ": its requests turn inside the fabric and never reach the root complex." + later,
                            Optional.empty());
        }
        if (m.mapType() == P2pMapType.THRU_HOST_BRIDGE) {
            String hb = m.route().flatMap(r -> r.hops().stream().filter(h -> h.device().isEmpty()).findFirst())
                    .map(h -> "host bridge " + h.node()).orElse("the host bridge");
            String why = o.p2p().map(v -> " Why: " + capital(v.reason()) + ".").orElse("");
            Optional<String> inside = o.p2p().flatMap(P2pVerdict::suggestion)
                    .map(x -> "To keep it inside the switch (BUS_ADDR): boot with " + x + ".");
            return new VerdictText(Tone.HOST, "THRU_HOST_BRIDGE", "Peer-to-peer through the " + hb
                    + ": the root complex routes it, mapped like RAM", client + " gets " + addressKind(m) + " "
                            + first(s) + " "
                    + handed + "." + why + later, inside);
        }
        if (anyFlag(s, DmaSegments.SWIOTLB)) {
            String page = m.pinned() == null ? "" : " at " + Hex.addr(m.pinned().page(0));
            return new VerdictText(Tone.BOUNCE, "SWIOTLB",
                    "Bounced through swiotlb: the kernel copies the data to a buffer "
                    + "the device can reach", client + " (DMA mask " + m.device().maskBits()
                            + " bits) cannot reach the buffer"
                    + page + ", so it gets the bounce buffer's address " + first(s) + " " + handed
                    + "; the CPU copies the data in or out around each transfer." + later, Optional.empty());
        }
        if (m.request().iommuMode().translates()) {
            return new VerdictText(Tone.HOST, "IOMMU",
                    "Host memory through the IOMMU: the device gets an I/O virtual address",
                    client + " gets IOVA " + first(s) + " " + handed
                            + "; the IOMMU in the root complex translates each access "
                            + "through the I/O page tables of domain “" + m.domainId() + "” to the pages in RAM."
                                    + later,
                    Optional.empty());
        }
        return new VerdictText(Tone.DIRECT, "DIRECT", "Host memory, direct: the device gets the physical address",
                client + " gets " + first(s) + " " + handed + ": no IOMMU translates its DMA (" + m.request()
                        .iommuMode().words()
                        + "), so the DMA address is the CPU physical address." + later, Optional.empty());
    }

    private static VerdictText refused(MapOutcome o, Mapping m, Topology t, String client) {
        String kernel = m.verdict().kernelReturn();
        if (m.mapType() == P2pMapType.NOT_SUPPORTED) {
            String provider = o.p2p().map(v -> name(t, v.provider())).orElse("the provider");
            String why = o.p2p().map(v -> capital(v.reason()) + ".").orElse(m.verdict().summary());
            Optional<String> remedy = o.p2p().map(v -> v.suggestion()
                    .map(s -> "What would change it: boot with " + s
                            + " so the switch routes the TLPs itself (BUS_ADDR).")
                    .orElse("What would change it: a root complex the kernel trusts with peer-to-peer traffic (an "
                            + "AMD Zen CPU, "
                            + "or a host bridge on the kernel's P2PDMA whitelist)."));
            return new VerdictText(Tone.REFUSED, "NOT_SUPPORTED", "Refused: " + client + " cannot reach the memory of "
                    + provider + " peer-to-peer", why + " " + kernel + ".", remedy);
        }
        List<String> lines = new ArrayList<>();
        lines.add(capital(m.verdict().summary()) + (m.verdict().summary().endsWith(".") ? "" : "."));
        lines.add(kernel + ".");
        lines.addAll(m.kernelLog());
        return new VerdictText(Tone.REFUSED, errno(m), "The kernel refuses to map this buffer for " + client,
                String.join(" ", lines), Optional.empty());
    }

    private static String errno(Mapping m) {
        String c = m.verdict().code();
        return m.verdict().error() != null && !c.startsWith("-") && c.startsWith("E") ? "-" + c : c;
    }

    private static String later(MapOutcome o, Mapping m) {
        int n = o.after().countInDomainOf(m);
        if (n <= 1) return "";
        return " Mapping #" + m.id() + (m.domainId() == null ? " next to " : " in domain “" + m.domainId()
                + "” next to ")
                + (n - 1) + (n == 2 ? " earlier live mapping" : " earlier live mappings")
                + ": it got the addresses the kernel hands out next (see Live mappings).";
    }

    private static String addressKind(Mapping m) {
        if (anyFlag(m.segments(), DmaSegments.IOVA)) return "IOVA";
        return "the CPU physical address";
    }

    private static String handed(Mapping m) {
        DmaSegments s = m.segments();
        int in = m.inputs().count();
        return "(" + in + (in == 1 ? " input entry" : " input entries") + " → " + s.count()
                + (s.count() == 1 ? " DMA segment" : " DMA segments")
                + ", " + ByteSize.human(s.totalLength()) + ")";
    }

    private static String first(DmaSegments s) {
        if (s.count() == 0) return "no address";
        return Hex.addr(s.address(0)) + (s.count() > 1 ? " …" : "");
    }

    private static boolean anyFlag(DmaSegments s, int flag) {
        for (int i = 0; i < s.count(); i++) if (s.has(i, flag)) return true;
        return false;
    }

    /** "switch Broadcom PEX88096 (01:00.0)", "root port 00:01.0". */
    static String through(Topology t, Bdf common) {
        Optional<PciFunction> f = t.function(common);
        if (f.isEmpty()) return common.toString();
        PortType p = f.get().portType().orElse(null);
        if (p == PortType.SWITCH_UPSTREAM || p == PortType.SWITCH_DOWNSTREAM) {
            String name = DeviceText.title(f.get());
            return (name.toLowerCase(java.util.Locale.ROOT).contains("switch") ? "" : "switch ") + name + " ("
                    + common.shortText() + ")";
        }
        if (p == PortType.ROOT_PORT) return "root port " + common.shortText();
        return DeviceText.shortName(f.get()) + " (" + common.shortText() + ")";
    }

    static String name(Topology t, Bdf b) {
        return t.function(b).map(f -> DeviceText.shortName(f) + " (" + b.shortText() + ")").orElse(b.toString());
    }

    private static String capital(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
