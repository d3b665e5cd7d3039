package org.dmascope.model.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class PciIdTest {
    @Test
    void readsVendorAndDeviceOrVendorAlone() {
        assertEquals(Optional.of(PciId.of(0x8086, 0x6f02)), PciId.parse("8086:6f02"));
        assertEquals(Optional.of(PciId.of(0x10DE, 0x1EB8)), PciId.parse(" 10DE:1eB8 "));
        assertEquals(Optional.of(PciId.vendor(0x1022)), PciId.parse("1022"));
    }

    @Test
    void refusesAnythingButFourHexDigitsEach() {
        for (String bad : new String[] {"", "808", "80861", "8086:", "8086:6f0", "8086-6f02", "8086:6f02x", "g086",
            "8086:6f0g", "٨٠٨٦", "0x86", "+086", "8086 :6f02"}) {
            assertEquals(Optional.empty(), PciId.parse(bad), bad);
        }
        assertEquals(Optional.empty(), PciId.parse(null));
    }

    @Test
    void printsWhatItReads() {
        assertEquals("8086:6f02", PciId.parse("8086:6F02").orElseThrow().toString());
        assertEquals("1022", PciId.parse("1022").orElseThrow().toString());
    }
}
