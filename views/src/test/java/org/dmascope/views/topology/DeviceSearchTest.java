package org.dmascope.views.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.dmascope.model.io.SampleCatalog;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.Topology;
import org.junit.jupiter.api.Test;

class DeviceSearchTest {
    private static final Topology T = SampleCatalog.loadDefault();

    private static List<TopologyItem> items(String q) {
        return DeviceSearch.find(T, q).stream().map(DeviceSearch.Match::item).toList();
    }

    private static TopologyItem dev(String a) {
        return TopologyItem.device(Bdf.parse(a));
    }

    @Test
    void anAddressWithOrWithoutDomainFindsExactlyThatFunctionFirst() {
        assertEquals(dev("03:00.0"), items("0000:03:00.0").get(0));
        assertEquals(dev("03:00.0"), items("03:00.0").get(0));
        assertEquals(DeviceSearch.Match.EXACT_ADDRESS, DeviceSearch.find(T, "03:00.0").get(0).rank());
    }

    @Test
    void aPartialAddressFindsEveryFunctionContainingIt() {
        assertEquals(List.of(dev("03:00.0")), items("3:00"));
        assertEquals(List.of(dev("02:00.0"), dev("02:01.0"), dev("02:02.0"), dev("02:03.0")), items("02:0"));
    }

    @Test
    void aNameSubstringFindsDevicesCaseInsensitively() {
        assertEquals(List.of(dev("03:00.0"), dev("04:00.0")), items("tesla"));
        assertEquals(List.of(dev("06:00.0")), items("ConnectX"));
        assertEquals(List.of(dev("05:00.0"), dev("07:00.0")), items("nvme storage"), "every word must occur");
        assertEquals(List.of(dev("06:00.0")), items("mlx5"), "drivers count as names");
    }

    @Test
    void hostBridgesAreFoundByTheirId() {
        assertTrue(items("pci0000").contains(TopologyItem.host("pci0000:00")));
    }

    @Test
    void blankOrUnknownQueriesFindNothing() {
        assertTrue(items("   ").isEmpty());
        assertTrue(items("no such device").isEmpty());
        assertTrue(DeviceSearch.find(null, "t4").isEmpty());
    }
}
