package dev.souk.payment;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.ArchRule;
import dev.souk.kit.testing.DomainServiceRules;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

@AnalyzeClasses(packages = "dev.souk.payment", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    @ArchTest
    static final ArchTests domainServiceRules = ArchTests.in(DomainServiceRules.class);

    @ArchTest
    static final ArchRule providersKnowNothingOfTheDomain = noClasses()
            .that().resideInAPackage("..payment.provider..")
            .should().dependOnClassesThat().resideInAPackage("..payment.domain..")
            .because("a real payment provider replaces the simulator behind the PaymentProvider interface alone");
}
