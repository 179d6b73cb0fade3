package io.revtops.connectors.apollo;

import static io.revtops.connectors.mapping.VendorValues.decimal;
import static io.revtops.connectors.mapping.VendorValues.integer;
import static io.revtops.connectors.mapping.VendorValues.text;

import io.revtops.connectors.mapping.VendorValues;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Apollo person and organization JSON → the compact facts the agent gets, plus the column updates they would mean
 * for our contacts/accounts ({@code proposed_updates}) — proposals only: enrichment never writes our tables itself.
 */
final class ApolloMapper {
    private ApolloMapper() {}

    static Map<String, Object> person(JsonNode p) {
        Map<String, Object> m = new LinkedHashMap<>();
        put(m, "apollo_id", text(p.path("id")));
        put(m, "name", text(p.path("name")));
        put(m, "first_name", text(p.path("first_name")));
        put(m, "last_name", text(p.path("last_name")));
        put(m, "title", text(p.path("title")));
        put(m, "headline", text(p.path("headline")));
        put(m, "email", VendorValues.email(p.path("email")));
        put(m, "email_status", text(p.path("email_status")));
        put(m, "seniority", text(p.path("seniority")));
        put(m, "departments", strings(p.path("departments")));
        put(m, "linkedin_url", text(p.path("linkedin_url")));
        put(m, "city", text(p.path("city")));
        put(m, "state", text(p.path("state")));
        put(m, "country", text(p.path("country")));
        JsonNode org = p.path("organization");
        if (org.isObject() && !org.isEmpty()) put(m, "organization", organization(org));
        else put(m, "organization_name", text(p.path("employment_history").path(0).path("organization_name")));
        Map<String, Object> updates = new LinkedHashMap<>();
        put(updates, "title", text(p.path("title")));
        put(updates, "first_name", text(p.path("first_name")));
        put(updates, "last_name", text(p.path("last_name")));
        if (!updates.isEmpty()) m.put("proposed_updates", Map.of("contacts", updates));
        return m;
    }

    static Map<String, Object> organization(JsonNode o) {
        Map<String, Object> m = new LinkedHashMap<>();
        put(m, "apollo_id", text(o.path("id")));
        put(m, "name", text(o.path("name")));
        String domain = text(o.path("primary_domain"));
        put(m, "domain", domain);
        put(m, "website_url", text(o.path("website_url")));
        put(m, "industry", text(o.path("industry")));
        put(m, "employee_count", integer(o.path("estimated_num_employees")));
        put(m, "annual_revenue", decimal(o.path("annual_revenue")));
        put(m, "annual_revenue_printed", text(o.path("annual_revenue_printed")));
        put(m, "founded_year", integer(o.path("founded_year")));
        put(m, "linkedin_url", text(o.path("linkedin_url")));
        put(m, "phone", text(o.path("phone")));
        put(m, "city", text(o.path("city")));
        put(m, "country", text(o.path("country")));
        put(m, "short_description", VendorValues.clean(text(o.path("short_description")), 2_000));
        put(m, "keywords", strings(o.path("keywords")));
        Map<String, Object> updates = new LinkedHashMap<>();
        put(updates, "industry", text(o.path("industry")));
        put(updates, "employee_count", integer(o.path("estimated_num_employees")));
        put(updates, "annual_revenue", decimal(o.path("annual_revenue")));
        put(updates, "domain", domain);
        if (!updates.isEmpty()) m.put("proposed_updates", Map.of("accounts", updates));
        return m;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : array) {
            String s = text(n);
            if (s != null && out.size() < 20) out.add(s);
        }
        return out.isEmpty() ? null : out;
    }

    private static void put(Map<String, Object> m, String key, Object value) {
        if (value != null) m.put(key, value);
    }
}
