package io.revtops.connectors.hubspot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.revtops.connectors.Checkpoint;
import io.revtops.connectors.ConnectorContext;
import io.revtops.connectors.Page;
import io.revtops.connectors.SyncedRecord;
import io.revtops.connectors.SyncedTable;
import io.revtops.connectors.testing.Connectors;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** HubSpot payloads as they come in real life: missing fields, wrong types, unknown enums, huge strings, bad dates. */
class HubSpotMapperTest {
    static final JsonMapper JSON = JsonMapper.builder().build();

    static JsonNode json(String s) {
        return JSON.readTree(s.replace('\'', '"'));
    }

    static SyncedRecord map(HubSpotObjectType type, String json) {
        return HubSpotMapper.map(type, json(json), type.extras, HubSpotMapper.Stages.NONE, Map.of());
    }

    static final String PIPELINES = """
            {'results':[{'id':'default','label':'Sales Pipeline','displayOrder':0,'stages':[
              {'id':'appointmentscheduled','label':'Appointment scheduled','displayOrder':0,'metadata':{'isClosed':'false','probability':'0.2'}},
              {'id':'closedwon','label':'Closed won','displayOrder':5,'metadata':{'isClosed':'true','probability':'1.0'}},
              {'id':'closedlost','label':'Closed lost','displayOrder':6,'metadata':{'isClosed':'true','probability':'0.0'}},
              {'id':'weird','label':'Weird','metadata':{'isClosed':'maybe','probability':'lots'}},
              {'label':'no id'}]}]}""";

    @Nested
    class Companies {
        @Test
        void aCompleteCompanyFillsItsColumnsAndExtras() {
            SyncedRecord r = map(HubSpotObjectType.COMPANIES, """
                    {'id':'5001','properties':{'name':'Acme','domain':'WWW.Acme.example','industry':'COMPUTER_SOFTWARE',
                     'numberofemployees':'250','annualrevenue':'1200000.50','hubspot_owner_id':'50000001','city':'Berlin',
                     'hs_lastmodifieddate':'2026-01-10T10:00:00.000Z'}}""");
            assertThat(r.table()).isEqualTo(SyncedTable.ACCOUNTS);
            assertThat(r.sourceId()).isEqualTo("5001");
            assertThat(r.columns()).containsEntry("name", "Acme").containsEntry("domain", "acme.example")
                    .containsEntry("employee_count", 250).containsEntry("owner_source_id", "50000001");
            assertThat((BigDecimal) r.columns().get("annual_revenue")).isEqualByComparingTo("1200000.5");
            assertThat(r.customFields()).containsEntry("city", "Berlin").containsEntry("hubspot_updated_at", "2026-01-10T10:00:00Z");
        }

        @Test
        void wrongTypesAndNonsenseLeaveColumnsEmptyButKeepTheRecord() {
            SyncedRecord r = map(HubSpotObjectType.COMPANIES, """
                    {'id':5002,'properties':{'name':{'nested':true},'domain':['x'],'numberofemployees':'many',
                     'annualrevenue':'1e400','hubspot_owner_id':null}}""");
            assertThat(r.sourceId()).isEqualTo("5002");
            assertThat(r.columns()).containsEntry("name", "(unnamed company 5002)")
                    .doesNotContainKeys("domain", "employee_count", "annual_revenue", "owner_source_id");
        }

        @Test
        void aNameFallsBackToTheDomain() {
            assertThat(map(HubSpotObjectType.COMPANIES, "{'id':'1','properties':{'domain':'https://globex.example/x'}}").columns())
                    .containsEntry("name", "globex.example").containsEntry("domain", "globex.example");
        }

        @Test
        void hugeStringsAreCappedAndNulCharactersDropped() {
            String huge = "A".repeat(300_000);
            SyncedRecord r = map(HubSpotObjectType.COMPANIES, "{'id':'3','properties':{'name':'Ac\\u0000me " + huge + "'}}");
            assertThat((String) r.columns().get("name")).startsWith("Acme A").hasSize(1_000).doesNotContain("\u0000");
        }

        @Test
        void aRecordWithoutAnIdIsRefused() {
            assertThatThrownBy(() -> map(HubSpotObjectType.COMPANIES, "{'properties':{'name':'Ghost'}}"))
                    .isInstanceOf(HubSpotMapper.Unmappable.class);
        }
    }

    @Nested
    class Contacts {
        @Test
        void nameIsBuiltAndTheCompanyLinkComesFromThePropertyOrTheAssociation() {
            SyncedRecord r = map(HubSpotObjectType.CONTACTS, """
                    {'id':'7','properties':{'firstname':'Pat','lastname':'Lee','email':'Pat.Lee@Acme.example','jobtitle':'CFO',
                     'mobilephone':'+1 555'},'associations':{'companies':{'results':[{'id':'5001','type':'contact_to_company'}]}}}""");
            assertThat(r.columns()).containsEntry("name", "Pat Lee").containsEntry("email", "pat.lee@acme.example")
                    .containsEntry("phone", "+1 555").containsEntry("account_source_id", "5001").containsEntry("title", "CFO");
        }

