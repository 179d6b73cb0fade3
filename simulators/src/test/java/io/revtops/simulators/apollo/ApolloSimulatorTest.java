package io.revtops.simulators.apollo;

import static org.assertj.core.api.Assertions.assertThat;

import io.revtops.simulators.common.TokenRegistry;
import io.revtops.simulators.demo.Account;
import io.revtops.simulators.demo.Contact;
import io.revtops.simulators.demo.DemoCompany;
import io.revtops.simulators.testing.Http;
import io.revtops.simulators.testing.Http.Reply;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApolloSimulatorTest {

    private final DemoCompany company = DemoCompany.generate(3, 0.1);
    private ApolloSimulator apollo;
    private Http http;

    @BeforeAll
    void start() {
        apollo = new ApolloSimulator(company, new TokenRegistry(Clock.systemUTC()), Clock.systemUTC());
        apollo.start("127.0.0.1", 0);
        http = Http.anonymous().header("X-Api-Key", apollo.apiKey());
    }

    @AfterAll
    void stop() {
        apollo.close();
    }

    private String url(String path) {
        return apollo.baseUrl() + path;
    }

    @Nested
    class PeopleMatch {

        @Test
        void matchByEmailReturnsThePersonWithTheirOrganization() {
            Contact contact = company.contacts().get(4);
            Account account = company.account(contact.accountId()).orElseThrow();

            Reply reply = http.post(url("/api/v1/people/match"), Map.of("email", contact.email()));

            assertThat(reply.status()).isEqualTo(200);
            JsonNode person = reply.json().path("person");
            assertThat(person.path("id").asString()).hasSize(24);
            assertThat(person.path("first_name").asString()).isEqualTo(contact.firstName());
            assertThat(person.path("last_name").asString()).isEqualTo(contact.lastName());
            assertThat(person.path("name").asString()).isEqualTo(contact.name());
            assertThat(person.path("title").asString()).isEqualTo(contact.title());
            assertThat(person.path("email").asString()).isEqualTo(contact.email());
            assertThat(person.path("linkedin_url").asString()).startsWith("http://www.linkedin.com/in/");
            assertThat(person.path("organization").path("primary_domain").asString()).isEqualTo(account.domain());
            assertThat(person.path("organization").path("estimated_num_employees").asInt()).isEqualTo(account.employeeCount());
        }

        @Test
        void matchByNameAndOrganizationUsesQueryParameters() {
            Contact contact = company.contacts().get(9);
            Account account = company.account(contact.accountId()).orElseThrow();

            Reply reply = http.post(url("/api/v1/people/match?first_name=" + contact.firstName() + "&last_name="
                    + contact.lastName() + "&domain=" + account.domain()), null);

            assertThat(reply.json().path("person").path("email").asString()).isEqualTo(contact.email());
        }

        @Test
        void unknownPersonIsANullPerson() {
            Reply reply = http.post(url("/api/v1/people/match"), Map.of("email", "nobody@nowhere.example"));

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.json().has("person")).isTrue();
            assertThat(reply.json().path("person").isNull()).isTrue();
        }

        @Test
        void requestWithoutIdentifyingDetailsIs422() {
            Reply reply = http.post(url("/api/v1/people/match"), Map.of("first_name", "Alex"));

            assertThat(reply.status()).isEqualTo(422);
            assertThat(reply.json().path("error").asString()).isNotBlank();
        }
    }

    @Nested
    class OrganizationEnrich {

        @Test
        void knownDomainReturnsTheOrganization() {
            Account account = company.accounts().get(2);

            JsonNode org = http.get(url("/api/v1/organizations/enrich?domain=www." + account.domain()))
                    .json().path("organization");

            assertThat(org.path("name").asString()).isEqualTo(account.name());
            assertThat(org.path("primary_domain").asString()).isEqualTo(account.domain());
            assertThat(org.path("industry").asString()).isEqualTo(account.industry().label().toLowerCase());
            assertThat(org.path("annual_revenue").asLong()).isEqualTo(account.annualRevenue());
            assertThat(org.path("founded_year").asInt()).isEqualTo(account.foundedYear());
        }

        @Test
        void unknownDomainIsAnEmptyObject() {
            Reply reply = http.get(url("/api/v1/organizations/enrich?domain=unknown-company.example"));

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.json().isObject()).isTrue();
            assertThat(reply.json().size()).isZero();
        }
    }

    @Nested
    class Access {

        @Test
        void missingOrWrongKeyIs401() {
            Reply none = Http.anonymous().post(url("/api/v1/people/match"), Map.of("email", "a@b.example"));
            Reply wrong = Http.anonymous().header("X-Api-Key", "wrong").get(url("/api/v1/organizations/enrich?domain=x.example"));

            assertThat(none.status()).isEqualTo(401);
            assertThat(wrong.status()).isEqualTo(401);
            assertThat(wrong.json().path("error").asString()).isEqualTo("Invalid access credentials.");
        }

        @Test
        void apiKeyInTheBodyIsAccepted() {
            Reply reply = Http.anonymous().post(url("/api/v1/people/match"),
                    Map.of("api_key", apollo.apiKey(), "email", company.contacts().get(0).email()));

            assertThat(reply.status()).isEqualTo(200);
            assertThat(apollo.requests().all().getLast().body()).doesNotContain(apollo.apiKey());
        }

        @Test
        void rateLimitPolicyAnswers429WithApolloHeaders() {
            apollo.faults().limitRate(1, Duration.ofMinutes(1));
            try {
                Reply first = http.get(url("/api/v1/organizations/enrich?domain=" + company.accounts().get(0).domain()));
                Reply second = http.get(url("/api/v1/organizations/enrich?domain=" + company.accounts().get(0).domain()));

                assertThat(first.header("x-minute-requests-left")).contains("0");
                assertThat(second.status()).isEqualTo(429);
                assertThat(second.header("Retry-After")).isPresent();
            } finally {
                apollo.faults().clearRateLimit();
            }
        }
    }
}
