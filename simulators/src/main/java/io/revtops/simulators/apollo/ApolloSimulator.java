package io.revtops.simulators.apollo;

import io.revtops.simulators.common.AuthResult;
import io.revtops.simulators.common.Json;
import io.revtops.simulators.common.RateLimitDecision;
import io.revtops.simulators.common.Routes;
import io.revtops.simulators.common.SimRequest;
import io.revtops.simulators.common.SimResponse;
import io.revtops.simulators.common.TokenRegistry;
import io.revtops.simulators.common.TokenStatus;
import io.revtops.simulators.common.VendorSimulator;
import io.revtops.simulators.demo.Account;
import io.revtops.simulators.demo.Contact;
import io.revtops.simulators.demo.DemoCompany;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * Apollo.io's enrichment API: {@code POST /api/v1/people/match}, {@code POST /api/v1/people/bulk_match}
 * and {@code GET|POST /api/v1/organizations/enrich}. Apollo "knows" every demo contact and account (with
 * extra firmographics the CRM lacks: LinkedIn URLs, founded year, seniority) and nothing else.
 * Authentication: {@code X-Api-Key} header, or the older {@code api_key} body/query parameter.
 */
public final class ApolloSimulator extends VendorSimulator {

    public static final String SLUG = "apollo";

    private final String apiKey;
    private final Map<String, Contact> peopleByEmail = new HashMap<>();
    private final Map<String, Account> orgsByDomain = new HashMap<>();
    private final Map<String, Contact> peopleById = new HashMap<>();
    private final Map<String, Account> accountsById = new HashMap<>();
    private final List<Contact> people;

    public ApolloSimulator(DemoCompany company, TokenRegistry tokens, Clock clock) {
        super(SLUG, tokens, clock);
        this.apiKey = UUID.nameUUIDFromBytes(("apollo:" + company.seed()).getBytes(StandardCharsets.UTF_8))
                .toString().replace("-", "").substring(0, 22);
        tokens.register(apiKey, SLUG);
        this.people = company.contacts();
        for (Account a : company.accounts()) {
            orgsByDomain.put(a.domain(), a);
            accountsById.put(a.id(), a);
        }
        for (Contact c : company.contacts()) {
            peopleByEmail.put(c.email().toLowerCase(Locale.ROOT), c);
            peopleById.put(apolloId("person", c.id()), c);
        }
    }

    /** The demo team's API key. */
    public String apiKey() {
        return apiKey;
    }

    /** The Apollo id given to a generator contact or account. */
    public static String apolloId(String kind, String demoId) {
        return UUID.nameUUIDFromBytes(("apollo:" + kind + ":" + demoId).getBytes(StandardCharsets.UTF_8))
                .toString().replace("-", "").substring(0, 24);
    }

    @Override
    protected void declareRoutes(Routes routes) {
        routes.post("/api/v1/people/match", this::match)
                .post("/api/v1/people/bulk_match", this::bulkMatch)
                .get("/api/v1/organizations/enrich", this::enrich)
                .post("/api/v1/organizations/enrich", this::enrich)
                .get("/v1/auth/health", r -> SimResponse.ok(Json.object("healthy", true, "is_logged_in", true)))
                .get("/api/v1/auth/health", r -> SimResponse.ok(Json.object("healthy", true, "is_logged_in", true)));
    }

