package io.revtops.simulators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.revtops.simulators.common.MutableClock;
import io.revtops.simulators.demo.DemoCompany;
import io.revtops.simulators.testing.Http;
import io.revtops.simulators.testing.Http.Reply;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SimulatorsTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-02-01T09:00:00Z"));
    private Simulators simulators;

    @BeforeAll
    void start() {
        simulators = Simulators.start(DemoCompany.generate(42, 0.1),
                SimulatorOptions.defaults().withClock(clock).withNangoTokenTtl(Duration.ofMinutes(1)));
    }

    @AfterAll
    void stop() {
        simulators.close();
    }

    @Test
    void everyVendorRunsOnItsOwnPortAndAcceptsItsDemoCredential() {
        Set<String> urls = new HashSet<>();
        for (String slug : Simulators.SLUGS) {
            urls.add(simulators.baseUrl(slug));
        }

        assertThat(urls).hasSize(Simulators.SLUGS.size());
        assertThat(Http.bearer(simulators.credential("slack")).get(simulators.slack().apiUrl() + "/auth.test")
                .json().path("ok").asBoolean()).isTrue();
        assertThat(Http.bearer(simulators.credential("hubspot"))
                .get(simulators.baseUrl("hubspot") + "/crm/v3/owners").status()).isEqualTo(200);
        assertThat(Http.bearer(simulators.credential("salesforce"))
                .get(simulators.baseUrl("salesforce") + "/services/data/v60.0/query?q=SELECT+COUNT()+FROM+Account")
                .json().path("totalSize").asInt()).isEqualTo(30);
        assertThat(Http.anonymous().header("X-Api-Key", simulators.credential("apollo"))
                .get(simulators.baseUrl("apollo") + "/api/v1/organizations/enrich?domain="
                        + simulators.company().accounts().get(0).domain()).status()).isEqualTo(200);
        assertThat(Http.bearer(simulators.credential("gmail"))
                .get(simulators.baseUrl("gmail") + "/gmail/v1/users/me/profile").json().path("emailAddress").asString())
                .isEqualTo(simulators.gmail().mailboxes().getFirst());
        assertThat(simulators.environment()).containsKeys("REVTOPS_HUBSPOT_BASE_URL", "REVTOPS_GMAIL_BASE_URL", "NANGO_BASE_URL",
                "NANGO_SECRET_KEY");
    }

    @Test
    void nangoTokenWorksAtHubSpotAndIsRefreshedAfterExpiry() {
        Http nango = Http.bearer(simulators.credential("nango"));
        String connection = simulators.baseUrl("nango") + "/connection/" + simulators.nangoConnectionId("hubspot")
                + "?provider_config_key=hubspot";
        String deals = simulators.baseUrl("hubspot") + "/crm/v3/objects/deals?limit=1";

        String first = nango.get(connection).json().path("credentials").path("access_token").asString();
        assertThat(Http.bearer(first).get(deals).status()).isEqualTo(200);

        clock.advance(Duration.ofMinutes(2));
        Reply expired = Http.bearer(first).get(deals);
        String second = nango.get(connection).json().path("credentials").path("access_token").asString();

        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.json().path("category").asString()).isEqualTo("EXPIRED_AUTHENTICATION");
        assertThat(second).isNotEqualTo(first);
        assertThat(Http.bearer(second).get(deals).status()).isEqualTo(200);
    }

    @Test
    void nangoSalesforceConnectionNamesTheInstanceUrl() {
        JsonNode connection = Http.bearer(simulators.credential("nango")).get(simulators.baseUrl("nango")
                + "/connection/" + simulators.nangoConnectionId("salesforce") + "?provider_config_key=salesforce").json();
        String instance = connection.path("connection_config").path("instance_url").asString();
        String token = connection.path("credentials").path("access_token").asString();

        assertThat(instance).isEqualTo(simulators.baseUrl("salesforce"));
        assertThat(Http.bearer(token).get(instance + "/services/data/v60.0/query?q=SELECT+Id+FROM+User").status())
                .isEqualTo(200);
    }

    @Test
    void revokingATokenThroughFaultsStopsIt() {
        String token = "temporary-hubspot-token";
        simulators.tokens().register(token, "hubspot");

        simulators.faults("hubspot").revoke(token);

        assertThat(Http.bearer(token).get(simulators.baseUrl("hubspot") + "/crm/v3/owners").status()).isEqualTo(401);
    }

    @Test
    void unknownSlugIsRefused() {
        assertThatThrownBy(() -> simulators.baseUrl("pipedrive")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("hubspot");
    }
}
