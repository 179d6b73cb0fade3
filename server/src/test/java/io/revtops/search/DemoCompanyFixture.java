package io.revtops.search;

import io.revtops.connectors.SyncedRecord;
import io.revtops.connectors.SyncedTable;
import io.revtops.simulators.demo.Account;
import io.revtops.simulators.demo.Call;
import io.revtops.simulators.demo.DemoCompany;
import io.revtops.simulators.demo.DriveFile;
import io.revtops.simulators.demo.Email;
import io.revtops.simulators.demo.LinearIssue;
import io.revtops.simulators.demo.Meeting;
import io.revtops.simulators.demo.Note;
import io.revtops.simulators.demo.PullRequest;
import io.revtops.simulators.demo.SlackChannel;
import io.revtops.simulators.demo.SlackMessage;
import io.revtops.sync.SyncTarget;
import io.revtops.testing.TestApi.Session;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The demo company (the simulators' deterministic generator) written into one organization through the real record
 * writer, with the generator's ids as source ids: emails, calls, notes and Slack messages as activities, meetings
 * with transcripts, Linear issues, pull requests and Drive files with their fetched text. Until the connectors'
 * branches are merged this stands in for "sync the demo company from the simulators".
 */
public final class DemoCompanyFixture {
    public static final long SEED = 42;
    public static final double SCALE = 0.05;

    private DemoCompanyFixture() {}

    public static DemoCompany company() {
        return DemoCompany.generate(SEED, SCALE);
    }

    public static void load(SearchFixture fx, JdbcClient owner, Session admin, DemoCompany c) {
        SyncTarget crm = fx.teamTarget(admin, "hubspot");
        write(fx, admin, crm, SyncedTable.ACCOUNTS, c.accounts(), a -> SyncedRecord.of(SyncedTable.ACCOUNTS, a.id())
                .set("name", a.name()).set("domain", a.domain()).set("industry", a.industry().toString()).build());
        SyncTarget mail = fx.teamTarget(admin, "gmail");
        write(fx, admin, mail, SyncedTable.ACTIVITIES, c.emails(), DemoCompanyFixture::email);
        write(fx, admin, crm, SyncedTable.ACTIVITIES, c.calls(), DemoCompanyFixture::call);
        write(fx, admin, crm, SyncedTable.ACTIVITIES, c.notes(), DemoCompanyFixture::note);
        Map<String, String> channels = c.slackChannels().stream().collect(Collectors.toMap(SlackChannel::id, SlackChannel::name));
        write(fx, admin, fx.teamTarget(admin, "slack"), SyncedTable.ACTIVITIES, c.slackMessages(), m -> slack(m, channels));
        write(fx, admin, fx.teamTarget(admin, "google_calendar"), SyncedTable.MEETINGS, c.meetings(), DemoCompanyFixture::meeting);
        write(fx, admin, fx.teamTarget(admin, "linear"), SyncedTable.TRACKER_ISSUES, c.linearIssues(), DemoCompanyFixture::issue);
        write(fx, admin, fx.teamTarget(admin, "github"), SyncedTable.GITHUB_PULL_REQUESTS, c.pullRequests(), DemoCompanyFixture::pull);
        write(fx, admin, fx.teamTarget(admin, "google_drive"), SyncedTable.SHARED_FILES, c.driveFiles(), DemoCompanyFixture::file);
        // Drive content is fetched on demand, not synced: as if every file had been opened once
        for (DriveFile f : c.driveFiles()) {
            owner.sql("UPDATE shared_files SET content_text = :t WHERE organization_id = :o AND source_id = :s")
                    .param("t", f.content()).param("o", admin.orgId()).param("s", f.id()).update();
        }
    }

    private static <T> void write(SearchFixture fx, Session admin, SyncTarget target, SyncedTable table, List<T> items,
                                  Function<T, SyncedRecord> map) {
        List<SyncedRecord> batch = new ArrayList<>();
        for (T item : items) {
            batch.add(map.apply(item));
            if (batch.size() == 500) {
                fx.write(admin, target, table, batch);
                batch = new ArrayList<>();
            }
        }
        if (!batch.isEmpty()) fx.write(admin, target, table, batch);
    }

    static SyncedRecord email(Email e) {
        return SyncedRecord.of(SyncedTable.ACTIVITIES, e.id()).set("type", "email").set("subject", e.subject())
                .set("description", e.body()).set("activity_date", e.sentAt()).set("from_email", e.from())
                .set("to_emails", e.to()).set("thread_id", e.threadId()).set("direction", e.direction().toString().toLowerCase())
                .set("account_source_id", e.accountId().orElse(null)).set("deal_source_id", e.dealId().orElse(null)).build();
    }

    static SyncedRecord call(Call c) {
        return SyncedRecord.of(SyncedTable.ACTIVITIES, c.id()).set("type", "call").set("subject", c.title())
                .set("description", c.notes() + " Outcome: " + c.outcome()).set("activity_date", c.at())
                .set("account_source_id", c.accountId()).set("deal_source_id", c.dealId().orElse(null)).build();
    }

    static SyncedRecord note(Note n) {
        return SyncedRecord.of(SyncedTable.ACTIVITIES, n.id()).set("type", "note").set("description", n.body())
                .set("activity_date", n.at()).set("account_source_id", n.accountId())
                .set("deal_source_id", n.dealId().orElse(null)).build();
    }

    static SyncedRecord slack(SlackMessage m, Map<String, String> channels) {
        return SyncedRecord.of(SyncedTable.ACTIVITIES, m.id()).set("type", "slack_message")
                .set("subject", "#" + channels.getOrDefault(m.channelId(), m.channelId())).set("description", m.text())
                .set("activity_date", m.at()).build();
    }

    static SyncedRecord meeting(Meeting m) {
        return SyncedRecord.of(SyncedTable.MEETINGS, m.id()).set("title", m.title()).set("start_time", m.start())
                .set("end_time", m.end()).set("summary", m.summary()).set("action_items", m.actionItems())
                .set("transcript", m.transcript()).build();
    }

    static SyncedRecord issue(LinearIssue i) {
        return SyncedRecord.of(SyncedTable.TRACKER_ISSUES, i.id()).set("identifier", i.identifier()).set("title", i.title())
                .set("description", i.description()).set("state", i.state()).set("priority", i.priority())
                .set("labels", i.labels()).set("created_at_source", i.createdAt()).build();
    }

    static SyncedRecord pull(PullRequest p) {
        return SyncedRecord.of(SyncedTable.GITHUB_PULL_REQUESTS, p.id()).set("repository_source_id", p.repoId())
                .set("number", p.number()).set("title", p.title()).set("body", p.body()).set("state", p.state())
                .set("created_at_source", p.createdAt()).build();
    }

    static SyncedRecord file(DriveFile f) {
        return SyncedRecord.of(SyncedTable.SHARED_FILES, f.id()).set("name", f.name()).set("mime_type", f.mimeType())
                .set("folder_path", f.folderPath()).set("modified_time", f.modifiedTime()).build();
    }

    /** The account a generator account id was written as, for filters. */
    public static Account account(DemoCompany c, String id) {
        return c.account(id).orElseThrow();
    }
}
