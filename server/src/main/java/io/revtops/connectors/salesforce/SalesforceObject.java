package io.revtops.connectors.salesforce;

import io.revtops.connectors.SyncedTable;
import java.util.List;
import java.util.Optional;

/** The sObjects Revtops syncs: the stream (checkpoint key), the table it fills and the fields it selects. */
enum SalesforceObject {
    ACCOUNT("Account", "accounts", SyncedTable.ACCOUNTS, List.of("Id", "Name", "Website", "Industry", "NumberOfEmployees",
            "AnnualRevenue", "OwnerId", "Type", "Phone", "BillingCity", "BillingCountry", "Description", "CreatedDate",
            "LastModifiedDate")),
    CONTACT("Contact", "contacts", SyncedTable.CONTACTS, List.of("Id", "FirstName", "LastName", "Name", "Email", "Title",
            "Phone", "AccountId", "OwnerId", "CreatedDate", "LastModifiedDate")),
    OPPORTUNITY("Opportunity", "deals", SyncedTable.DEALS, List.of("Id", "Name", "Amount", "StageName", "Probability",
            "CloseDate", "OwnerId", "AccountId", "IsClosed", "IsWon", "Type", "LeadSource", "NextStep",
            "ForecastCategoryName", "Description", "CreatedDate", "LastModifiedDate")),
    TASK("Task", "tasks", SyncedTable.ACTIVITIES, List.of("Id", "Subject", "Description", "ActivityDate", "Status",
            "Priority", "TaskSubtype", "CallType", "CallDurationInSeconds", "CallDisposition", "WhoId", "WhatId",
            "AccountId", "OwnerId", "CreatedDate", "LastModifiedDate")),
    EVENT("Event", "events", SyncedTable.ACTIVITIES, List.of("Id", "Subject", "Description", "Location", "StartDateTime",
            "EndDateTime", "ActivityDateTime", "DurationInMinutes", "WhoId", "WhatId", "AccountId", "OwnerId",
            "CreatedDate", "LastModifiedDate"));

    final String sobject;
    final String stream;
    final SyncedTable table;
    final List<String> fields;

    SalesforceObject(String sobject, String stream, SyncedTable table, List<String> fields) {
        this.sobject = sobject;
        this.stream = stream;
        this.table = table;
        this.fields = fields;
    }

    static Optional<SalesforceObject> byStream(String stream) {
        for (SalesforceObject o : values()) if (o.stream.equals(stream)) return Optional.of(o);
        return Optional.empty();
    }

    static Optional<SalesforceObject> bySObject(String name) {
        for (SalesforceObject o : values()) if (o.sobject.equalsIgnoreCase(name)) return Optional.of(o);
        return Optional.empty();
    }
}
