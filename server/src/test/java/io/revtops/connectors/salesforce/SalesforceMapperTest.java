package io.revtops.connectors.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.revtops.connectors.SyncedRecord;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Salesforce rows as they come: compact-offset datetimes, nulls, wrong types, Leads in WhoId, odd picklists. */
class SalesforceMapperTest {
    static final JsonMapper JSON = JsonMapper.builder().build();

    static JsonNode json(String s) {
        return JSON.readTree(s.replace('\'', '"'));
    }

    @Test
    void anOpportunityKeepsItsStageAmountDatesAndLinks() {
        SyncedRecord r = SalesforceMapper.map(SalesforceObject.OPPORTUNITY, json("""
                {'attributes':{'type':'Opportunity'},'Id':'006000000000001AAA','Name':'Big deal','Amount':125000.0,
                 'StageName':'Negotiation/Review','Probability':80.0,'CloseDate':'2026-03-31','IsClosed':false,'IsWon':false,
                 'AccountId':'001000000000001AAA','OwnerId':'005000000000001AAA','NextStep':null,
                 'LastModifiedDate':'2026-01-10T12:30:00.000+0000'}"""));
        assertThat(r.columns()).containsEntry("name", "Big deal").containsEntry("stage_source_id", "Negotiation/Review")
                .containsEntry("stage_name", "Negotiation/Review").containsEntry("close_date", LocalDate.of(2026, 3, 31))
                .containsEntry("account_source_id", "001000000000001AAA").containsEntry("owner_source_id", "005000000000001AAA")
                .containsEntry("is_closed", false).containsEntry("is_won", false);
        assertThat((BigDecimal) r.columns().get("amount")).isEqualByComparingTo("125000");
        assertThat((BigDecimal) r.columns().get("probability")).isEqualByComparingTo("80");
        assertThat(r.customFields()).containsEntry("salesforce_updated_at", "2026-01-10T12:30:00Z").doesNotContainKey("NextStep");
    }

    @Test
    void wrongTypesAndBadValuesLeaveColumnsEmpty() {
        SyncedRecord r = SalesforceMapper.map(SalesforceObject.OPPORTUNITY, json("""
                {'Id':'006000000000002AAA','Amount':'a lot','Probability':250,'CloseDate':'31/03/2026','IsWon':'sometimes',
                 'AccountId':'not-an-id'}"""));
        assertThat(r.columns()).containsEntry("name", "(unnamed opportunity 006000000000002AAA)")
                .doesNotContainKeys("amount", "probability", "close_date", "account_source_id").containsEntry("is_won", false);
    }

    @Test
    void aRowWithoutAValidIdIsRefused() {
        assertThatThrownBy(() -> SalesforceMapper.map(SalesforceObject.ACCOUNT, json("{'Name':'x'}")))
                .isInstanceOf(SalesforceMapper.Unmappable.class);
        assertThatThrownBy(() -> SalesforceMapper.map(SalesforceObject.ACCOUNT, json("{'Id':'x; DROP TABLE'}")))
                .isInstanceOf(SalesforceMapper.Unmappable.class);
    }

    @Test
    void anAccountTakesItsDomainFromTheWebsite() {
        SyncedRecord r = SalesforceMapper.map(SalesforceObject.ACCOUNT, json("""
                {'Id':'001000000000001AAA','Name':'Acme','Website':'HTTPS://www.Acme.example:443/about','NumberOfEmployees':-5,
                 'AnnualRevenue':9.5E7,'Industry':'Technology'}"""));
        assertThat(r.columns()).containsEntry("domain", "acme.example").containsEntry("industry", "Technology")
                .doesNotContainKey("employee_count");
        assertThat((BigDecimal) r.columns().get("annual_revenue")).isEqualByComparingTo("95000000");
    }

