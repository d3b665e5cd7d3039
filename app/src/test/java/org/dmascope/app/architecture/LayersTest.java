package org.dmascope.app.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.util.List;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

import org.dmascope.model.kernel.TopologyRules;
import org.dmascope.model.kernel.platform.PlatformAssumptions;
import org.dmascope.model.mapping.DmaState;
import org.dmascope.model.mapping.MappingEngine;
import org.dmascope.model.session.KernelSession;
import org.dmascope.model.topology.Topology;

/**
 * The shape of the whole product (DESIGN.md, "Layout"): app → views → model, one way; no package
 * cycle anywhere; the kernel's rules know nothing of mapping, sessions or files; a view feature leans
 * only on the shared view packages; views show the kernel's decisions and never make them.
 */
@AnalyzeClasses(packages = "org.dmascope",
        importOptions = {ImportOption.DoNotIncludeTests.class, LayersTest.NoTestJars.class})
class LayersTest {
    /** The views' test fixtures reach this module's tests as a test jar, which DoNotIncludeTests lets in. */
    static final class NoTestJars implements ImportOption {
        @Override
        public boolean includes(Location location) {
            return !location.contains("-tests.jar");
        }
    }

    /** The view packages every feature may use. */
    /** Packages every view feature may use; views.export: the picture back ends the tabs' sheets draw through. */
    private static final List<String> SHARED_VIEWS = List.of("org.dmascope.views.topology", "org.dmascope.views.common",
            "org.dmascope.views.rules", "org.dmascope.views.export");

    @ArchTest
    static final ArchRule theModelKnowsNoViewNoAppAndNoJavaFx = noClasses().that()
            .resideInAPackage("org.dmascope.model..")
            .should().dependOnClassesThat().resideInAnyPackage("org.dmascope.views..", "org.dmascope.app..",
                    "javafx..");

    /** Pictures are drawn headless (dmascope draw, CI): the painter and its back ends never touch JavaFX. */
    @ArchTest
    static final ArchRule picturesAreDrawnWithoutJavaFx = noClasses().that()
            .resideInAPackage("org.dmascope.views.export..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..");

    @ArchTest
    static final ArchRule viewsKnowNoApp = noClasses().that().resideInAPackage("org.dmascope.views..")
            .should().dependOnClassesThat().resideInAPackage("org.dmascope.app..");

    @ArchTest
    static final ArchRule noPackageIsPartOfACycle = slices().matching("org.dmascope.(**)").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule kernelRulesKnowNoMappingSessionOrFiles = noClasses().that()
            .resideInAPackage("org.dmascope.model.kernel..")
            .should().dependOnClassesThat().resideInAnyPackage("org.dmascope.model.mapping..",
                    "org.dmascope.model.session..",
                    "org.dmascope.model.io..");

    @ArchTest
    static final ArchRule aViewFeatureUsesOnlyItselfAndTheSharedViewPackages = classes().that()
            .resideInAPackage("org.dmascope.views..")
            .and(DescribedPredicate.describe("are in a view feature",
                    (JavaClass c) -> !SHARED_VIEWS.contains(c.getPackageName())))
            .should(useNoOtherViewFeature());

    @ArchTest
    static final ArchRule viewsNeitherRunTheEngineNorBootAKernel = noClasses().that()
            .resideInAPackage("org.dmascope.views..")
            .should().dependOnClassesThat().belongToAnyOf(MappingEngine.class, DmaState.class, KernelSession.class)
            .orShould().callMethod(TopologyRules.class, "of", Topology.class)
            .orShould().callMethod(TopologyRules.class, "of", Topology.class, PlatformAssumptions.class)
            .because("views show the running kernel's decisions: the app boots it and the model runs it");

    private static ArchCondition<JavaClass> useNoOtherViewFeature() {
        return new ArchCondition<>("use no other view feature than their own") {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                for (Dependency d : c.getDirectDependenciesFromSelf()) {
                    String target = d.getTargetClass().getPackageName();
                    if (target.startsWith("org.dmascope.views") && !target.equals(c.getPackageName())
                            && !SHARED_VIEWS.contains(target)) {
                        events.add(SimpleConditionEvent.violated(d, d.getDescription()));
                    }
                }
            }
        };
    }
}
