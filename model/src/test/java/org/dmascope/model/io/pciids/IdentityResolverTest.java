package org.dmascope.model.io.pciids;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import org.dmascope.model.io.pciids.IdentityResolver.Outcome;
import org.dmascope.model.io.pciids.IdentityResolver.Resolution;
import org.dmascope.model.topology.PciId;
import org.dmascope.model.topology.PciIdentity;
import org.junit.jupiter.api.Test;

/** Names to IDs and IDs to names with the shipped pci.ids, on names as real lspci output prints them. */
class IdentityResolverTest {
    private final PciIdDatabase db = PciIdSource.shipped().database();
    private final IdentityResolver resolver = new IdentityResolver(db);

    /** What the human lspci formats give without -nn: vendor and device as one name. */
    private static PciIdentity named(String vendorAndDevice) {
        return new PciIdentity(OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty(),
                OptionalInt.empty(), OptionalInt.empty(), Optional.empty(), Optional.of(vendorAndDevice),
                Optional.empty(), Optional.empty());
    }

    private static PciIdentity ids(int vendor, int device, Optional<String> combinedName) {
        return new PciIdentity(OptionalInt.of(vendor), OptionalInt.of(device), OptionalInt.empty(), OptionalInt.empty(),
                OptionalInt.empty(), OptionalInt.empty(), Optional.empty(), combinedName, Optional.empty(),
                Optional.empty());
    }

    @Test
    void aNameWithoutIdsGetsBothIdsAndIsSplit() {
        Resolution r = resolver.resolve(named("NVIDIA Corporation GP102 [TITAN X]"));
        assertEquals(Outcome.RESOLVED, r.outcome());
        assertEquals(OptionalInt.of(0x10de), r.identity().vendorId());
        assertEquals(OptionalInt.of(0x1b00), r.identity().deviceId());
        assertEquals(Optional.of("NVIDIA Corporation"), r.identity().vendorName());
        assertEquals(Optional.of("GP102 [TITAN X]"), r.identity().deviceName());
        assertEquals(Map.of(IdentityResolver.VENDOR_ID, db.vendor(0x10de).orElseThrow().line(),
                IdentityResolver.DEVICE_ID, db.device(0x10de, 0x1b00).orElseThrow().line()), r.fromPciIds());
        assertEquals(List.of(), r.identity().idCandidates());
    }

    @Test
    void theBracketedVendorNamesTellAmdsTwoVendorsApart() {
        PciIdentity gpu = resolver.resolve(named("Advanced Micro Devices, Inc. [AMD/ATI] Navi 10 [Radeon Pro W5700]"))
                .identity();
        assertEquals(PciId.of(0x1002, 0x7312), PciId.of(gpu.vendorId().getAsInt(), gpu.deviceId().getAsInt()));
        PciIdentity iommu = resolver.resolve(named("Advanced Micro Devices, Inc. [AMD] Starship/Matisse IOMMU"))
                .identity();
        assertEquals(OptionalInt.of(0x1022), iommu.vendorId());
        assertEquals(OptionalInt.of(0x1481), iommu.deviceId());
    }

    @Test
    void anAmbiguousNameKeepsEveryCandidateAndGuessesNone() {
        Resolution r = resolver.resolve(named("Intel Corporation Sky Lake-E CHA Registers"));
        assertEquals(Outcome.AMBIGUOUS, r.outcome());
        assertEquals(OptionalInt.of(0x8086), r.identity().vendorId(), "the vendor is certain");
        assertEquals(OptionalInt.empty(), r.identity().deviceId());
        assertEquals(List.of(PciId.of(0x8086, 0x2054), PciId.of(0x8086, 0x2055), PciId.of(0x8086, 0x2056),
                PciId.of(0x8086, 0x2057), PciId.of(0x8086, 0x208d), PciId.of(0x8086, 0x208e)),
                r.identity().idCandidates());
        assertFalse(r.fromPciIds().containsKey(IdentityResolver.DEVICE_ID));
    }

