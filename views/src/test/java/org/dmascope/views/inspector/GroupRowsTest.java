package org.dmascope.views.inspector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.dmascope.model.io.SampleCatalog;
import org.dmascope.model.kernel.TopologyRules;
import org.dmascope.model.kernel.doctor.Diagnosis;
import org.dmascope.model.kernel.doctor.Doctor;
import org.dmascope.model.kernel.groups.IommuGroupBuilder;
import org.dmascope.model.kernel.platform.DefaultDomainChoice;
import org.dmascope.model.kernel.platform.PlatformAssumptions;
import org.dmascope.model.kernel.platform.PlatformOverrides;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.Platform.IommuDriver;
import org.dmascope.model.topology.Topology;
import org.dmascope.views.rules.RulesModel;
import org.dmascope.views.topology.TopologyItem;
import org.dmascope.views.topology.TopologyViewModel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The inspector's IOMMU group rows for the selected device, without a Stage. */
class GroupRowsTest {
    private static final Bdf GPU = Bdf.parse("0000:03:00.0");
    private final Topology t = SampleCatalog.loadDefault();
    private TopologyViewModel topology;
    private RulesModel rules;
    private InspectorViewModel inspector;

    @BeforeEach
    void setUp() {
        topology = new TopologyViewModel();
        topology.show(t, "switch-p2p-server.json");
        rules = new RulesModel();
        inspector = new InspectorViewModel(topology, rules);
        topology.select(TopologyItem.device(GPU));
    }

    private String value(String name) {
        return inspector.value(GroupRows.CATEGORY, name).orElseThrow(() -> new AssertionError("no row " + name));
    }

    @Test
    void noGroupRowsUntilTheRulesForThisTopologyArrive() {
        assertTrue(inspector.value(GroupRows.CATEGORY, GroupRows.GROUP).isEmpty());
        rules.publish(TopologyRules.of(SampleCatalog.load().samples().get(1).topology()), PlatformOverrides.NONE);
        assertTrue(inspector.value(GroupRows.CATEGORY, GroupRows.GROUP).isEmpty(),
                "rules of another machine are not shown");
    }

    @Test
    void theSelectedDeviceShowsItsGroupReasonMembersAndDomain() {
        TopologyRules r = TopologyRules.of(t);
        rules.publish(r, PlatformOverrides.NONE);
        int id = r.groupOf(GPU).orElseThrow().group().id();
        assertEquals("G" + id + " (derived with the Linux 7.4 (mainline) rules)", value(GroupRows.GROUP));
        assertEquals(r.groupOf(GPU).orElseThrow().member().reason(), value(GroupRows.WHY));
        assertTrue(value(GroupRows.WHY).contains("downstream port 0000:02:00.0"), value(GroupRows.WHY));
        assertTrue(value(GroupRows.MEMBERS).startsWith("0000:02:00.0 "), value(GroupRows.MEMBERS));
        assertTrue(value(GroupRows.DOMAIN).startsWith("DMA-FQ: "), value(GroupRows.DOMAIN));
        List<String> categories = inspector.rowsProperty().stream().map(InspectorRow::category).distinct().toList();
        assertEquals(List.of(InspectorRows.IDENTITY, GroupRows.CATEGORY), categories.subList(0, 2),
                "seen without scrolling");
    }

    @Test
    void theRowsFollowAPlatformChange() {
        PlatformOverrides identity = PlatformOverrides.NONE.withIommuMode(DefaultDomainChoice.IDENTITY);
        rules.publish(TopologyRules.of(t, PlatformAssumptions.resolve(t, identity)), identity);
        assertTrue(value(GroupRows.DOMAIN).startsWith("identity: "), value(GroupRows.DOMAIN));
        PlatformOverrides none = PlatformOverrides.NONE.withIommu(IommuDriver.NONE);
        rules.publish(TopologyRules.of(t, PlatformAssumptions.resolve(t, none)), none);
        assertTrue(value(GroupRows.GROUP).startsWith("none: no IOMMU (iommu = none, your choice)"),
                value(GroupRows.GROUP));
    }

    @Test
    void aSharedGroupShowsTheDoctorAsTheModelComputesIt() {
        TopologyRules r = TopologyRules.of(t);
        rules.publish(r, PlatformOverrides.NONE);
        assertTrue(r.groupOf(GPU).orElseThrow().group().members().size() > 1);
        List<InspectorRow> doctor = inspector.rowsProperty().stream()
                .filter(row -> row.name().equals(DoctorRows.ASSUMING) || row.name().equals(DoctorRows.CHANGE)
                        || row.name().equals(DoctorRows.NOTHING)).toList();
        assertEquals(DoctorRows.of(r, t.function(GPU).orElseThrow()), doctor);
        Diagnosis d = new Doctor(r).groupOf(GPU).orElseThrow();
        assertEquals(d.isEmpty() ? 1 : d.premises().size() + d.advice().size() + d.notes().size(), doctor.size());
        assertTrue(doctor.stream().allMatch(row -> row.category().equals(GroupRows.CATEGORY)));
    }

    @Test
    void theDoctorRowsComeFromTheBackgroundAndALateAnswerIsDropped() {
        List<Runnable> queued = new ArrayList<>();
        InspectorViewModel async = new InspectorViewModel(topology, rules, queued::add, Runnable::run);
        TopologyRules r = TopologyRules.of(t);
        rules.publish(r, PlatformOverrides.NONE);
        assertTrue(async.value(GroupRows.CATEGORY, GroupRows.GROUP).isPresent());
        assertFalse(hasDoctorRows(async), "not computed on the UI thread");
        List<Runnable> now = new ArrayList<>(queued);
        queued.clear();
        now.forEach(Runnable::run);
        assertTrue(hasDoctorRows(async));
        topology.select(TopologyItem.device(Bdf.parse("0000:05:00.0")));
        topology.select(TopologyItem.device(GPU));
        Runnable stale = queued.remove(0);
        topology.select(TopologyItem.device(Bdf.parse("0000:00:00.0")));
        stale.run();
        assertFalse(hasDoctorRows(async), "an answer for an earlier selection is not shown");
        async.dispose();
    }

    private static boolean hasDoctorRows(InspectorViewModel m) {
        return m.rowsProperty().stream().anyMatch(row -> row.name().equals(DoctorRows.ASSUMING)
                || row.name().equals(DoctorRows.CHANGE) || row.name().equals(DoctorRows.NOTHING));
    }

    @Test
    void aFunctionAloneInItsGroupIsNotSaidToBeJoinedByItsSlot() {
        int alone = 0;
        for (SampleCatalog.Sample sample : SampleCatalog.load().samples()) {
            Topology m = sample.topology();
            TopologyRules r = TopologyRules.of(m, PlatformAssumptions.resolve(m, PlatformOverrides.NONE));
            for (org.dmascope.model.topology.PciFunction f : m.functions()) {
                var g = r.groupOf(f.address());
                if (g.isEmpty() || g.get().group().addresses().size() != 1
                        || !g.get().member().reason().contains(IommuGroupBuilder.SLOT_JOINS)) {
                    continue;
                }
                alone++;
                String why = GroupRows.of(r, f).stream().filter(x -> x.name().equals(GroupRows.WHY)).findFirst()
                        .orElseThrow().value();
                assertFalse(why.contains("join"), f.address() + ": " + why);
            }
        }
        assertTrue(alone > 0, "the samples have a multifunction device alone in its group");
    }
}