        @Test
        void anInvalidEmailIsKeptAsRawExtraNotAsTheColumn() {
            SyncedRecord r = map(HubSpotObjectType.CONTACTS, "{'id':'8','properties':{'email':'not-an-email','associatedcompanyid':'42'}}");
            assertThat(r.columns()).doesNotContainKey("email").containsEntry("account_source_id", "42");
            assertThat(r.customFields()).containsEntry("invalid_email", "not-an-email");
        }

        @Test
        void aContactWithOnlyAnEmailIsNamedByIt() {
            assertThat(map(HubSpotObjectType.CONTACTS, "{'id':'9','properties':{'email':'x@y.example'}}").columns())
                    .containsEntry("name", "x@y.example");
        }
    }

    @Nested
    class Deals {
        @Test
        void stagesGivePercentagesAndClosedFlags() {
            HubSpotMapper.Stages stages = HubSpotMapper.stages(json(PIPELINES));
            assertThat(stages.byId()).containsKeys("appointmentscheduled", "closedwon", "closedlost", "weird").hasSize(4);
            List<SyncedRecord> rows = HubSpotMapper.stageRecords(stages);
            SyncedRecord won = rows.stream().filter(s -> s.sourceId().equals("closedwon")).findFirst().orElseThrow();
            assertThat(won.columns()).containsEntry("is_closed_won", true).containsEntry("is_closed_lost", false)
                    .containsEntry("pipeline_source_id", "default");
            assertThat((BigDecimal) won.columns().get("probability")).isEqualByComparingTo("100");
            SyncedRecord lost = rows.stream().filter(s -> s.sourceId().equals("closedlost")).findFirst().orElseThrow();
            assertThat(lost.columns()).containsEntry("is_closed_lost", true);
            SyncedRecord weird = rows.stream().filter(s -> s.sourceId().equals("weird")).findFirst().orElseThrow();
            assertThat(weird.columns()).containsEntry("is_closed_won", false).doesNotContainKey("probability");
            assertThat(HubSpotMapper.pipelines(json(PIPELINES))).singleElement()
                    .satisfies(p -> assertThat(p.columns()).containsEntry("name", "Sales Pipeline"));
        }

        @Test
        void aDealTakesItsStageNameAndFlagsFromThePipelineWhenHubSpotOmitsThem() {
            SyncedRecord r = HubSpotMapper.map(HubSpotObjectType.DEALS, json("""
                    {'id':'900','properties':{'dealname':'Big','amount':'12,500.00','dealstage':'closedwon',
                     'closedate':'2026-03-31T00:00:00.000Z'},
                     'associations':{'companies':{'results':[{'id':'5001'},{'id':'5001'},{'id':'5002'}]},
                                     'contacts':{'results':[{'id':'7'}]}}}"""), List.of(), HubSpotMapper.stages(json(PIPELINES)), Map.of());
            assertThat(r.columns()).containsEntry("stage_name", "Closed won").containsEntry("is_closed", true)
                    .containsEntry("is_won", true).containsEntry("close_date", LocalDate.of(2026, 3, 31))
                    .containsEntry("account_source_id", "5001").containsEntry("pipeline_source_id", "default");
            assertThat((BigDecimal) r.columns().get("amount")).isEqualByComparingTo("12500");
            assertThat((BigDecimal) r.columns().get("probability")).isEqualByComparingTo("100");
            assertThat(r.customFields()).containsEntry("contact_ids", List.of("7")).containsEntry("company_ids", List.of("5001", "5002"));
        }

        @Test
        void anUnknownStageAndAnInvalidDateAreKeptAsWhatIsValid() {
            SyncedRecord r = HubSpotMapper.map(HubSpotObjectType.DEALS, json("""
                    {'id':'901','properties':{'dealname':'Odd','dealstage':'martian','closedate':'next tuesday',
                     'hs_is_closed':'perhaps','hs_deal_stage_probability':'7'}}"""), List.of(), HubSpotMapper.stages(json(PIPELINES)), Map.of());
            assertThat(r.columns()).containsEntry("stage_source_id", "martian").doesNotContainKeys("stage_name", "close_date")
                    .containsEntry("is_closed", false).containsEntry("is_won", false);
            // a probability beyond 0–1 is read as a percentage
            assertThat((BigDecimal) r.columns().get("probability")).isEqualByComparingTo("7");
            assertThat(r.customFields()).containsEntry("unknown_stage", "martian");
        }

        @Test
        void aDealWithoutANameIsStillKept() {
            assertThat(map(HubSpotObjectType.DEALS, "{'id':'902','properties':{}}").columns())
                    .containsEntry("name", "(unnamed deal 902)");
        }
    }

