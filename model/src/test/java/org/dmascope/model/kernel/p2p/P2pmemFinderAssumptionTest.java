package org.dmascope.model.kernel.p2p;

import static org.dmascope.model.kernel.fixtures.Fx.bdf;
import static org.dmascope.model.kernel.fixtures.T1.EPA;
import static org.dmascope.model.kernel.fixtures.T1.EPB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.dmascope.model.io.imports.ImportProgress;
import org.dmascope.model.io.imports.ImportResult;
import org.dmascope.model.io.imports.Importer;
import org.dmascope.model.kernel.TopologyRules;
import org.dmascope.model.kernel.fixtures.T1;
import org.dmascope.model.kernel.platform.PlatformAssumptions;
import org.dmascope.model.testing.Corpus;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.P2pMemory;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.Topology;
import org.junit.jupiter.api.Test;

/**
 * R-P2P-7 on a machine whose P2P memory is assumed ("if a driver registered it"): the answer says it rests on the
 * assumption and gives the answer the other way, which is the same rule run on the machine as it would be then.
 */
class P2pmemFinderAssumptionTest {

    private static final RandomSource FIRST = bound -> 0;

    @Test
    void gpuBarsAssumedRegisteredButUnpublishedGiveNullAndSayWhatPublishingThemWouldGive() {
        ImportResult imported = Importer.importFiles(
                List.of(Corpus.file("supermicro-4028gr-tvrt-8xv100-pex9765.verbose.txt")), ImportProgress.NONE,
                () -> false);
        Topology t = imported.topology().orElseThrow();
        TopologyRules rules = TopologyRules.of(t, PlatformAssumptions.of(t));
        List<P2pClient> v100s = List.of(P2pClient.pci(Bdf.parse("0d:00.0")), P2pClient.pci(Bdf.parse("0e:00.0")));

        P2pmemFinder.Result r = rules.findP2pmem(v100s, FIRST);

        assertEquals(Optional.empty(), r.chosen(), "no driver published the V100s' BARs");
        assertTrue(r.scored().isEmpty());
        assertTrue(r.reason().startsWith("no device has published P2P memory. Assumed: 0000:0d:00.0, "), r.reason());
        assertTrue(r.reason().contains(" and 5 more have P2P memory registered but not published"), r.reason());
        Topology published = rules.machine().withFunctions(rules.machine().functions().stream()
                .map(f -> withMemory(f, true, false)).toList());
        P2pmemFinder.Result ifPublished = TopologyRules.of(published, PlatformAssumptions.of(published))
                .findP2pmem(v100s, FIRST);
        assertTrue(ifPublished.chosen().isPresent(), ifPublished.reason());
        assertTrue(r.reason().endsWith("If it were published, pci_p2pmem_find_many would return "
                + ifPublished.chosen().get() + " (" + ifPublished.reason() + ")"), r.reason());
    }

    @Test
    void anAssumedPublishedProviderIsChosenAndTheAnswerWithoutItIsGiven() {
        Topology registered = T1.t1(0x8086, 0x2020);
        Topology assumed = registered.withFunction(bdf(EPB), f -> withMemory(f, true, true));
        List<P2pClient> clients = List.of(P2pClient.pci(bdf(EPA)));

        P2pmemFinder.Result r = TopologyRules.of(assumed).findP2pmem(clients, FIRST);

        assertEquals(Optional.of(bdf(EPB)), r.chosen(), "the rule runs on the assumed machine");
        assertTrue(r.best().get(0).assumed());
        assertEquals(List.of(true, false), r.scored().stream().map(P2pmemFinder.Candidate::assumed).toList());
        Topology without = registered.withFunction(bdf(EPB), f -> f.toBuilder().p2pMemory(List.of()).build());
        P2pmemFinder.Result otherwise = TopologyRules.of(without).findP2pmem(clients, FIRST);
        assertTrue(otherwise.chosen().isPresent() && !otherwise.chosen().get().equals(bdf(EPB)));
        assertTrue(r.reason().endsWith("if none did, pci_p2pmem_find_many would return " + otherwise.chosen().get()
                + " (" + otherwise.reason() + ")"), r.reason());
    }

    @Test
    void registeredMemoryAnswersWithoutAnAssumption() {
        P2pmemFinder.Result r = TopologyRules.of(T1.t1(0x8086, 0x2020)).findP2pmem(
                List.of(P2pClient.pci(bdf(EPA))), FIRST);
        assertEquals(Optional.of(bdf(EPB)), r.chosen());
        assertFalse(r.reason().contains("Assumed"), r.reason());
        assertFalse(r.scored().stream().anyMatch(P2pmemFinder.Candidate::assumed));
    }

    /** {@code f}'s P2P memory with the given published and candidate flags. */
    private static PciFunction withMemory(PciFunction f, boolean published, boolean candidate) {
        List<P2pMemory> out = new ArrayList<>();
        for (P2pMemory m : f.p2pMemory()) out.add(new P2pMemory(m.bar(), m.offset(), m.size(), published, candidate));
        return f.p2pMemory().isEmpty() ? f : f.toBuilder().p2pMemory(out).build();
    }
}
