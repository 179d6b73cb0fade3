package io.revtops.connectors.apollo;

import static io.revtops.connectors.mapping.OperationParams.object;
import static io.revtops.connectors.mapping.OperationParams.props;
import static io.revtops.connectors.mapping.OperationParams.string;

import io.revtops.connectors.ConnectorContext;
import io.revtops.connectors.ConnectorException;
import io.revtops.connectors.ConnectorMeta;
import io.revtops.connectors.ConnectorMeta.Capability;
import io.revtops.connectors.OperationSpec;
import io.revtops.connectors.QueryResult;
import io.revtops.connectors.Queryable;
import io.revtops.connectors.mapping.OperationParams;
import io.revtops.connectors.mapping.VendorValues;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Apollo.io enrichment on demand: a person by e-mail (or name plus company), a company by domain. Nothing is synced
 * and nothing is written: the answers include {@code proposed_updates} the agent may propose as changes, which go
 * through approvals like any other write.
 */
@Component
public class ApolloConnector implements Queryable {

    static final List<OperationSpec> QUERIES = List.of(
            new OperationSpec("enrich_person", "Find a person in Apollo: title, seniority, LinkedIn, location, employer.",
                    object(props(
                            "email", string("Work e-mail address (best)"),
                            "first_name", string("First name (with last_name and organization_name or domain)"),
                            "last_name", string("Last name"),
                            "organization_name", string("Employer's name"),
                            "domain", string("Employer's web domain, e.g. acme.com"),
                            "linkedin_url", string("LinkedIn profile URL"))), true),
            new OperationSpec("enrich_company", "Find a company in Apollo by web domain: industry, size, revenue, founding year.",
                    object(props("domain", string("The company's web domain, e.g. acme.com")), "domain"), true));

    static final String GUIDE = """
            Apollo enriches people and companies on demand (it is not synced). Each call may spend Apollo credits, so \
            enrich what the user asked about, not whole tables.
            - enrich_person {email} — or {first_name, last_name, organization_name | domain}, or {linkedin_url}.
            - enrich_company {domain} — a bare domain such as acme.com (a URL works too).
            found=false means Apollo has no match; say so rather than guessing. Answers carry proposed_updates \
            (contacts: title, names; accounts: industry, employee_count, annual_revenue, domain): to apply them, propose \
            the change (it waits for approval); never assume they were applied.
            """;

    static final ConnectorMeta META = new ConnectorMeta("apollo", "Apollo", ConnectorMeta.AuthType.API_KEY,
            new ConnectorMeta.AuthStyle.Header("X-Api-Key"), ConnectorMeta.Scope.ORGANIZATION, List.of(),
            Set.of(Capability.QUERY), QUERIES, List.of(), List.of(), GUIDE, "https://api.apollo.io", Optional.empty());

    @Override
    public ConnectorMeta meta() {
        return META;
    }

    @Override
    public QueryResult query(ConnectorContext ctx, String operation, Map<String, Object> params) {
        ApolloClient client = new ApolloClient(ctx.http());
        return switch (operation) {
            case "enrich_person" -> enrichPerson(client, params);
            case "enrich_company" -> enrichCompany(client, params);
            default -> throw new ConnectorException.InvalidRequest("Apollo has no query '" + operation + "'");
        };
    }

    private QueryResult enrichPerson(ApolloClient client, Map<String, Object> params) {
        Map<String, Object> identity = new LinkedHashMap<>();
        Optional<String> email = OperationParams.optionalString(params, "email");
        if (email.isPresent()) {
            String e = VendorValues.email(email.get());
            if (e == null) throw new ConnectorException.InvalidRequest("'email' must be an e-mail address");
            identity.put("email", e);
        }
        OperationParams.optionalString(params, "linkedin_url").ifPresent(u -> identity.put("linkedin_url", VendorValues.clean(u, 300)));
        Optional<String> first = OperationParams.optionalString(params, "first_name");
        Optional<String> last = OperationParams.optionalString(params, "last_name");
        Optional<String> org = OperationParams.optionalString(params, "organization_name");
        Optional<String> domain = OperationParams.optionalString(params, "domain").map(ApolloConnector::domain);
        first.ifPresent(f -> identity.put("first_name", VendorValues.clean(f, 100)));
        last.ifPresent(l -> identity.put("last_name", VendorValues.clean(l, 100)));
        org.ifPresent(o -> identity.put("organization_name", VendorValues.clean(o, 200)));
        domain.ifPresent(d -> identity.put("domain", d));
        boolean byName = first.isPresent() && last.isPresent() && (org.isPresent() || domain.isPresent());
        if (!identity.containsKey("email") && !identity.containsKey("linkedin_url") && !byName) {
            throw new ConnectorException.InvalidRequest("enrich_person needs an email, a linkedin_url, or first_name and "
                    + "last_name with organization_name or domain");
        }
        identity.put("reveal_personal_emails", false);
        String who = email.orElseGet(() -> byName ? first.get() + " " + last.get() + " at " + org.orElseGet(domain::get)
                : identity.getOrDefault("linkedin_url", "").toString());
        Optional<JsonNode> person = client.matchPerson(identity);
        if (person.isEmpty()) return QueryResult.noMatch("No Apollo match for " + VendorValues.clean(who, 200));
        Map<String, Object> facts = ApolloMapper.person(person.get());
        String title = (String) facts.get("title");
        Object orgFacts = facts.get("organization");
        String employer = orgFacts instanceof Map<?, ?> o ? (String) o.get("name") : (String) facts.get("organization_name");
        return new QueryResult(true, facts, "Apollo: " + facts.getOrDefault("name", who)
                + (title == null ? "" : ", " + title) + (employer == null ? "" : " at " + employer));
    }

    private QueryResult enrichCompany(ApolloClient client, Map<String, Object> params) {
        String domain = domain(OperationParams.requiredString(params, "domain"));
        Optional<JsonNode> org = client.enrichOrganization(domain);
        if (org.isEmpty()) return QueryResult.noMatch("No Apollo match for " + domain);
        Map<String, Object> facts = ApolloMapper.organization(org.get());
        Object employees = facts.get("employee_count");
        return new QueryResult(true, facts, "Apollo: " + facts.getOrDefault("name", domain)
                + (facts.containsKey("industry") ? ", " + facts.get("industry") : "")
                + (employees == null ? "" : ", ~" + employees + " employees"));
    }

    /** A bare host name from a domain or URL; refuses what cannot be a domain. */
    static String domain(String raw) {
        String d = raw.strip().toLowerCase(Locale.ROOT).replaceFirst("^[a-z]+://", "").replaceFirst("^www\\.", "");
        int cut = d.indexOf('/');
        if (cut >= 0) d = d.substring(0, cut);
        if (!d.matches("[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?)+")) {
            throw new ConnectorException.InvalidRequest("'" + VendorValues.clean(raw, 100) + "' is not a web domain");
        }
        return d;
    }
}
