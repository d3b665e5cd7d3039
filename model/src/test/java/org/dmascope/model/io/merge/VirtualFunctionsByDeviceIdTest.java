package org.dmascope.model.io.merge;

import static org.dmascope.model.io.imports.ImportTesting.corpus;
import static org.dmascope.model.io.imports.ImportTesting.fn;
import static org.dmascope.model.io.imports.ImportTesting.loaded;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.dmascope.model.io.imports.ImportResult;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.PortType;
import org.dmascope.model.topology.Topology;
import org.junit.jupiter.api.Test;

/**
 * The Ice Lake exports: a tree names eight VFs without IDs and the one PF block the verbose dump shows announces their
 * device ID (101e) but routes its own VFs elsewhere; the unnamed bridge above them is a root port.
 */
class VirtualFunctionsByDeviceIdTest {

    @Test
    void functionsWithTheAnnouncedVfDeviceIdAreVfsOfThePfWhoseBlockIsMissing() {
        ImportResult r = corpus("intel-icelake-sp-cx7-sriov.tree.txt", "intel-icelake-sp-cx7-sriov.verbose.txt");
        Topology t = loaded(r);
        for (String vf : new String[] {"b1:00.2", "b1:00.7", "b1:01.0", "b1:01.1"}) {
            assertEquals(Optional.of(Bdf.parse("0000:b1:00.0")), fn(t, vf).physicalFunction(), vf);
        }
        assertFalse(fn(t, "b1:00.0").isVirtualFunction());
        assertFalse(fn(t, "b1:00.1").isVirtualFunction());
        assertTrue(r.report().diagnostics().stream().anyMatch(d -> d.message().startsWith("0000:b1:01.0: taken to "
                + "be an SR-IOV VF of 0000:b1:00.0: its device ID 101e is the VF Device ID 0000:b1:00.1 announces")),
                r.report().toText());
        assertTrue(r.report().diagnostics().stream().noneMatch(d -> d.message().contains("shows no SR-IOV")),
                "the PF's capabilities are not in the input: no warning that it lacks SR-IOV");
    }

    @Test
    void theTreesUnnamedBridgeAboveAPcieEndpointIsARootPort() {
        ImportResult r = corpus("intel-icelake-sp-cx7-sriov.tree.txt", "intel-icelake-sp-cx7-sriov.verbose.txt");
        assertEquals(Optional.of(PortType.ROOT_PORT), fn(loaded(r), "b0:04.0").portType());
        assertTrue(r.report().diagnostics().stream().anyMatch(d -> d.message().startsWith("0000:b0:04.0: the input "
                + "does not show its PCIe capability; it is taken to be a Root Port")), r.report().toText());
        assertEquals(Optional.empty(), fn(loaded(corpus("intel-icelake-sp-cx7-sriov.tree.txt")), "b0:04.0")
                .portType(), "the tree alone says nothing about PCIe below it");
    }
}