    @Nested
    class Engagements {
        @Test
        void callsKeepDirectionTimeAndLinks() {
            SyncedRecord r = map(HubSpotObjectType.CALLS, """
                    {'id':'30','properties':{'hs_timestamp':'2026-01-02T15:04:05.000Z','hs_call_title':'Intro',
                     'hs_call_body':'<p>Talked&nbsp;pricing</p>','hs_call_direction':'OUTBOUND','hs_call_duration':'60000'},
                     'associations':{'contacts':{'results':[{'id':'7'}]},'companies':{'results':[{'id':'5001'}]},
                                     'deals':{'results':[{'id':'900'}]}}}""");
            assertThat(r.columns()).containsEntry("type", "call").containsEntry("subject", "Intro")
                    .containsEntry("direction", "outbound").containsEntry("activity_date", Instant.parse("2026-01-02T15:04:05Z"))
                    .containsEntry("contact_source_id", "7").containsEntry("account_source_id", "5001")
                    .containsEntry("deal_source_id", "900").containsEntry("visibility", "team")
                    .containsEntry("searchable_text", "Intro\nTalked pricing");
            assertThat(r.customFields()).containsEntry("hs_call_duration", "60000");
        }

        @Test
        void anUnknownDirectionAndAnEpochTimestampAreHandled() {
            SyncedRecord r = map(HubSpotObjectType.CALLS, "{'id':'31','properties':{'hs_timestamp':1767225600000,'hs_call_direction':'SIDEWAYS'}}");
            assertThat(r.columns()).doesNotContainKey("direction").containsEntry("activity_date", Instant.ofEpochMilli(1767225600000L));
        }

        @Test
        void emailsSplitRecipientsAndReadDirection() {
            SyncedRecord r = map(HubSpotObjectType.EMAILS, """
                    {'id':'40','properties':{'hs_email_subject':'Re: quote','hs_email_text':'Thanks','hs_email_direction':'INCOMING_EMAIL',
                     'hs_email_from_email':'Pat@Acme.example','hs_email_to_email':'a@x.example; B <b@x.example>;junk',
                     'hs_timestamp':'not a date'},'createdAt':'2026-01-03T00:00:00Z'}""");
            assertThat(r.columns()).containsEntry("type", "email").containsEntry("direction", "inbound")
                    .containsEntry("from_email", "pat@acme.example").containsEntry("to_emails", List.of("a@x.example", "b@x.example"))
                    .containsEntry("activity_date", Instant.parse("2026-01-03T00:00:00Z"));
        }

        @Test
        void notesTakeTheirFirstLineAsSubjectAndMeetingsTheirStart() {
            SyncedRecord note = map(HubSpotObjectType.NOTES, "{'id':'60','properties':{'hs_note_body':'<div>Renewal risk</div><div>CFO left</div>'}}");
            assertThat(note.columns()).containsEntry("type", "note").containsEntry("subject", "Renewal risk");
            SyncedRecord meeting = map(HubSpotObjectType.MEETINGS, """
                    {'id':'50','properties':{'hs_meeting_title':'QBR','hs_timestamp':'2026-01-01T09:00:00Z',
                     'hs_meeting_start_time':'2026-01-05T10:00:00Z'}}""");
            assertThat(meeting.columns()).containsEntry("type", "meeting").containsEntry("activity_date", Instant.parse("2026-01-05T10:00:00Z"));
        }
    }

    @Test
    void goalsMapTheAssigneeToItsOwner() {
        SyncedRecord g = HubSpotMapper.map(HubSpotObjectType.GOALS, json("""
                {'id':'70','properties':{'hs_goal_name':'Q1 revenue','hs_target_amount':'250000','hs_start_datetime':'2026-01-01T00:00:00Z',
                 'hs_end_datetime':'2026-03-31T23:59:59.999Z','hs_assignee_user_id':'9000001','hs_kpi_display_name':'Meetings booked'}}"""),
                List.of(), HubSpotMapper.Stages.NONE, Map.of("9000001", "50000001"));
        assertThat(g.columns()).containsEntry("owner_source_id", "50000001").containsEntry("metric", "meetings_booked")
                .containsEntry("period_start", LocalDate.of(2026, 1, 1)).containsEntry("period_end", LocalDate.of(2026, 3, 31));
    }

    @Test
    void aPageWithOneBrokenRecordKeepsTheOthersAndReportsIt() throws Exception {
        try (var vendor = new io.revtops.connectors.http.FakeVendor()) {
            vendor.then(200, """
                    {'results':[{'id':'1','properties':{'name':'Good'}},{'properties':{'name':'No id'}},
                                {'id':'3','properties':{'name':'Also good'}}]}""".replace('\'', '"'));
            ConnectorContext ctx = Connectors.context(Connectors.client(HubSpotConnector.META, vendor.base().toString(),
                    new Connectors.FixedCredentials(io.revtops.connectors.Credentials.token("t")), Connectors.fastSettings("hubspot")),
                    Map.of(), java.time.Clock.systemUTC());
            Page page = new HubSpotConnector().fetch(ctx, new HubSpotConnector().streams().get(2),
                    Checkpoint.START.with("phase", "list").with("since", "2026-01-01T00:00:00Z"));
            assertThat(page.records()).extracting(SyncedRecord::sourceId).containsExactly("1", "3");
            assertThat(page.failures()).singleElement().satisfies(f -> assertThat(f.reason()).contains("without a usable id"));
        }
    }
}
