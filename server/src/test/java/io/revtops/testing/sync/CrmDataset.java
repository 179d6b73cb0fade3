package io.revtops.testing.sync;

import io.revtops.connectors.SyncedRecord;
import io.revtops.connectors.SyncedTable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A small deterministic CRM: pipelines with stages, accounts, their contacts, deals and activities. */
public final class CrmDataset {
    public static final int PIPELINES = 2;
    public static final int STAGES = 6;
    public static final int ACCOUNTS = 25;
    public static final int CONTACTS = 50;
    public static final int DEALS = 30;
    public static final int ACTIVITIES = 20;

    private CrmDataset() {}

    /** The expected row count per table after a full sync. */
    public static Map<String, Integer> counts() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("pipelines", PIPELINES);
        m.put("pipeline_stages", STAGES);
        m.put("accounts", ACCOUNTS);
        m.put("contacts", CONTACTS);
        m.put("deals", DEALS);
        m.put("activities", ACTIVITIES);
        return m;
    }

    public static void seed(FakeVendor vendor, UUID integrationId) {
        vendor.put(integrationId, "pipelines", pipelines());
        vendor.put(integrationId, "pipeline_stages", stages());
        vendor.put(integrationId, "accounts", accounts());
        vendor.put(integrationId, "contacts", contacts());
        vendor.put(integrationId, "deals", deals());
        vendor.put(integrationId, "activities", activities());
    }

    static List<SyncedRecord> pipelines() {
        List<SyncedRecord> out = new ArrayList<>();
        for (int p = 1; p <= PIPELINES; p++) {
            out.add(SyncedRecord.of(SyncedTable.PIPELINES, "p" + p).set("name", "Pipeline " + p).set("display_order", p).build());
        }
        return out;
    }

    static List<SyncedRecord> stages() {
        List<SyncedRecord> out = new ArrayList<>();
        for (int p = 1; p <= PIPELINES; p++) {
            for (int s = 1; s <= STAGES / PIPELINES; s++) {
                out.add(SyncedRecord.of(SyncedTable.PIPELINE_STAGES, "p" + p + "-s" + s).set("pipeline_source_id", "p" + p)
                        .set("name", "Stage " + s).set("display_order", s).set("probability", new BigDecimal("0." + s * 3))
                        .set("is_closed_won", s == 3).build());
            }
        }
        return out;
    }

    public static SyncedRecord account(int i, String name) {
        return SyncedRecord.of(SyncedTable.ACCOUNTS, "a" + i).set("name", name).set("domain", "acct" + i + ".example")
                .set("industry", i % 2 == 0 ? "Software" : "Retail").set("employee_count", i * 10)
                .set("annual_revenue", new BigDecimal(i * 1000 + ".50")).set("owner_source_id", "owner-" + (i % 3))
                .custom("tier", i % 3 == 0 ? "gold" : "silver").custom("tags", List.of("t" + i, "x")).build();
    }

    static List<SyncedRecord> accounts() {
        List<SyncedRecord> out = new ArrayList<>();
        for (int i = 1; i <= ACCOUNTS; i++) out.add(account(i, "Account " + i));
        return out;
    }

    static List<SyncedRecord> contacts() {
        List<SyncedRecord> out = new ArrayList<>();
        for (int i = 1; i <= ACCOUNTS; i++) {
            for (int k = 1; k <= CONTACTS / ACCOUNTS; k++) {
                out.add(SyncedRecord.of(SyncedTable.CONTACTS, "c" + i + "-" + k).set("first_name", "Pat" + k).set("last_name", "Doe" + i)
                        .set("name", "Pat" + k + " Doe" + i).set("email", "pat" + k + "@acct" + i + ".example")
                        .set("account_source_id", "a" + i).set("phone", 5550000 + i * 10 + k).build());
            }
        }
        return out;
    }

    static List<SyncedRecord> deals() {
        List<SyncedRecord> out = new ArrayList<>();
        for (int d = 1; d <= DEALS; d++) {
            int p = d % PIPELINES + 1;
            int s = d % (STAGES / PIPELINES) + 1;
            out.add(SyncedRecord.of(SyncedTable.DEALS, "d" + d).set("name", "Deal " + d).set("amount", d * 1500)
                    .set("stage_source_id", "p" + p + "-s" + s).set("stage_name", "Stage " + s)
                    .set("pipeline_source_id", "p" + p).set("account_source_id", "a" + (d % ACCOUNTS + 1))
                    .set("close_date", LocalDate.of(2026, 1 + d % 12, 1 + d % 28)).set("is_closed", s == 3).set("is_won", s == 3)
                    .set("owner_source_id", "owner-" + (d % 3)).build());
        }
        return out;
    }

    static List<SyncedRecord> activities() {
        List<SyncedRecord> out = new ArrayList<>();
        for (int a = 1; a <= ACTIVITIES; a++) {
            int acct = a % ACCOUNTS + 1;
            out.add(SyncedRecord.of(SyncedTable.ACTIVITIES, "act" + a).set("type", a % 2 == 0 ? "note" : "call")
                    .set("subject", "Activity " + a).set("description", "Talked about plan " + a)
                    .set("activity_date", Instant.parse("2026-02-01T10:00:00Z").plusSeconds(a * 3600L))
                    .set("contact_source_id", "c" + acct + "-1").set("account_source_id", "a" + acct).build());
        }
        return out;
    }
}
