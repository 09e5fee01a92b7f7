package dev.souk.review;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import dev.souk.kit.testing.DomainServiceRules;

@AnalyzeClasses(packages = "dev.souk.review", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    @ArchTest
    static final ArchTests domainServiceRules = ArchTests.in(DomainServiceRules.class);
}
