package org.dmascope.model.kernel.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.dmascope.model.kernel.fixtures.Fx;
import org.dmascope.model.kernel.fixtures.Samples;
import org.dmascope.model.kernel.fixtures.TCl;
import org.dmascope.model.topology.Platform;
import org.dmascope.model.topology.Platform.CpuVendor;
import org.dmascope.model.topology.Platform.DomainType;
import org.dmascope.model.topology.Platform.IommuDriver;
import org.dmascope.model.topology.Platform.MemoryEncryption;
import org.dmascope.model.topology.Platform.PageTableFormat;
import org.dmascope.model.topology.Topology;
import org.junit.jupiter.api.Test;

/**
 * Where each fact comes from when a command line is involved (PlatformAssumptions): what the user set, then the
 * user's line (which replaces the file's), then the file's stored facts, then the file's line, then inference, then
 * the default.
 */
class CommandLinePrecedenceTest {
    private final Topology server = Samples.switchP2pServer();

    private static PlatformAssumptions line(Topology t, String line) {
        return PlatformAssumptions.resolve(t, PlatformOverrides.NONE.withCommandLine(line));
    }

    private static Topology stored(Topology t, Optional<DomainType> domain, Optional<PageTableFormat> fmt,
            Optional<MemoryEncryption> enc, OptionalLong pool, String line) {
        Platform p = t.platform();
        Platform.Iommu io = new Platform.Iommu(p.iommu().driver(), domain, Optional.empty(), OptionalInt.empty(), fmt,
                OptionalLong.empty());
        return t.withPlatform(new Platform(p.architecture(), p.cpu(), io, new Platform.Swiotlb(OptionalLong.empty(),
                pool, Optional.empty()), enc, Optional.ofNullable(line)));
    }

    @Test
    void yourCommandLineBeatsTheStoredDefaultDomain() {
        assertEquals(DefaultDomainChoice.LAZY, PlatformAssumptions.of(server).iommuMode(), "DMA-FQ stored");
        PlatformAssumptions pt = line(server, "iommu=pt");
        assertEquals(DefaultDomainChoice.IDENTITY, pt.iommuMode());
        assertEquals(AssumptionSource.KERNEL_COMMAND_LINE, pt.iommuModeAssumption().source());
        assertTrue(pt.iommuModeAssumption().detail().contains("your command line"));
        PlatformAssumptions silent = line(server, "quiet");
        assertEquals(DefaultDomainChoice.LAZY, silent.iommuMode(), "a line that says nothing keeps the stored fact");
        assertEquals(AssumptionSource.TOPOLOGY, silent.iommuModeAssumption().source());
    }

    @Test
    void whatYouSetBeatsYourCommandLine() {
        PlatformAssumptions a = PlatformAssumptions.resolve(server, PlatformOverrides.NONE.withCommandLine("iommu=pt")
                .withIommuMode(DefaultDomainChoice.DMA).withIommu(IommuDriver.AMD_VI));
        assertEquals(DefaultDomainChoice.DMA, a.iommuMode());
        assertEquals(AssumptionSource.OPTION, a.iommuModeAssumption().source());
        PlatformAssumptions off = PlatformAssumptions.resolve(server, PlatformOverrides.NONE
                .withCommandLine("iommu=off").withIommu(IommuDriver.INTEL_VTD));
        assertEquals(IommuDriver.INTEL_VTD, off.iommu(), "--iommu outranks the line's iommu=off");
    }

    @Test
    void aStoredFactTheFilesOwnLineDecidedGivesWayWhenYourLineDropsIt() {
        Topology identity = stored(server, Optional.of(DomainType.IDENTITY), Optional.empty(), Optional.empty(),
                OptionalLong.empty(), "ro iommu=pt");
        assertEquals(DefaultDomainChoice.IDENTITY, PlatformAssumptions.of(identity).iommuMode());
        PlatformAssumptions dropped = line(identity, "ro");
        assertEquals(DefaultDomainChoice.LAZY, dropped.iommuMode(), "without iommu=pt: the Kconfig default");
        assertEquals(AssumptionSource.DEFAULT, dropped.iommuModeAssumption().source());
        assertTrue(dropped.iommuModeAssumption().detail().contains("iommu=pt"));
        Topology byKconfig = stored(server, Optional.of(DomainType.IDENTITY), Optional.empty(), Optional.empty(),
                OptionalLong.empty(), "ro");
        assertEquals(DefaultDomainChoice.IDENTITY, line(byKconfig, "quiet").iommuMode(),
                "a stored domain the file's line does not explain stands");
    }

