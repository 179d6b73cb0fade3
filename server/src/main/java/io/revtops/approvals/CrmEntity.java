package io.revtops.approvals;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How a synced CRM table maps onto a connector's writes: which operations create and update its records, the
 * parameter holding the vendor id and the one holding the changed properties, and which of our columns is which
 * vendor property. Used for diffs against the local record, duplicate warnings on creates, and to turn
 * {@code run_sql_write} statements on deals, contacts and accounts into proposals.
 *
 * <p>This knowledge belongs with the connectors; it lives here until the connector SPI can describe it.
 */
public record CrmEntity(String connector, String table, String noun, String createOp, String updateOp, String idParam,
                        String propertiesParam, Map<String, String> columnToProperty, Optional<String> duplicateColumn) {

    public static final List<CrmEntity> ALL = List.of(
            new CrmEntity("hubspot", "deals", "deal", "create_deal", "update_deal", "deal_id", "properties",
                    ordered("name", "dealname", "amount", "amount", "close_date", "closedate", "stage_source_id", "dealstage",
                            "pipeline_source_id", "pipeline", "owner_source_id", "hubspot_owner_id"), Optional.of("name")),
            new CrmEntity("hubspot", "contacts", "contact", "create_contact", "update_contact", "contact_id", "properties",
                    ordered("first_name", "firstname", "last_name", "lastname", "email", "email", "title", "jobtitle",
                            "phone", "phone"), Optional.of("email")),
            new CrmEntity("hubspot", "accounts", "company", "create_company", "update_company", "company_id", "properties",
                    ordered("name", "name", "domain", "domain", "industry", "industry", "employee_count", "numberofemployees",
                            "annual_revenue", "annualrevenue", "owner_source_id", "hubspot_owner_id"), Optional.of("domain")),
            new CrmEntity("salesforce", "deals", "opportunity", "create_opportunity", "update_opportunity", "opportunity_id",
                    "fields", ordered("name", "Name", "amount", "Amount", "close_date", "CloseDate", "stage_source_id",
                            "StageName", "probability", "Probability", "owner_source_id", "OwnerId"), Optional.of("name")),
            new CrmEntity("salesforce", "contacts", "contact", "create_contact", "update_contact", "contact_id", "fields",
                    ordered("first_name", "FirstName", "last_name", "LastName", "email", "Email", "title", "Title",
                            "phone", "Phone"), Optional.of("email")),
            new CrmEntity("salesforce", "accounts", "account", "create_account", "update_account", "account_id", "fields",
                    ordered("name", "Name", "domain", "Website", "industry", "Industry", "employee_count", "NumberOfEmployees",
                            "annual_revenue", "AnnualRevenue", "owner_source_id", "OwnerId"), Optional.of("domain")));

    /** The tables whose writes become proposals. */
    public static final List<String> TABLES = List.of("deals", "contacts", "accounts");

    public static Optional<CrmEntity> byOperation(String connector, String operation) {
        return ALL.stream().filter(e -> e.connector.equals(connector)
                && (e.createOp.equals(operation) || e.updateOp.equals(operation))).findFirst();
    }

    public static Optional<CrmEntity> byTable(String connector, String table) {
        return ALL.stream().filter(e -> e.connector.equals(connector) && e.table.equals(table)).findFirst();
    }

    public Optional<String> propertyFor(String column) {
        return Optional.ofNullable(columnToProperty.get(column));
    }

    public Optional<String> columnFor(String property) {
        return columnToProperty.entrySet().stream().filter(e -> e.getValue().equalsIgnoreCase(property))
                .map(Map.Entry::getKey).findFirst();
    }

    public boolean isUpdate(String operation) {
        return updateOp.equals(operation);
    }

    private static Map<String, String> ordered(String... pairs) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) m.put(pairs[i], pairs[i + 1]);
        return java.util.Collections.unmodifiableMap(m);
    }
}
