package org.dmascope.model.kernel.platform;

import static org.dmascope.model.kernel.fixtures.Fx.bdf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dmascope.model.kernel.acs.ConfigAcs;
import org.dmascope.model.kernel.acs.DisableAcsRedir;
import org.dmascope.model.kernel.fixtures.TCl;
import org.dmascope.model.kernel.profile.KernelProfile;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.PciHierarchy;
import org.dmascope.model.topology.Topology;
import org.junit.jupiter.api.Test;

/**
 * R-CMD-2 {@code pci_dev_str_match()} on the research notes' topology T-CL, vectors SPEC-1 … SPEC-13
 * (drivers/pci/pci.c,
 * the same in v5.4.273 … v7.1.3, read in v6.19.0) and the list walk of DAR-7 / SPEC-10.
 */
class PciDevStrMatchVectorsTest {
    private final Topology t = TCl.tcl();
    private final PciHierarchy h = t.hierarchy();

    private PciFunction f(String a) {
        return t.function(bdf(a)).orElseThrow();
    }

    private int match(String spec, String device) {
        return PciDeviceList.strMatch(f(device), h, spec, 0).ret();
    }

    @Test
    void spec1And2TheAddressFormWithAndWithoutDomain() {
        assertEquals(1, match("02:08.0", TCl.DSPA), "SPEC-1: domain 0 implied");
        assertEquals(0, match("0001:02:08.0", TCl.DSPA), "SPEC-2: another domain");
        assertEquals(1, match("0000:02:08.0", TCl.DSPA));
        assertEquals(0, match("02:08.0", TCl.DSPB));
    }

    @Test
    void spec3To5PathsAreReadFromTheRightStartingAtTheDevice() {
        assertEquals(1, match("00:01.0/00.0/08.0/00.0", TCl.EPA), "SPEC-3: EPa, DSPa 08.0, USP 00.0, RP1 00:01.0");
        assertEquals(0, match("00:01.0/00.0/10.0/00.0", TCl.EPA), "SPEC-4: DSPa is 08.0, not 10.0");
        Topology renumbered = TCl.renumbered(5);
        PciFunction dspa = renumbered.function(bdf("0000:06:08.0")).orElseThrow();
        assertEquals(1, PciDeviceList.strMatch(dspa, renumbered.hierarchy(), "00:01.0/00.0/08.0", 0).ret(),
                "SPEC-5: only the top element's bus number is compared");
        assertEquals(0, PciDeviceList.strMatch(dspa, renumbered.hierarchy(), "02:08.0", 0).ret());
    }

    @Test
    void spec6To9IdsWithZeroAsAWildcardInEveryField() {
        assertEquals(1, match("pci:10b5:8747", TCl.DSPA), "SPEC-6");
        assertEquals(1, match("pci:10b5:8747", TCl.DSPB));
        assertEquals(1, match("pci:10b5:8747", TCl.USP));
        assertEquals(0, match("pci:10b5:8747", TCl.RP1));
        for (String d : new String[] {TCl.HB, TCl.RP1, TCl.USP, TCl.DSPA, TCl.EPA, TCl.EPB}) {
            assertEquals(1, match("pci:0:0", d), "SPEC-7: pci:0:0 names " + d);
        }
        assertEquals(1, match("pci:0:8747", TCl.DSPA), "SPEC-8: a 0 vendor matches any vendor");
        assertEquals(1, match("pci:10de:0", TCl.EPB), "SPEC-8: a 0 device matches any device");
        assertEquals(0, match("pci:10de:0", TCl.EPA));
        assertEquals(1, match("pci:10b5:8747:0:0", TCl.DSPA), "SPEC-9: subsystem wildcards");
        assertEquals(0, match("pci:10b5:8747:1234:0", TCl.DSPA), "a subsystem the input does not show never matches");
        assertEquals(1, match("pci:110b5:8747", TCl.DSPA), "%hx keeps the low 16 bits: 0x110b5 is 0x10b5");
    }

    @Test
    void spec10ThreeIdFieldsMatchOnVendorDeviceThenEndTheWalk() {
        String list = "pci:10b5:8747:abcd;02:10.0";
        PciDeviceList.StrMatch m = PciDeviceList.strMatch(f(TCl.RP1), h, list, 0);
        assertEquals(0, m.ret());
        assertEquals(':', list.charAt(m.end()), "the parse stops before the third field");
        KernelProfile k = KernelProfile.MAINLINE;
        assertTrue(DisableAcsRedir.walk(f(TCl.DSPB), h, list, k).matched(), "DSPb matches entry 1 by vendor:device");
        ConfigAcs.Walk rp = DisableAcsRedir.walk(f(TCl.RP1), h, list, k);
        assertFalse(rp.matched(), "RP1: the ':' after entry 1 ends the walk");
        assertFalse(rp.parseError(), "silently: no \"Can't parse\"");
    }

    @Test
    void spec11SlotAndFunctionAreMaskedNotRefused() {
        assertEquals(1, match("00:20.0", TCl.HB), "SPEC-11: slot 0x20 & 0x1f = 0");
        assertEquals(1, match("00:01.8", TCl.RP1), "function 8 & 7 = 0: devfn 01.0 is RP1");
        assertEquals(0, match("00:01.8", TCl.HB));
    }

    @Test
    void spec12MalformedEntriesAreErrors() {
        assertEquals(PciDeviceList.EINVAL, match("02:08", TCl.DSPA), "SPEC-12: no function");
        assertEquals(PciDeviceList.EINVAL, match("pci:10b5", TCl.DSPA), "SPEC-12: one ID");
        assertEquals(PciDeviceList.EINVAL, match("02:08.0/", TCl.DSPA), "SPEC-12: trailing slash");
        assertEquals(PciDeviceList.EINVAL, match("03:00.0z", TCl.EPA), "a trailing non-hex character");
        assertEquals(PciDeviceList.EINVAL, match("", TCl.EPA), "an empty entry");
        assertEquals(PciDeviceList.EINVAL, PciDeviceList.strMatch(null, null, "02:08", 0).ret(),
                "the static check finds it too");
    }

    @Test
    void spec13HexPrefixesAreAccepted() {
        assertEquals(1, match("0x02:0x08.0", TCl.DSPA), "SPEC-13: %x takes 0x");
        assertEquals(0, match("03:00.0a", TCl.EPA), "03:00.0a reads function 0xa, masked to devfn 00.2: not EPa");
    }

    @Test
    void dar7AMalformedEntryStopsTheWalkForEveryDeviceNotMatchedBefore() {
        String list = "02:08.0;2:10;02:10.0";
        KernelProfile k = KernelProfile.MAINLINE;
        assertTrue(DisableAcsRedir.walk(f(TCl.DSPA), h, list, k).matched(), "DSPa matches before the bad entry");
        ConfigAcs.Walk dspb = DisableAcsRedir.walk(f(TCl.DSPB), h, list, k);
        assertFalse(dspb.matched(), "DSPb is listed after the bad entry: never applied");
        assertTrue(dspb.parseError(), "\"PCI: Can't parse ACS command line parameter\"");
        assertTrue(KernelCommandLine.parse("pci=disable_acs_redir=" + list).problems().stream()
                .anyMatch(p -> p.contains("entry 2") && p.contains("Can't parse")), "the line reports where");
        assertFalse(DisableAcsRedir.walk(f(TCl.DSPB), h, list, KernelProfile.V5_15).matched(),
                "v5.15 (pci_disable_acs_redir) walks the same way");
    }
}