    @Test
    void theFilesLineDecidesWhereTheFileStoresNoResult() {
        Topology bare = stored(server, Optional.empty(), Optional.empty(), Optional.empty(), OptionalLong.empty(),
                "iommu=pt");
        PlatformAssumptions a = PlatformAssumptions.of(bare);
        assertEquals(DefaultDomainChoice.IDENTITY, a.iommuMode());
        assertTrue(a.iommuModeAssumption().detail().contains("the file's command line"));
    }

    @Test
    void anIommuTheFilesLineTurnedOffComesBackWithoutIt() {
        Topology off = TCl.noIommu().withPlatform(Fx.cmdline(TCl.noIommuPlatform(), "intel_iommu=off"));
        PlatformAssumptions asBooted = PlatformAssumptions.of(off);
        assertEquals(IommuDriver.NONE, asBooted.iommu());
        PlatformAssumptions on = line(off, "quiet");
        assertEquals(IommuDriver.INTEL_VTD, on.iommu(), "your line does not repeat intel_iommu=off");
        assertTrue(on.acsRequested());
        Topology absent = TCl.noIommu().withPlatform(Fx.cmdline(TCl.noIommuPlatform(), "quiet"));
        assertEquals(IommuDriver.NONE, line(absent, "intel_iommu=on").iommu(),
                "intel_iommu=on cannot start an IOMMU the file says is absent");
    }

    @Test
    void smeFromTheLinesAndTheFile() {
        Topology amd = stored(TCl.tcl().withPlatform(Fx.cpu(Fx.intelVtd(), CpuVendor.AMD, 0x19)), Optional.empty(),
                Optional.empty(), Optional.of(MemoryEncryption.SME_HOST), OptionalLong.empty(), "mem_encrypt=on");
        assertEquals(MemoryEncryption.SME_HOST, PlatformAssumptions.of(amd).memoryEncryption());
        PlatformAssumptions dropped = line(amd, "quiet");
        assertEquals(MemoryEncryption.NONE, dropped.memoryEncryption(), "the file's SME came from its own line");
        PlatformAssumptions set = PlatformAssumptions.resolve(amd, PlatformOverrides.NONE.withCommandLine("quiet")
                .withMemoryEncryption(MemoryEncryption.SME_HOST));
        assertEquals(MemoryEncryption.SME_HOST, set.memoryEncryption());
        Topology lineOnly = stored(TCl.tcl().withPlatform(Fx.cpu(Fx.intelVtd(), CpuVendor.AMD, 0x19)),
                Optional.empty(), Optional.empty(), Optional.empty(), OptionalLong.empty(), "mem_encrypt=on");
        assertEquals(MemoryEncryption.SME_HOST, PlatformAssumptions.of(lineOnly).memoryEncryption());
        assertEquals(AssumptionSource.KERNEL_COMMAND_LINE, PlatformAssumptions.of(lineOnly)
                .memoryEncryptionAssumption().source());
    }

    @Test
    void theReportedPoolSizeGivesWayToSwiotlbN() {
        Topology pool = stored(server, Optional.empty(), Optional.empty(), Optional.empty(),
                OptionalLong.of(64L << 20), "quiet");
        assertEquals(OptionalLong.of(64L << 20), PlatformAssumptions.of(pool).swiotlbReportedBytes());
        assertEquals(OptionalLong.empty(), line(pool, "swiotlb=65536").swiotlbReportedBytes());
        Topology sized = stored(server, Optional.empty(), Optional.empty(), Optional.empty(),
                OptionalLong.of(128L << 20), "swiotlb=65536");
        assertEquals(OptionalLong.empty(), line(sized, "quiet").swiotlbReportedBytes(),
                "the file's size came from its swiotlb=65536");
        assertFalse(line(pool, "quiet").swiotlb().forced());
    }

    @Test
    void thePageTableFormatFromTheLinesAndTheFile() {
        Topology first = stored(server, Optional.empty(), Optional.of(PageTableFormat.VTD_FIRST_STAGE),
                Optional.empty(), OptionalLong.empty(), "intel_iommu=sm_on");
        assertEquals(PageTableFormat.VTD_FIRST_STAGE, PlatformAssumptions.of(first).pageTable());
        assertEquals(PageTableFormat.VTD_SECOND_STAGE, line(first, "quiet").pageTable(),
                "the file's first-stage tables came from its sm_on");
        assertEquals(PageTableFormat.VTD_SECOND_STAGE, line(first, "intel_iommu=sm_off").pageTable());
    }
}
