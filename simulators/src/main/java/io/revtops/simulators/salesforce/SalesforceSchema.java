package io.revtops.simulators.salesforce;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The sObjects the Salesforce simulator serves, with the standard fields it knows and their types. */
final class SalesforceSchema {

    enum Type { ID, STRING, TEXTAREA, EMAIL, PHONE, URL, PICKLIST, CURRENCY, DOUBLE, PERCENT, INT, BOOLEAN, DATE,
        DATETIME, REFERENCE }

    /** A field; {@code referenceTo} names the sObject a REFERENCE points at. */
    record Field(String name, Type type, boolean createable, boolean updateable, boolean requiredOnCreate,
                 String referenceTo, List<String> picklist) {

        String soapType() {
            return switch (type) {
                case CURRENCY, DOUBLE, PERCENT -> "xsd:double";
                case INT -> "xsd:int";
                case BOOLEAN -> "xsd:boolean";
                case DATE -> "xsd:date";
                case DATETIME -> "xsd:dateTime";
                case ID, REFERENCE -> "tns:ID";
                default -> "xsd:string";
            };
        }
    }

    record SObject(String name, String keyPrefix, boolean writable, Map<String, Field> fields) {

        /** Field by case-insensitive name. */
        Optional<Field> field(String name) {
            Field exact = fields.get(name);
            if (exact != null) {
                return Optional.of(exact);
            }
            String lower = name.toLowerCase(Locale.ROOT);
            return fields.values().stream().filter(f -> f.name().toLowerCase(Locale.ROOT).equals(lower)).findFirst();
        }

        boolean hasIsDeleted() {
            return fields.containsKey("IsDeleted");
        }
    }

    private final Map<String, SObject> objects = new LinkedHashMap<>();

    SalesforceSchema(List<String> stageLabels) {
        objects.put("Account", new Builder("Account", "001", true).standard(true)
                .field("Name", Type.STRING, true).field("Type", Type.PICKLIST).field("Industry", Type.PICKLIST)
                .field("Website", Type.URL).field("Phone", Type.PHONE).field("BillingCity", Type.STRING)
                .field("BillingCountry", Type.STRING).field("NumberOfEmployees", Type.INT)
                .field("AnnualRevenue", Type.CURRENCY).field("Description", Type.TEXTAREA)
                .reference("OwnerId", "User").build());
        objects.put("Contact", new Builder("Contact", "003", true).standard(true)
                .reference("AccountId", "Account").field("FirstName", Type.STRING).field("LastName", Type.STRING, true)
                .readOnly("Name", Type.STRING).field("Email", Type.EMAIL).field("Title", Type.STRING)
                .field("Phone", Type.PHONE).field("Description", Type.TEXTAREA).reference("OwnerId", "User").build());
        objects.put("Opportunity", new Builder("Opportunity", "006", true).standard(true)
                .reference("AccountId", "Account").field("Name", Type.STRING, true).field("Description", Type.TEXTAREA)
                .picklist("StageName", stageLabels, true).field("Amount", Type.CURRENCY)
                .field("Probability", Type.PERCENT).field("CloseDate", Type.DATE, true).field("Type", Type.PICKLIST)
                .field("LeadSource", Type.PICKLIST).field("NextStep", Type.STRING).readOnly("IsClosed", Type.BOOLEAN)
                .readOnly("IsWon", Type.BOOLEAN).readOnly("ForecastCategoryName", Type.PICKLIST)
                .reference("OwnerId", "User").build());
        objects.put("Task", new Builder("Task", "00T", true).standard(true)
                .reference("WhoId", "Contact").reference("WhatId", "").readOnly("AccountId", Type.REFERENCE)
                .field("Subject", Type.STRING).field("ActivityDate", Type.DATE)
                .picklist("Status", List.of("Not Started", "In Progress", "Completed", "Waiting on someone else",
                        "Deferred"), false)
                .picklist("Priority", List.of("High", "Normal", "Low"), false).field("Description", Type.TEXTAREA)
                .picklist("TaskSubtype", List.of("Task", "Email", "Call", "ListEmail", "Cadence"), false)
                .picklist("CallType", List.of("Internal", "Inbound", "Outbound"), false)
                .field("CallDurationInSeconds", Type.INT).field("CallDisposition", Type.STRING)
                .readOnly("IsClosed", Type.BOOLEAN).reference("OwnerId", "User").build());
        objects.put("Event", new Builder("Event", "00U", true).standard(true)
                .reference("WhoId", "Contact").reference("WhatId", "").readOnly("AccountId", Type.REFERENCE)
                .field("Subject", Type.STRING).field("Location", Type.STRING).field("Description", Type.TEXTAREA)
                .field("StartDateTime", Type.DATETIME).field("EndDateTime", Type.DATETIME)
                .field("ActivityDateTime", Type.DATETIME).field("ActivityDate", Type.DATE)
                .field("DurationInMinutes", Type.INT).reference("OwnerId", "User").build());
        objects.put("User", new Builder("User", "005", false).standard(false)
                .field("Username", Type.STRING).field("Email", Type.EMAIL).field("FirstName", Type.STRING)
                .field("LastName", Type.STRING).readOnly("Name", Type.STRING).field("Title", Type.STRING)
                .field("Department", Type.STRING).field("IsActive", Type.BOOLEAN).readOnly("UserType", Type.PICKLIST)
                .build());
        objects.put("OpportunityStage", new Builder("OpportunityStage", "01J", false).standard(false)
                .field("MasterLabel", Type.STRING).field("ApiName", Type.STRING).field("IsActive", Type.BOOLEAN)
                .field("SortOrder", Type.INT).field("IsClosed", Type.BOOLEAN).field("IsWon", Type.BOOLEAN)
                .field("DefaultProbability", Type.PERCENT).field("ForecastCategoryName", Type.PICKLIST)
                .field("Description", Type.STRING).build());
    }