    @Test
    void tasksBecomeCallsEmailsOrTasksWithTheirLinks() {
        SyncedRecord call = SalesforceMapper.map(SalesforceObject.TASK, json("""
                {'Id':'00T000000000001AAA','Subject':'Call','TaskSubtype':'Call','CallType':'Outbound','ActivityDate':'2026-01-02',
                 'CreatedDate':'2026-01-02T15:00:00.000+0000','WhoId':'003000000000001AAA','WhatId':'006000000000001AAA',
                 'AccountId':'001000000000001AAA','Description':'Discussed <b>pricing</b>'}"""));
        assertThat(call.columns()).containsEntry("type", "call").containsEntry("direction", "outbound")
                .containsEntry("activity_date", Instant.parse("2026-01-02T15:00:00Z"))
                .containsEntry("contact_source_id", "003000000000001AAA").containsEntry("deal_source_id", "006000000000001AAA")
                .containsEntry("account_source_id", "001000000000001AAA").containsEntry("searchable_text", "Call\nDiscussed pricing");
        SyncedRecord todo = SalesforceMapper.map(SalesforceObject.TASK, json("""
                {'Id':'00T000000000002AAA','Subject':'Send contract','TaskSubtype':'Cadence?','ActivityDate':'2026-02-01',
                 'WhoId':'00Q000000000001AAA','WhatId':'001000000000009AAA'}"""));
        assertThat(todo.columns()).containsEntry("type", "task").containsEntry("activity_date", Instant.parse("2026-02-01T00:00:00Z"))
                .containsEntry("account_source_id", "001000000000009AAA").doesNotContainKey("contact_source_id");
        assertThat(todo.customFields()).containsEntry("who_id", "00Q000000000001AAA");
        SyncedRecord email = SalesforceMapper.map(SalesforceObject.TASK, json("{'Id':'00T000000000003AAA','TaskSubtype':'Email','CreatedDate':'garbage'}"));
        assertThat(email.columns()).containsEntry("type", "email").doesNotContainKey("activity_date");
    }

    @Test
    void eventsAreMeetingsAtTheirStart() {
        SyncedRecord r = SalesforceMapper.map(SalesforceObject.EVENT, json("""
                {'Id':'00U000000000001AAA','Subject':'QBR','StartDateTime':'2026-01-05T10:00:00.000+0100','Location':'Zoom'}"""));
        assertThat(r.columns()).containsEntry("type", "meeting").containsEntry("activity_date", Instant.parse("2026-01-05T09:00:00Z"));
        assertThat(r.customFields()).containsEntry("Location", "Zoom");
    }

    @Test
    void stagesAreKeyedByTheirApiName() {
        SyncedRecord won = SalesforceMapper.stage(json("""
                {'Id':'01J000000000001AAA','MasterLabel':'Closed Won','ApiName':'Closed Won','SortOrder':7,'IsClosed':true,
                 'IsWon':true,'DefaultProbability':100.0}"""));
        assertThat(won.sourceId()).isEqualTo("Closed Won");
        assertThat(won.columns()).containsEntry("is_closed_won", true).containsEntry("is_closed_lost", false)
                .containsEntry("display_order", 7);
        SyncedRecord lost = SalesforceMapper.stage(json("{'Id':'01J000000000002AAA','MasterLabel':'Closed Lost','IsClosed':true,'IsWon':false}"));
        assertThat(lost.sourceId()).isEqualTo("Closed Lost");
        assertThat(lost.columns()).containsEntry("is_closed_lost", true);
    }

    @Test
    void contactsWithABadEmailKeepTheRawValueAsAnExtra() {
        SyncedRecord r = SalesforceMapper.map(SalesforceObject.CONTACT, json("""
                {'Id':'003000000000001AAA','FirstName':'Pat','LastName':'Lee','Email':'pat at acme','AccountId':'001000000000001AAA'}"""));
        assertThat(r.columns()).containsEntry("name", "Pat Lee").doesNotContainKey("email");
        assertThat(r.customFields()).containsEntry("invalid_email", "pat at acme");
    }
}
