package org.dmascope.views.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.dmascope.model.io.SampleCatalog;
import org.dmascope.model.kernel.TopologyRules;
import org.dmascope.model.kernel.platform.CpuIdentity;
import org.dmascope.model.kernel.platform.DefaultDomainChoice;
import org.dmascope.model.kernel.platform.PlatformAssumptions;
import org.dmascope.model.kernel.platform.PlatformOverrides;
import org.dmascope.model.kernel.profile.KernelProfile;
import org.dmascope.model.topology.Platform.CpuVendor;
import org.dmascope.model.topology.Topology;
import org.dmascope.views.rules.RulesModel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The platform panel's rows and commands without a Stage; the editor applies changes at once, as the app does. */
class PlatformViewModelTest {
    private final Topology t = SampleCatalog.loadDefault();
    private final List<String> edits = new ArrayList<>();
    private RulesModel rules;
    private PlatformViewModel model;

    @BeforeEach
    void setUp() {
        rules = new RulesModel();
        rules.publish(TopologyRules.of(t), PlatformOverrides.NONE);
        model = new PlatformViewModel(rules, (next, what) -> {
            edits.add(what);
            rules.publish(TopologyRules.of(t, PlatformAssumptions.resolve(t, next)), next);
        });
    }

    private PlatformViewModel.Row row(String name) {
        return model.row(name).orElseThrow();
    }

    @Test
    void everyAssumptionIsListedWithItsValueAndSource() {
        PlatformAssumptions a = rules.getRules().assumptions();
        assertEquals(a.all().size(), model.rowsProperty().size());
        assertEquals(a.all().stream().map(x -> x.name()).toList(), model.rowsProperty().stream()
                .map(PlatformViewModel.Row::name).toList());
        assertEquals("default", row(PlatformViewModel.KERNEL).source());
        assertEquals("7.4", row(PlatformViewModel.KERNEL).value(), "mainline is the newest profile");
        assertEquals("topology file", row(PlatformViewModel.IOMMU).source());
        assertEquals("vtd", row(PlatformViewModel.IOMMU).value());
        assertEquals("lazy", row(PlatformViewModel.IOMMU_MODE).value());
        assertTrue(row(PlatformViewModel.CMDLINE).value().contains("pci=disable_acs_redir="));
        assertFalse(row(PlatformViewModel.ARCHITECTURE).editable());
        assertTrue(model.summaryProperty().get().startsWith("With these assumptions: 9 IOMMU groups"),
                model.summaryProperty().get());
    }

    @Test
    void aChoiceBecomesAnOverrideNamedForUndo() {
        assertEquals(Optional.empty(), model.set(PlatformViewModel.IOMMU_MODE, "identity"));
        assertEquals(Optional.of(DefaultDomainChoice.IDENTITY), rules.getOverrides().iommuMode());
        assertEquals(List.of("IOMMU mode (default domain): lazy → identity"), edits);
        PlatformViewModel.Row r = row(PlatformViewModel.IOMMU_MODE);
        assertEquals("your choice", r.source());
        assertTrue(r.chosen());
        assertTrue(model.summaryProperty().get().contains("identity"), model.summaryProperty().get());
    }

    @Test
    void choosingTheValueInForceChangesNothing() {
        assertEquals(Optional.empty(), model.set(PlatformViewModel.IOMMU, "vtd"));
        assertTrue(edits.isEmpty());
        assertEquals(PlatformOverrides.NONE, rules.getOverrides());
    }

    @Test
    void typedValuesAreParsedAndBadOnesRefusedWithAReason() {
        assertEquals(Optional.empty(), model.set(PlatformViewModel.CPU, "amd:0x19"));
        assertEquals(Optional.of(CpuIdentity.of(CpuVendor.AMD, 0x19)), rules.getOverrides().cpu());
        Optional<String> refused = model.set(PlatformViewModel.CPU, "pentium");
        assertTrue(refused.orElseThrow().contains("unknown CPU vendor"), refused.get());
        assertTrue(model.set(PlatformViewModel.KERNEL, "4.19").orElseThrow().contains("mainline, 7.4, 7.1, 7.0, 6.19, "
                + "6.18, 6.17, 6.16, 6.12, 6.6, 6.1, 5.15, 5.10, 5.9, 5.4"));
        assertTrue(model.set(PlatformViewModel.ARCHITECTURE, "arm64").isPresent(), "read-only rows refuse");
        assertEquals(1, edits.size());
        assertEquals(Optional.empty(), model.set(PlatformViewModel.KERNEL, "5.4"));
        assertEquals(Optional.of(KernelProfile.V5_4), rules.getOverrides().profile());
    }

