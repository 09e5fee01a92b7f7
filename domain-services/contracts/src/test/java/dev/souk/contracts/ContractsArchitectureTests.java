package dev.souk.contracts;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

class ContractsArchitectureTests {

    private final JavaClasses contracts = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.souk.contracts");

    @Test
    void contractsDependOnTheJdkAndNothingElse() {
        // given the compiled contracts, when checked, then every dependency is the JDK, contracts itself or the
        // Bean Validation annotations of the API records
        classes().should().onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "dev.souk.contracts..", "jakarta.validation..")
                .check(contracts);
    }
}
