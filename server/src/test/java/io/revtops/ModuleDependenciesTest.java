package io.revtops;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The dependency directions of ARCHITECTURE §3: platform ← everything; connectors ← sync, approvals, tools; no cycles. */
class ModuleDependenciesTest {
    static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.revtops");
    }

    @Test
    void platformDependsOnNoBusinessModule() {
        noClasses().that().resideInAPackage("io.revtops.platform..")
                .should().dependOnClassesThat().resideInAnyPackage("io.revtops.tenancy..", "io.revtops.connectors..",
                        "io.revtops.sync..", "io.revtops.agent..", "io.revtops.messaging..", "io.revtops.approvals..",
                        "io.revtops.workflows..", "io.revtops.artifacts..", "io.revtops.memory..", "io.revtops.search..")
                .allowEmptyShould(true).check(classes);
    }

    @Test
    void connectorsDoNotKnowWhoUsesThem() {
        noClasses().that().resideInAPackage("io.revtops.connectors..")
                .should().dependOnClassesThat().resideInAnyPackage("io.revtops.sync..", "io.revtops.agent..",
                        "io.revtops.messaging..", "io.revtops.approvals..", "io.revtops.workflows..")
                .allowEmptyShould(true).check(classes);
    }

    @Test
    void theAgentDoesNotKnowAboutMessaging() {
        noClasses().that().resideInAPackage("io.revtops.agent..")
                .should().dependOnClassesThat().resideInAPackage("io.revtops.messaging..")
                .allowEmptyShould(true).check(classes);
    }

    @Test
    void modulesHaveNoCycles() {
        slices().matching("io.revtops.(*)..").should().beFreeOfCycles().allowEmptyShould(true).check(classes);
    }
}
