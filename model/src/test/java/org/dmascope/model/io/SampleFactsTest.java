package org.dmascope.model.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.dmascope.model.topology.Acs;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.Platform;
import org.dmascope.model.topology.PortType;
import org.dmascope.model.topology.Topology;
import org.dmascope.model.topology.TopologySource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the samples promise their readers: the descriptions match the machines, and the ACS twin differs in one register
 * only.
 */
class SampleFactsTest {
    private static final Pattern ADDRESS = Pattern.compile("\\b((?:[0-9a-f]{4}:)?[0-9a-f]{2}:[0-9a-f]{2}\\.[0-7])\\b");

    static Stream<String> samples() {
        return SampleCatalog.index().stream();
    }

    private static Topology load(String file) {
        LoadResult r = TopologyFiles.load(Path.of("../sample-topologies").resolve(file));
        return r.topology().orElseThrow(() -> new AssertionError(r.report().toText()));
    }

    @ParameterizedTest
    @MethodSource("samples")
    void everyDeviceTheDescriptionNamesIsInTheMachine(String file) {
        Topology t = load(file);
        Matcher m = ADDRESS.matcher(t.description().orElse(""));
        List<String> missing = new ArrayList<>();
        int count = 0;
        while (m.find()) {
            count++;
            Bdf named = Bdf.parse(m.group(1));
            boolean withDomain = m.group(1).length() > 7;
            // A short address ("00:02.0") may speak of that slot in any PCI domain.
            boolean present = withDomain ? t.function(named).isPresent()
                    : t.functions().stream().anyMatch(f -> f.address().shortText().equals(named.shortText()));
            if (!present) missing.add(m.group(1));
        }
        assertTrue(missing.isEmpty(), file + " describes devices it does not have: " + missing);
        assertTrue(count > 0 || file.equals(SampleCatalog.index().get(0)), file + " should name the devices to try");
    }

    @ParameterizedTest
    @MethodSource("samples")
    void syntheticSamplesLeaveIommuGroupsToTheKernelRules(String file) {
        Topology t = load(file);
        assertTrue(t.source().isPresent(), file + " must say where it comes from");
        // A real machine's export may carry the kernel's own groups; a hand-built one must not invent them.
        if (t.source().get().kind() != TopologySource.Kind.SYNTHETIC) return;
        assertTrue(t.functions().stream().allMatch(f -> f.iommuGroup().isEmpty()),
                file + " must not carry iommuGroup values");
    }

    @ParameterizedTest
    @MethodSource("samples")
    void everySampleKnowsItsPlatformAndMemory(String file) {
        Topology t = load(file);
        assertTrue(t.platform().architecture().isPresent() && t.platform().cpu().vendor().isPresent(), file);
        // lspci cannot tell RAM, windows or swiotlb: a real import keeps them unknown rather than invent them.
        if (t.source().map(TopologySource::kind).orElseThrow() != TopologySource.Kind.SYNTHETIC) return;
        assertTrue(t.platform().iommu().driver().isPresent(), file);
        assertTrue(t.platform().swiotlb().start().isPresent() && t.platform().swiotlb().size().isPresent(), file);
        assertFalse(t.numaNodes().isEmpty() || t.numaNodes().stream().anyMatch(n -> n.memory().isEmpty()), file);
        assertFalse(t.hostBridges().isEmpty() || t.hostBridges().stream().anyMatch(h -> h.windows().isEmpty()), file);
    }

    @Test
    void theAcsRedirectTwinDiffersFromTheDefaultOnlyInTheDownstreamPortsAcsControl() {
        Topology plain = load("switch-p2p-server.json");
        Topology redirect = load("acs-redirect-server.json");
        assertEquals(plain.hostBridges(), redirect.hostBridges());
        assertEquals(plain.numaNodes(), redirect.numaNodes());
        Platform pp = plain.platform();
        assertEquals(new Platform(pp.architecture(), pp.cpu(), pp.iommu(), pp.swiotlb(), pp.memoryEncryption(),
                redirect.platform().kernelCommandLine()), redirect.platform(),
                        "only the kernel command line may differ");
        assertFalse(redirect.platform().kernelCommandLine().orElseThrow().contains("disable_acs_redir"));
        assertEquals(plain.functions().size(), redirect.functions().size());
        int changed = 0;
        for (PciFunction p : plain.functions()) {
            PciFunction r = redirect.function(p.address()).orElseThrow();
            if (p.portType().equals(Optional.of(PortType.SWITCH_DOWNSTREAM))) {
                assertEquals(p.acs().orElseThrow().control().getAsInt() | Acs.RR | Acs.CR,
                        r.acs().orElseThrow().control().getAsInt());
                assertEquals(p.toBuilder().acs(r.acs()).build(), r, p.address() + " differs in more than ACS control");
                changed++;
            } else {
                assertEquals(p, r, p.address() + " differs between the twins");
            }
        }
        assertEquals(4, changed);
    }
}
