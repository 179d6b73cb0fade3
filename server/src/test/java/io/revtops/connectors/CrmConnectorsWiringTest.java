package io.revtops.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import io.revtops.connectors.apollo.ApolloConnector;
import io.revtops.connectors.http.HttpApiClientFactory;
import io.revtops.connectors.http.HttpSettings;
import io.revtops.connectors.hubspot.HubSpotConnector;
import io.revtops.connectors.salesforce.SalesforceConnector;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The CRM connectors and the HTTP layer as Spring wires them: beans, registry checks, settings from the environment. */
class CrmConnectorsWiringTest {

    @Configuration
    @EnableConfigurationProperties(HttpSettings.class)
    @Import({HttpApiClientFactory.class, HubSpotConnector.class, SalesforceConnector.class, ApolloConnector.class,
            ConnectorRegistry.class})
    static class Wiring {}

    @Test
    void theRegistryAcceptsTheThreeConnectorsAsDeclared() {
        new ApplicationContextRunner().withUserConfiguration(Wiring.class).run(ctx -> {
            ConnectorRegistry registry = ctx.getBean(ConnectorRegistry.class);
            assertThat(registry.find("hubspot")).containsInstanceOf(HubSpotConnector.class);
            assertThat(registry.find("salesforce")).containsInstanceOf(SalesforceConnector.class);
            assertThat(registry.find("apollo")).containsInstanceOf(ApolloConnector.class);
            assertThat(ctx.getBean(ApiClientFactory.class)).isInstanceOf(HttpApiClientFactory.class);
        });
    }

    @Test
    void httpSettingsHaveDefaultsAndBindFromTheEnvironment() {
        new ApplicationContextRunner().withUserConfiguration(Wiring.class).run(ctx -> {
            HttpSettings s = ctx.getBean(HttpSettings.class);
            assertThat(s.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
            assertThat(s.requestTimeout()).isEqualTo(Duration.ofSeconds(30));
            assertThat(s.maxAttempts()).isEqualTo(5);
            assertThat(s.rateLimits()).isEmpty();
        });
        new ApplicationContextRunner().withUserConfiguration(Wiring.class)
                .withPropertyValues("revtops.http.request-timeout=5s", "revtops.http.max-attempts=3",
                        "revtops.http.rate-limits.hubspot.search=2/1s")
                .run(ctx -> {
                    HttpSettings s = ctx.getBean(HttpSettings.class);
                    assertThat(s.requestTimeout()).isEqualTo(Duration.ofSeconds(5));
                    assertThat(s.maxAttempts()).isEqualTo(3);
                    assertThat(s.rateLimits()).isEqualTo(Map.of("hubspot", Map.of("search", "2/1s")));
                });
    }

    @Test
    void everyOperationHasAnObjectSchemaAndEveryConnectorAGuide() {
        for (Connector c : List.of(new HubSpotConnector(), new SalesforceConnector(), new ApolloConnector(),
                new io.revtops.connectors.slack.SlackConnector())) {
            ConnectorRegistry.check(c);
            assertThat(c.meta().usageGuide()).as(c.meta().slug()).isNotBlank();
            java.util.stream.Stream.of(c.meta().queries(), c.meta().writes(), c.meta().actions()).flatMap(List::stream)
                    .forEach(op -> assertThat(op.parameters()).as(c.meta().slug() + "." + op.name()).containsEntry("type", "object"));
        }
        assertThat(new HubSpotConnector().meta().writes()).allSatisfy(op -> assertThat(op.readOnly()).isFalse());
        assertThat(new HubSpotConnector().meta().actions()).allSatisfy(op -> assertThat(op.readOnly()).isTrue());
    }
}
