package org.dmascope.model.architecture;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The packages of the model depend on each other one way only: no package is part of a cycle. */
@AnalyzeClasses(packages = "org.dmascope.model", importOptions = ImportOption.DoNotIncludeTests.class)
class PackageCyclesTest {
    @ArchTest
    static final ArchRule modelPackagesAreFreeOfCycles = slices().matching("org.dmascope.model.(**)").should()
            .beFreeOfCycles();
}