    /** sObject by case-insensitive name. */
    Optional<SObject> object(String name) {
        return objects.values().stream().filter(o -> o.name().equalsIgnoreCase(name)).findFirst();
    }

    SObject require(String name) {
        return object(name).orElseThrow(() -> new IllegalArgumentException("no sObject " + name));
    }

    List<SObject> all() {
        return List.copyOf(objects.values());
    }

    Optional<SObject> byKeyPrefix(String id) {
        return objects.values().stream().filter(o -> id.startsWith(o.keyPrefix())).findFirst();
    }

    private static final class Builder {
        private final String name;
        private final String prefix;
        private final boolean writable;
        private final Map<String, Field> fields = new LinkedHashMap<>();

        Builder(String name, String prefix, boolean writable) {
            this.name = name;
            this.prefix = prefix;
            this.writable = writable;
            readOnly("Id", Type.ID);
        }

        /** Audit fields every sObject has; {@code deletable} adds IsDeleted (User and OpportunityStage lack it). */
        Builder standard(boolean deletable) {
            if (deletable) {
                readOnly("IsDeleted", Type.BOOLEAN);
            }
            readOnly("CreatedDate", Type.DATETIME);
            fields.put("CreatedById", new Field("CreatedById", Type.REFERENCE, false, false, false, "User", List.of()));
            readOnly("LastModifiedDate", Type.DATETIME);
            fields.put("LastModifiedById", new Field("LastModifiedById", Type.REFERENCE, false, false, false, "User",
                    List.of()));
            readOnly("SystemModstamp", Type.DATETIME);
            return this;
        }

        Builder field(String field, Type type) {
            return field(field, type, false);
        }

        Builder field(String field, Type type, boolean required) {
            fields.put(field, new Field(field, type, writable, writable, required, "", List.of()));
            return this;
        }

        Builder picklist(String field, List<String> values, boolean required) {
            fields.put(field, new Field(field, Type.PICKLIST, writable, writable, required, "", List.copyOf(values)));
            return this;
        }

        Builder reference(String field, String to) {
            fields.put(field, new Field(field, Type.REFERENCE, writable, writable, false, to, List.of()));
            return this;
        }

        Builder readOnly(String field, Type type) {
            fields.put(field, new Field(field, type, false, false, false, "", List.of()));
            return this;
        }

        SObject build() {
            if (!fields.containsKey("CreatedDate")) {
                standard(false);
            }
            return new SObject(name, prefix, writable, java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields)));
        }
    }
}
