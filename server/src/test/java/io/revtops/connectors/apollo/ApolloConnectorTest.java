package io.revtops.connectors.apollo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.revtops.connectors.ConnectorContext;
import io.revtops.connectors.ConnectorException;
import io.revtops.connectors.Credentials;
import io.revtops.connectors.QueryResult;
import io.revtops.connectors.testing.Connectors;
import io.revtops.simulators.apollo.ApolloSimulator;
import io.revtops.simulators.common.MutableClock;
import io.revtops.simulators.common.RecordedRequest;
import io.revtops.simulators.common.TokenRegistry;
import io.revtops.simulators.demo.Account;
import io.revtops.simulators.demo.Contact;
import io.revtops.simulators.demo.DemoCompany;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Apollo enrichment against the Apollo simulator, over real HTTP through the real HTTP layer. */
class ApolloConnectorTest {

    static final DemoCompany COMPANY = DemoCompany.generate(7, 0.1);

    MutableClock clock = new MutableClock(Instant.parse("2026-02-01T00:00:00Z"));
    ApolloSimulator sim;
    ApolloConnector apollo = new ApolloConnector();
    ConnectorContext ctx;

    @BeforeEach
    void start() {
        sim = new ApolloSimulator(COMPANY, new TokenRegistry(clock), clock);
        sim.start("127.0.0.1", 0);
        ctx = context(sim.apiKey());
    }

    ConnectorContext context(String key) {
        return Connectors.context(Connectors.client(apollo.meta(), sim.baseUrl(),
                new Connectors.FixedCredentials(Credentials.apiKey(key)), Connectors.fastSettings("apollo")), Map.of(), clock);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void aPersonIsEnrichedByEmail() {
        Contact c = COMPANY.contacts().get(2);
        QueryResult r = apollo.query(ctx, "enrich_person", Map.of("email", c.email()));
        assertThat(r.found()).isTrue();
        @SuppressWarnings("unchecked")
        Map<String, Object> person = (Map<String, Object>) r.data();
        assertThat(person).containsEntry("name", c.name()).containsEntry("title", c.title()).containsEntry("email", c.email())
                .containsKey("linkedin_url").containsKey("seniority").containsKey("proposed_updates");
        assertThat(r.summary()).contains(c.name()).contains(c.title());
        RecordedRequest sent = sim.requests().matching("POST", "/api/v1/people/match").get(0);
        assertThat(sent.headers().keySet()).noneMatch(h -> h.equalsIgnoreCase("Authorization"));
        assertThat(sent.body()).doesNotContain(sim.apiKey());
    }

    @Test
    void aPersonIsEnrichedByNameAndCompany() {
        Contact c = COMPANY.contacts().get(4);
        Account a = COMPANY.account(c.accountId()).orElseThrow();
        QueryResult r = apollo.query(ctx, "enrich_person", Map.of("first_name", c.firstName(), "last_name", c.lastName(),
                "domain", "https://www." + a.domain() + "/about"));
        assertThat(r.found()).isTrue();
        @SuppressWarnings("unchecked")
        Map<String, Object> org = (Map<String, Object>) ((Map<String, Object>) r.data()).get("organization");
        assertThat(org).containsEntry("domain", a.domain()).containsEntry("name", a.name());
    }

    @Test
    void aCompanyIsEnrichedByDomain() {
        Account a = COMPANY.accounts().get(1);
        QueryResult r = apollo.query(ctx, "enrich_company", Map.of("domain", a.domain()));
        assertThat(r.found()).isTrue();
        @SuppressWarnings("unchecked")
        Map<String, Object> org = (Map<String, Object>) r.data();
        assertThat(org).containsEntry("name", a.name()).containsEntry("domain", a.domain())
                .containsEntry("employee_count", a.employeeCount()).containsEntry("founded_year", a.foundedYear());
        assertThat(r.summary()).contains(a.name());
    }

    @Test
    void unknownPeopleAndCompaniesAreAClearNoMatch() {
        QueryResult person = apollo.query(ctx, "enrich_person", Map.of("email", "ghost@nowhere.example"));
        assertThat(person.found()).isFalse();
        assertThat(person.summary()).isEqualTo("No Apollo match for ghost@nowhere.example");
        QueryResult company = apollo.query(ctx, "enrich_company", Map.of("domain", "nowhere.example"));
        assertThat(company.found()).isFalse();
        assertThat(company.summary()).isEqualTo("No Apollo match for nowhere.example");
    }

    @Test
    void incompleteIdentityIsRefusedBeforeAnyCall() {
        assertThatThrownBy(() -> apollo.query(ctx, "enrich_person", Map.of("first_name", "Pat")))
                .isInstanceOf(ConnectorException.InvalidRequest.class).hasMessageContaining("needs an email");
        assertThatThrownBy(() -> apollo.query(ctx, "enrich_company", Map.of("domain", "not a domain")))
                .isInstanceOf(ConnectorException.InvalidRequest.class);
        assertThatThrownBy(() -> apollo.query(ctx, "enrich_everyone", Map.of()))
                .isInstanceOf(ConnectorException.InvalidRequest.class);
        assertThat(sim.requests().all()).isEmpty();
    }

    @Test
    void aWrongApiKeyAsksForReconnect() {
        assertThatThrownBy(() -> apollo.query(context("not-the-key"), "enrich_company", Map.of("domain", "acme.example")))
                .isInstanceOf(ConnectorException.NeedsReconnect.class).hasMessage("Reconnect Apollo");
    }

    @Test
    void spentCreditsComeBackAsApollosMessage() {
        sim.faults().quotaExhaustedNext(1);
        assertThatThrownBy(() -> apollo.query(ctx, "enrich_company", Map.of("domain", COMPANY.accounts().get(0).domain())))
                .isInstanceOf(ConnectorException.Rejected.class).hasMessageContaining("insufficient credits");
    }
}