    @Test
    void theCommandLineIsReadAsTheKernelReadsIt() {
        model.set(PlatformViewModel.CMDLINE, "iommu=pt iommu.strict=maybe");
        assertEquals("your choice", row(PlatformViewModel.CMDLINE).source());
        assertTrue(row(PlatformViewModel.CMDLINE).detail().contains("iommu.strict=maybe is not a boolean"));
        // Your command line replaces the file's and outranks what the file stores (DMA-FQ here): iommu=pt wins.
        assertEquals("identity", row(PlatformViewModel.IOMMU_MODE).value());
        assertEquals("kernel command line", row(PlatformViewModel.IOMMU_MODE).source());
        assertTrue(row(PlatformViewModel.CMDLINE).detail().contains("it replaces the file's"),
                row(PlatformViewModel.CMDLINE).detail());
        model.set(PlatformViewModel.CMDLINE, "quiet");
        assertEquals("lazy", row(PlatformViewModel.IOMMU_MODE).value(), "a line that says nothing keeps the file's");
        assertEquals("topology file", row(PlatformViewModel.IOMMU_MODE).source());
        assertTrue(row(PlatformViewModel.CMDLINE).detail().contains("that do not touch DMA, not modelled (quiet)"),
                row(PlatformViewModel.CMDLINE).detail());
    }

    @Test
    void theCBitIsAChoiceAndTheCommandLineFactsAreShown() {
        assertEquals("47", row(PlatformViewModel.C_BIT).value());
        assertEquals("default", row(PlatformViewModel.C_BIT).source());
        assertEquals(Optional.empty(), model.set(PlatformViewModel.C_BIT, "51"));
        assertEquals(Optional.of(51), rules.getOverrides().cBit());
        assertTrue(model.set(PlatformViewModel.C_BIT, "7").orElseThrow().contains("C-bit"));
        model.set(PlatformViewModel.CMDLINE, "intel_iommu=on,sm_on iommu.forcedac=1 swiotlb=65536,force");
        assertEquals("vtd-first-stage", row(PlatformViewModel.PAGE_TABLE).value());
        assertEquals("yes", row(PlatformViewModel.FORCEDAC).value());
        assertEquals("65536 slabs, force", row(PlatformViewModel.SWIOTLB).value());
        assertEquals("kernel command line", row(PlatformViewModel.SWIOTLB).source());
    }

    @Test
    void theAmdIommuFeaturesArePickedOrTypedAsDmesgPrintsThem() {
        PlatformViewModel.Row efr = row(PlatformViewModel.AMD_EFR);
        assertEquals("gt,ppr,giosup,ephsup", efr.value());
        assertEquals("default", efr.source());
        assertTrue(efr.shown().endsWith("(assumed)") && efr.freeText() && efr.editable(), efr.toString());
        model.set(PlatformViewModel.IOMMU, "amd-vi");
        assertEquals(Optional.empty(), model.set(PlatformViewModel.AMD_EFR, "none"));
        assertEquals("none", row(PlatformViewModel.AMD_EFR).value());
        assertEquals("your choice", row(PlatformViewModel.AMD_EFR).source());
        assertEquals(Optional.empty(), model.set(PlatformViewModel.AMD_EFR, "0x400f77ef22294ada"));
        assertEquals("0x400f77ef22294ada", row(PlatformViewModel.AMD_EFR).value(), "a register value stays hex");
        assertEquals("0x400f77ef22294ada (GT PPR GIOSup EPHSup)", row(PlatformViewModel.AMD_EFR).shown());
        assertTrue(model.set(PlatformViewModel.AMD_EFR, "iommuv2").orElseThrow().contains("not an AMD IOMMU EFR"));
        assertEquals(Optional.empty(), model.set(PlatformViewModel.AMD_SNP, "yes"));
        assertEquals(Optional.of(true), rules.getOverrides().amdSnp());
        assertEquals(List.of("IOMMU driver: vtd → amd-vi", "AMD IOMMU features (EFR): GT PPR GIOSup EPHSup (assumed) "
                + "→ none", "AMD IOMMU features (EFR): none of GT, PPR, GIOSup, EPHSup → 0x400f77ef22294ada",
                "SEV-SNP enabled (AMD IOMMU): no (assumed) → yes"), edits);
    }

    @Test
    void resetDropsOneChoiceAndResetAllEvery() {
        model.set(PlatformViewModel.IOMMU_MODE, "dma");
        model.set(PlatformViewModel.ACS_REQUESTED, "no");
        model.reset(PlatformViewModel.IOMMU_MODE);
        assertEquals(Optional.empty(), rules.getOverrides().iommuMode());
        assertEquals(Optional.of(false), rules.getOverrides().acsRequested());
        assertEquals("topology file", row(PlatformViewModel.IOMMU_MODE).source());
        model.resetAll();
        assertEquals(PlatformOverrides.NONE, rules.getOverrides());
        assertEquals(4, edits.size());
        model.resetAll();
        assertEquals(4, edits.size(), "nothing to reset is no edit");
    }
}
