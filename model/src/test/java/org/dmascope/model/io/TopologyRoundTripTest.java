package org.dmascope.model.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dmascope.model.topology.Topology;
import org.junit.jupiter.api.Test;

/**
 * Writing then reading gives back the same topology for any topology the model can hold (a
 * property, checked over many random machines); the shipped samples are covered byte for byte by
 * {@link SampleTopologiesTest}.
 */
class TopologyRoundTripTest {
    private static final int MACHINES = 400;

    @Test
    void randomTopologiesSurviveWriteThenRead() {
        for (long seed = 1; seed <= MACHINES; seed++) {
            Topology t = new RandomTopologies(seed).next();
            String json = TopologyJsonWriter.write(t);
            LoadResult r = TopologyJsonReader.readWithoutValidation(json, "seed-" + seed + ".json");
            long s = seed;
            assertTrue(r.ok() && r.report().isEmpty(), () -> "seed " + s + ":\n" + r.report().toText() + json);
            assertEquals(t, r.topology().get(), () -> "seed " + s + " changed on the way through JSON:\n" + json);
            assertEquals(json, TopologyJsonWriter.write(r.topology().get()),
                    () -> "seed " + s + ": writing is not stable");
        }
    }

    @Test
    void validatingRandomMachinesNeverThrows() {
        // Random machines break nearly every rule at once; the reader must answer with findings, not an exception.
        int refused = 0;
        for (long seed = 1; seed <= MACHINES; seed++) {
            LoadResult r = TopologyJsonReader.read(TopologyJsonWriter.write(new RandomTopologies(seed).next()),
                    "random.json");
            if (!r.ok()) refused++;
            assertTrue(r.report().diagnostics().stream().allMatch(d -> d.file().isPresent() && !d.message().isBlank()));
        }
        assertTrue(refused > MACHINES / 2, "most random machines break a rule: " + refused);
    }

    @Test
    void theGeneratorReachesEveryKindOfValue() {
        // Guards the property above against a generator that quietly stops producing the hard cases.
        StringBuilder all = new StringBuilder();
        for (long seed = 1; seed <= MACHINES; seed++) all.append(TopologyJsonWriter.write(new RandomTopologies(seed)
                .next()));
        String text = all.toString();
        for (String needle : new String[] {"\"acs\": \"none\"", "\"acs\": {}", "\"disabled\"", "\"address\": \"0x8",
                "\"provenance\"", "\"dump:12:0\"", "\"bus\": ", "\"dmaRanges\"", "\"physicalFunction\"",
                        "\"p2pMemory\"",
                "\"unknown x", "\"iommuGroup\"", "\"subsystemName\"", "\"space\": \"io\"", "line\u2028separator",
                        "\"minAlignMask\"", "\"reports\"", "\"resizable\": [\"1MiB\"", "\"match\": \"bus-order\"",
                        "\"busId\"", "\"efr\": \"0x", "\"snp\": "}) {
            assertTrue(text.contains(needle), "no random machine contains " + needle);
        }
    }
}