    private SimResponse match(SimRequest r) {
        Map<String, String> params = params(r);
        if (!identifies(params)) {
            return unprocessable("Please provide an email, a LinkedIn URL, an id, or a name together with an "
                    + "organization name or domain.");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("person", find(params).map(this::person).orElse(null));
        return SimResponse.ok(out);
    }

    private SimResponse bulkMatch(SimRequest r) {
        JsonNode details = r.json().path("details");
        if (!details.isArray() || details.isEmpty()) {
            return unprocessable("details must be a non-empty array");
        }
        if (details.size() > 10) {
            return unprocessable("You can only enrich up to 10 people at a time");
        }
        List<Object> matches = new ArrayList<>();
        int found = 0;
        for (JsonNode d : details) {
            Map<String, String> params = new HashMap<>();
            d.properties().forEach(e -> params.put(e.getKey(), e.getValue().asString("")));
            Optional<Contact> contact = identifies(params) ? find(params) : Optional.empty();
            matches.add(contact.map(this::person).orElse(null));
            if (contact.isPresent()) {
                found++;
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", "success");
        out.put("error_code", null);
        out.put("error_message", null);
        out.put("total_requested_enrichments", details.size());
        out.put("unique_enriched_records", found);
        out.put("missing_records", details.size() - found);
        out.put("credits_consumed", found);
        out.put("matches", matches);
        return SimResponse.ok(out);
    }

    private SimResponse enrich(SimRequest r) {
        Map<String, String> params = params(r);
        String domain = normalizeDomain(params.getOrDefault("domain", ""));
        if (domain.isEmpty()) {
            return unprocessable("The domain parameter is required.");
        }
        Account account = orgsByDomain.get(domain);
        // Apollo answers an unknown domain with 200 and an empty object rather than an error.
        return account == null ? SimResponse.ok(Map.of()) : SimResponse.ok(Json.object("organization", organization(account)));
    }

    private static boolean identifies(Map<String, String> p) {
        boolean name = !p.getOrDefault("name", "").isBlank()
                || (!p.getOrDefault("first_name", "").isBlank() && !p.getOrDefault("last_name", "").isBlank());
        boolean org = !p.getOrDefault("organization_name", "").isBlank() || !p.getOrDefault("domain", "").isBlank();
        return !p.getOrDefault("email", "").isBlank() || !p.getOrDefault("id", "").isBlank()
                || !p.getOrDefault("linkedin_url", "").isBlank() || (name && org);
    }

    private Optional<Contact> find(Map<String, String> p) {
        if (!p.getOrDefault("id", "").isBlank()) {
            return Optional.ofNullable(peopleById.get(p.get("id")));
        }
        if (!p.getOrDefault("email", "").isBlank()) {
            return Optional.ofNullable(peopleByEmail.get(p.get("email").trim().toLowerCase(Locale.ROOT)));
        }
        if (!p.getOrDefault("linkedin_url", "").isBlank()) {
            String url = p.get("linkedin_url").toLowerCase(Locale.ROOT).replaceAll("/+$", "");
            return people.stream().filter(c -> linkedin(c).equals(url)).findFirst();
        }
        String full = p.getOrDefault("name", "").isBlank()
                ? p.getOrDefault("first_name", "") + " " + p.getOrDefault("last_name", "") : p.get("name");
        String domain = normalizeDomain(p.getOrDefault("domain", ""));
        String orgName = p.getOrDefault("organization_name", "").trim();
        return people.stream()
                .filter(c -> c.name().equalsIgnoreCase(full.trim()))
                .filter(c -> {
                    Account a = accountsById.get(c.accountId());
                    return (!domain.isEmpty() && a.domain().equals(domain))
                            || (!orgName.isEmpty() && a.name().equalsIgnoreCase(orgName));
                })
                .findFirst();
    }

    private Map<String, Object> person(Contact c) {
        Account a = accountsById.get(c.accountId());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", apolloId("person", c.id()));
        out.put("first_name", c.firstName());
        out.put("last_name", c.lastName());
        out.put("name", c.name());
        out.put("linkedin_url", linkedin(c));
        out.put("title", c.title());
        out.put("email_status", "verified");
        out.put("photo_url", null);
        out.put("twitter_url", null);
        out.put("github_url", null);
        out.put("facebook_url", null);
        out.put("extrapolated_email_confidence", null);
        out.put("headline", c.title() + " at " + a.name());
        out.put("email", c.email());
        out.put("organization_id", apolloId("organization", a.id()));
        out.put("employment_history", List.of(Json.object(
                "_id", apolloId("employment", c.id()), "current", true, "organization_id",
                apolloId("organization", a.id()), "organization_name", a.name(), "title", c.title(),
                "start_date", (2015 + Math.floorMod(c.id().hashCode(), 9)) + "-01-01", "end_date", "")));
        out.put("state", null);
        out.put("city", a.city());
        out.put("country", a.country());
        out.put("departments", List.of(department(c.title())));
        out.put("subdepartments", List.of());
        out.put("seniority", seniority(c.title()));
        out.put("functions", List.of(department(c.title()).replace("master_", "")));
        out.put("organization", organization(a));
        return out;
    }

    private Map<String, Object> organization(Account a) {
        Map<String, Object> out = new LinkedHashMap<>();
        String slug = a.domain().replace(".example", "");
        out.put("id", apolloId("organization", a.id()));
        out.put("name", a.name());
        out.put("website_url", "http://www." + a.domain());
        out.put("blog_url", null);
        out.put("angellist_url", null);
        out.put("linkedin_url", "http://www.linkedin.com/company/" + slug);
        out.put("twitter_url", null);
        out.put("facebook_url", null);
        out.put("primary_phone", Json.object("number", a.phone(), "source", "Account"));
        out.put("languages", List.of("English"));
        out.put("alexa_ranking", null);
        out.put("phone", a.phone());
        out.put("linkedin_uid", Long.toString(1_000_000L + Math.floorMod(a.id().hashCode(), 9_000_000)));
        out.put("founded_year", a.foundedYear());
        out.put("publicly_traded_symbol", null);
        out.put("publicly_traded_exchange", null);
        out.put("logo_url", null);
        out.put("crunchbase_url", null);
        out.put("primary_domain", a.domain());
        out.put("industry", a.industry().label().toLowerCase(Locale.ROOT));
        out.put("keywords", List.of(a.industry().label().toLowerCase(Locale.ROOT), "b2b"));
        out.put("estimated_num_employees", a.employeeCount());
        out.put("industries", List.of(a.industry().label().toLowerCase(Locale.ROOT)));
        out.put("secondary_industries", List.of());
        out.put("snippets_loaded", true);
        out.put("raw_address", a.city() + ", " + a.country());
        out.put("street_address", "");
        out.put("city", a.city());
        out.put("state", null);
        out.put("postal_code", null);
        out.put("country", a.country());
        out.put("short_description", a.name() + " is a " + a.industry().label().toLowerCase(Locale.ROOT)
                + " company based in " + a.city() + ".");
        out.put("annual_revenue_printed", printed(a.annualRevenue()));
        out.put("annual_revenue", a.annualRevenue());
        out.put("total_funding", null);
        out.put("total_funding_printed", null);
        out.put("technology_names", List.of());
        out.put("current_technologies", List.of());
        return out;
    }

    private static String linkedin(Contact c) {
        return "http://www.linkedin.com/in/" + (c.firstName() + "-" + c.lastName()).toLowerCase(Locale.ROOT)
                + "-" + c.id().substring(c.id().length() - 4);
    }

    private static String seniority(String title) {
        String t = title.toLowerCase(Locale.ROOT);
        if (t.startsWith("chief") || t.matches("c[efrot]o")) {
            return "c_suite";
        }
        if (t.startsWith("vp")) {
            return "vp";
        }
        if (t.startsWith("head")) {
            return "head";
        }
        if (t.startsWith("director")) {
            return "director";
        }
        return t.contains("manager") || t.contains("lead") ? "manager" : "senior";
    }

    private static String department(String title) {
        String t = title.toLowerCase(Locale.ROOT);
        if (t.contains("finance") || t.equals("cfo") || t.contains("procurement")) {
            return "master_finance";
        }
        if (t.contains("it") || t.contains("engineering") || t.equals("cto") || t.contains("security")
                || t.contains("systems") || t.contains("data")) {
            return "master_information_technology";
        }
        if (t.contains("sales") || t.contains("revenue") || t.contains("revops")) {
            return "master_sales";
        }
        if (t.contains("marketing")) {
            return "master_marketing";
        }
        return "master_operations";
    }

    private static String printed(long value) {
        if (value >= 1_000_000_000L) {
            return String.format(Locale.ROOT, "%.1fB", value / 1e9);
        }
        if (value >= 1_000_000L) {
            return String.format(Locale.ROOT, "%.1fM", value / 1e6);
        }
        return String.format(Locale.ROOT, "%.0fK", value / 1e3);
    }

    private static String normalizeDomain(String raw) {
        String d = raw.trim().toLowerCase(Locale.ROOT).replaceFirst("^https?://", "").replaceFirst("^www\\.", "");
        int slash = d.indexOf('/');
        return slash >= 0 ? d.substring(0, slash) : d;
    }

    /** Query parameters and JSON body fields (Apollo accepts both); the body wins. */
    private static Map<String, String> params(SimRequest r) {
        Map<String, String> out = new HashMap<>();
        r.queryParamMap().forEach((k, v) -> {
            if (!v.isEmpty()) {
                out.put(k, v.get(0));
            }
        });
        if (!r.body().isBlank()) {
            JsonNode body = r.json();
            body.properties().forEach(e -> {
                if (e.getValue().isValueNode()) {
                    out.put(e.getKey(), e.getValue().asString(""));
                }
            });
        }
        return out;
    }

    private static SimResponse unprocessable(String message) {
        return SimResponse.json(422, Json.object("error", message));
    }

    // ------------------------------------------------------------------ vendor answers

    @Override
    protected AuthResult authenticate(SimRequest r) {
        Optional<String> key = r.header("X-Api-Key").filter(k -> !k.isBlank());
        if (key.isEmpty()) {
            key = r.queryParam("api_key");
        }
        if (key.isEmpty() && !r.body().isBlank()) {
            try {
                key = Optional.of(r.json().path("api_key").asString("")).filter(k -> !k.isBlank());
            } catch (RuntimeException ignored) {
                key = Optional.empty();
            }
        }
        if (key.isPresent() && tokens().check(key.get(), SLUG) == TokenStatus.VALID) {
            return new AuthResult.Accepted(key.get());
        }
        return new AuthResult.Refused(SimResponse.json(401, Json.object("error", "Invalid access credentials.")));
    }

    @Override
    protected SimResponse rateLimited(SimRequest r, int retryAfterSeconds) {
        return SimResponse.json(429, Json.object("message", "The maximum number of api calls allowed for " + r.path()
                + " has been reached for this minute. Please try again in " + retryAfterSeconds + " seconds or upgrade "
                + "your plan from https://app.apollo.io/#/settings/plans/upgrade."));
    }

    @Override
    protected SimResponse quotaExhausted(SimRequest r) {
        return SimResponse.json(422, Json.object("error", "You have insufficient credits to complete this request. "
                + "Please upgrade your plan or purchase additional credits."));
    }

    @Override
    protected SimResponse serverError(SimRequest r, int status) {
        return SimResponse.json(status, Json.object("error", "Something went wrong. Please try again."));
    }

    @Override
    protected SimResponse notFound(SimRequest r) {
        return SimResponse.json(404, Json.object("error", "Not Found"));
    }

    @Override
    protected SimResponse invalidJson(SimRequest r, String detail) {
        return SimResponse.json(400, Json.object("error", "Invalid JSON: " + detail));
    }

    @Override
    protected Map<String, String> rateLimitHeaders(RateLimitDecision d) {
        return Map.of("x-rate-limit-minute", Integer.toString(d.max()),
                "x-minute-usage", Integer.toString(d.max() - d.remaining()),
                "x-minute-requests-left", Integer.toString(d.remaining()));
    }
}
