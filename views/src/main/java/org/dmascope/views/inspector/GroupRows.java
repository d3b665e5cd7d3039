package org.dmascope.views.inspector;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.dmascope.model.kernel.TopologyRules;
import org.dmascope.model.kernel.groups.IommuGroupBuilder;
import org.dmascope.model.kernel.groups.IommuGroups;
import org.dmascope.model.kernel.platform.Assumption;
import org.dmascope.model.mapping.IommuMode;
import org.dmascope.model.mapping.TopologyMappingRules;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.Topology;
import org.dmascope.views.topology.DeviceText;
import org.dmascope.views.rules.RulesModel;
import org.dmascope.views.topology.GroupColouring;

/**
 * The inspector rows about a function's IOMMU group as the kernel's rules derive it (R-GRP-2, R-GRP-3):
 * the group, why the function is in it, who else is, the default domain type, and whether the
 * kernel's own listing (when the input carried one) agrees.
 */
public final class GroupRows {
    public static final String CATEGORY = "IOMMU group";
    public static final String GROUP = "Group";
    public static final String WHY = "Why in this group";
    public static final String MEMBERS = "Other members";
    public static final String DOMAIN = "Default domain";
    public static final String KERNEL = "Kernel's listing";
    public static final String CHOSEN = "Mapped here as";
    /** The source of a row the user's choice decides. */
    public static final String YOUR_CHOICE = "your choice";

    private GroupRows() {
    }

    public static List<InspectorRow> of(TopologyRules rules, PciFunction f) {
        List<InspectorRow> rows = new ArrayList<>();
        IommuGroups groups = rules.groups();
        String kernel = rules.assumptions().profile().label();
        if (!groups.iommuPresent()) {
            Assumption<?> iommu = rules.assumptions().iommuAssumption();
            rows.add(row(GROUP, "none: no IOMMU (iommu = " + iommu.shown() + ", "
                    + RulesModel.sourceWords(iommu.source())
                    + "), so the kernel forms no groups and the device uses dma-direct"));
            return rows;
        }
        Optional<TopologyRules.GroupInfo> info = rules.groupOf(f.address());
        if (info.isEmpty()) {
            String why = groups.ungrouped().getOrDefault(f.address(), "the rules give it no group");
            rows.add(row(GROUP, "none: " + why));
        } else {
            TopologyRules.GroupInfo g = info.get();
            rows.add(row(GROUP, "G" + g.group().id() + " (derived with the " + kernel + " rules)"));
            List<Bdf> others = g.group().addresses().stream().filter(b -> !b.equals(f.address())).toList();
            // Alone in its group: no function of its slot joined it after all, so the reason does not say they do.
            String why = others.isEmpty() ? g.member().reason().replace(IommuGroupBuilder.SLOT_JOINS, "")
                    : g.member().reason();
            rows.add(row(WHY, why));
            rows.add(row(MEMBERS, others.isEmpty() ? "none: alone in its group" : names(rules.topology(), others)));
            String type = g.domain().type().jsonName();
            String reason = g.domain().reason();
            rows.add(row(DOMAIN, reason.startsWith(type) ? reason : type + ": " + reason));
        }
        if (f.iommuGroup().isPresent()) {
            GroupColouring.Tag tag = GroupColouring.of(rules).tag(f.address()).orElseThrow();
            int reported = f.iommuGroup().getAsInt();
            rows.add(row(KERNEL, tag.differs()
                    ? "differs: the kernel's group " + reported + " and the group the rules derive have different "
                            + "members"
                    : "agrees: the kernel's group " + reported + " has the same members"));
        }
        return rows;
    }

    /**
     * The IOMMU mode the user chose for drops (the options bar), beside what the kernel's rules give the
     * device (R-GRP-3), so the inspector never reads as if the choice were the machine's.
     */
    public static InspectorRow chosenMode(TopologyRules rules, PciFunction f, IommuMode chosen) {
        IommuMode.Resolved kernel = new TopologyMappingRules(rules).iommuMode(f);
        String value = chosen.words() + ": your choice in the mapping options"
                + (kernel.mode() == chosen ? " (the kernel gives it the same)"
                        : ", not the kernel's; the kernel gives it " + kernel.mode().words() + " (" + kernel.reason()
                                + "). ↺ Kernel decides, under the verdict, puts it back");
        return new InspectorRow(CATEGORY, CHOSEN, value, YOUR_CHOICE, false, false);
    }

    /** A few members with their names; a long list as addresses only, so it stays readable. */
    private static String names(Topology t, List<Bdf> members) {
        if (members.size() <= 3) {
            return members.stream().map(b -> b + t.function(b).map(fn -> " " + DeviceText.shortName(fn)).orElse(""))
                    .collect(Collectors.joining("; "));
        }
        int shown = Math.min(members.size(), 12);
        String list = members.subList(0, shown).stream().map(Bdf::toString).collect(Collectors.joining(", "));
        return members.size() > shown ? list + " … (" + members.size() + " in all)" : list + " (" + members.size()
                + ")";
    }

    private static InspectorRow row(String name, String value) {
        return new InspectorRow(CATEGORY, name, value, InspectorRows.DERIVED, false, false);
    }
}