    @Test
    void anUnknownDevicesPlaceholderGivesItsIdAndTheVendorIsFound() {
        // lspci without -nn prints "Device 7316" for a device its pci.ids does not know; -nn leaves "Device".
        PciIdentity placeholder = new PciIdentity(OptionalInt.empty(), OptionalInt.of(0x1111), OptionalInt.empty(),
                OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty(), Optional.empty(),
                Optional.of("Amazon.com, Inc. Device 1111"), Optional.empty(), Optional.empty());
        Resolution r = resolver.resolve(placeholder);
        assertEquals(Outcome.RESOLVED, r.outcome());
        assertEquals(OptionalInt.of(0x1d0f), r.identity().vendorId());
        assertEquals(Optional.of("Amazon.com, Inc."), r.identity().vendorName());
        assertEquals(Optional.empty(), r.identity().deviceName(), "\"Device 1111\" is no name; pci.ids has none");
        PciIdentity nn = resolver.resolve(ids(0x8086, 0x2021, Optional.of("Intel Corporation Device"))).identity();
        assertEquals(Optional.of("Sky Lake-E CBDMA Registers"), nn.deviceName(), "a newer pci.ids names it");
    }

    @Test
    void namesPciIdsDoesNotKnowStayUnresolved() {
        Resolution device = resolver.resolve(named("Intel Corporation Frobnicator 9000"));
        assertEquals(Outcome.DEVICE_NOT_FOUND, device.outcome());
        assertEquals(OptionalInt.of(0x8086), device.identity().vendorId());
        assertEquals(OptionalInt.empty(), device.identity().deviceId());
        assertEquals(Optional.of("Frobnicator 9000"), device.identity().deviceName());
        Resolution vendor = resolver.resolve(named("Nobody Heard Of Us Ltd Widget"));
        assertEquals(Outcome.VENDOR_NOT_FOUND, vendor.outcome());
        assertEquals(named("Nobody Heard Of Us Ltd Widget"), vendor.identity(), "nothing changed");
    }

    @Test
    void idsTheExportGivesAreNeverReplaced() {
        // A dump says 8086:2055 for a name pci.ids also gives 2054: the dump wins, and nothing is ambiguous.
        Resolution r = resolver.resolve(ids(0x8086, 0x2055, Optional.of("Intel Corporation Sky Lake-E CHA Registers")));
        assertEquals(OptionalInt.of(0x2055), r.identity().deviceId());
        assertEquals(List.of(), r.identity().idCandidates());
        assertEquals(Optional.of("Intel Corporation"), r.identity().vendorName(), "only split");
        assertEquals(Map.of(), r.fromPciIds());
    }

    @Test
    void aRenamedVendorStillSplitsByTheDevicesName() {
        // Older pci.ids called 14e4 "Broadcom Limited"; the legal form is not part of the key.
        PciIdentity id = resolver.resolve(ids(0x14e4, 0x1682, Optional.of(
                "Broadcom Limited NetXtreme BCM57762 Gigabit Ethernet PCIe"))).identity();
        assertEquals(Optional.of("Broadcom Limited"), id.vendorName());
        assertEquals(Optional.of("NetXtreme BCM57762 Gigabit Ethernet PCIe"), id.deviceName());
    }

    @Test
    void separateNamesAsLspciVmmPrintsThem() {
        PciIdentity vmm = new PciIdentity(OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty(),
                OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty(),
                Optional.of("Samsung Electronics Co Ltd"),
                Optional.of("NVMe SSD Controller SM981/PM981/PM983"), Optional.empty(), Optional.empty());
        PciIdentity id = resolver.resolve(vmm).identity();
        assertEquals(OptionalInt.of(0x144d), id.vendorId());
        assertEquals(OptionalInt.of(0xa808), id.deviceId());
    }

    @Test
    void idsWithoutNamesGetEveryNameLspciWouldPrint() {
        PciIdentity bare = new PciIdentity(OptionalInt.of(0x144d), OptionalInt.of(0xa808), OptionalInt.of(0x144d),
                OptionalInt.of(0xa801), OptionalInt.of(0x010802), OptionalInt.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
        Resolution r = resolver.resolve(bare);
        assertEquals(Outcome.NOTHING_TO_RESOLVE, r.outcome());
        assertEquals(Optional.of("Samsung Electronics Co Ltd"), r.identity().vendorName());
        assertEquals(Optional.of("NVMe SSD Controller SM981/PM981/PM983"), r.identity().deviceName());
        assertEquals(Optional.of("Samsung Electronics Co Ltd SSD 970 EVO"), r.identity().subsystemName());
        assertEquals(Optional.of("Non-Volatile memory controller"), r.identity().className());
        assertEquals(List.of(IdentityResolver.CLASS_NAME, IdentityResolver.DEVICE_NAME,
                IdentityResolver.SUBSYSTEM_NAME, IdentityResolver.VENDOR_NAME), r.fromPciIds().keySet().stream()
                .sorted().toList());
        assertTrue(IdentityResolver.wants(bare));
        assertFalse(IdentityResolver.wants(r.identity()), "complete: nothing more to do");
    }
}
