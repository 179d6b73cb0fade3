package io.revtops.connectors.apollo;

import io.revtops.connectors.ApiClient;
import io.revtops.connectors.ConnectorException;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** Apollo.io's enrichment endpoints over the shared {@link ApiClient} (the key goes in {@code X-Api-Key}). */
final class ApolloClient {
    private final ApiClient http;

    ApolloClient(ApiClient http) {
        this.http = http;
    }

    /** {@code POST /api/v1/people/match}: the matched person, or empty when Apollo knows no one. */
    Optional<JsonNode> matchPerson(Map<String, Object> identity) {
        JsonNode answer = http.postJson("/api/v1/people/match", identity).json();
        if (!answer.isObject()) throw new ConnectorException.MalformedResponse("Apollo's people match answer is not an object");
        JsonNode person = answer.path("person");
        return person.isObject() ? Optional.of(person) : Optional.empty();
    }

    /** {@code GET /api/v1/organizations/enrich?domain=}: the organization, or empty (Apollo answers {@code {}}). */
    Optional<JsonNode> enrichOrganization(String domain) {
        JsonNode answer = http.get("/api/v1/organizations/enrich", Map.of("domain", domain)).json();
        if (!answer.isObject() && !answer.isMissingNode()) {
            throw new ConnectorException.MalformedResponse("Apollo's organization answer is not an object");
        }
        JsonNode org = answer.path("organization");
        return org.isObject() && !org.isEmpty() ? Optional.of(org) : Optional.empty();
    }
}
