package io.revtops.messaging;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The agent streams through its own ports; the socket module depends on the agent, never the other way. */
class MessagingBoundaryTest {
    static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.revtops");

    @Test
    void theAgentDoesNotKnowAboutMessaging() {
        noClasses().that().resideInAPackage("io.revtops.agent..")
                .should().dependOnClassesThat().resideInAPackage("io.revtops.messaging..")
                .check(MAIN);
    }

    @Test
    void messagingUsesOnlyTheAgentsPublicApi() {
        noClasses().that().resideInAPackage("io.revtops.messaging..")
                .should().dependOnClassesThat().resideInAnyPackage("io.revtops.agent.*..")
                .check(MAIN);
    }
}
