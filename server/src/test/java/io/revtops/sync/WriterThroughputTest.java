package io.revtops.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.revtops.connectors.SyncedRecord;
import io.revtops.connectors.SyncedTable;
import io.revtops.platform.db.Tenant;
import io.revtops.platform.db.TenantTx;
import io.revtops.testing.sync.SyncEngineTest;
import java.io.StringReader;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.postgresql.PGConnection;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Measures the write path (opt-in: {@code -Drevtops.bench=true}): the record writer's unnest upsert, the same upsert
 * as a multi-row VALUES list, and a plain COPY of the same rows into an empty copy of the table. Prints rows/s.
 */
@SyncEngineTest
@EnabledIfSystemProperty(named = "revtops.bench", matches = "true")
class WriterThroughputTest {
    static final int ROWS = 50_000;
    static final int PAGE = 1_000;

    @Autowired TenantTx tx;
    @Autowired JdbcClient owner;
    @Autowired RecordWriter writer;
    @Autowired DataSource dataSource;

    UUID org() {
        return owner.sql("INSERT INTO organizations (name, handle) VALUES ('Bench', :h) RETURNING id")
                .param("h", "bench-" + UUID.randomUUID().toString().substring(0, 8)).query(UUID.class).single();
    }

    static List<SyncedRecord> contacts(int from, int n) {
        List<SyncedRecord> out = new ArrayList<>(n);
        for (int i = from; i < from + n; i++) {
            out.add(SyncedRecord.of(SyncedTable.CONTACTS, "c" + i).set("first_name", "Pat").set("last_name", "Doe " + i)
                    .set("name", "Pat Doe " + i).set("email", "pat" + i + "@acct" + (i % 500) + ".example")
                    .set("title", "VP Sales").set("phone", "+1 555 " + i).set("account_source_id", "a" + (i % 500))
                    .custom("lifecycle", "lead").custom("score", i % 100).build());
        }
        return out;
    }

    double recordWriter(UUID org, boolean secondPass) {
        // integration_id is a foreign key: write as a real integration
        UUID integration = owner.sql("INSERT INTO integrations (organization_id, provider) VALUES (:o, 'bench') RETURNING id")
                .param("o", org).query(UUID.class).single();
        SyncTarget t = new SyncTarget(org, integration, "bench", Optional.empty(), false);
        List<List<SyncedRecord>> pages = new ArrayList<>();
        for (int i = 0; i < ROWS; i += PAGE) pages.add(contacts(i, PAGE));
        long start = System.nanoTime();
        for (List<SyncedRecord> page : pages) tx.execute(Tenant.org(org), j -> writer.write(j, t, SyncedTable.CONTACTS, page));
        double first = ROWS / ((System.nanoTime() - start) / 1e9);
        if (!secondPass) return first;
        start = System.nanoTime();
        for (List<SyncedRecord> page : pages) tx.execute(Tenant.org(org), j -> writer.write(j, t, SyncedTable.CONTACTS, page));
        return ROWS / ((System.nanoTime() - start) / 1e9);
    }

    double valuesList(UUID org) {
        List<String> cols = List.of("first_name", "last_name", "name", "email", "title", "phone", "account_source_id");
        long start = System.nanoTime();
        for (int p = 0; p < ROWS; p += PAGE) {
            List<SyncedRecord> page = contacts(p, PAGE);
            StringBuilder sql = new StringBuilder("INSERT INTO contacts AS t (organization_id, source_system, source_id, "
                    + String.join(", ", cols) + ", custom_fields, content_hash, synced_at) VALUES ");
            for (int i = 0; i < page.size(); i++) {
                if (i > 0) sql.append(',');
                sql.append("(CAST(:org AS uuid), 'bench-values', :s").append(i);
                for (int c = 0; c < cols.size(); c++) sql.append(", :v").append(i).append('_').append(c);
                sql.append(", CAST(:cf").append(i).append(" AS jsonb), :h").append(i).append(", now())");
            }
            sql.append(" ON CONFLICT (organization_id, source_system, source_id) DO UPDATE SET name = EXCLUDED.name, "
                    + "content_hash = EXCLUDED.content_hash, updated_at = now() WHERE t.content_hash IS DISTINCT FROM EXCLUDED.content_hash "
                    + "RETURNING (xmax = 0)");
            tx.execute(Tenant.org(org), j -> {
                var spec = j.sql(sql.toString()).param("org", org.toString());
                for (int i = 0; i < page.size(); i++) {
                    SyncedRecord r = page.get(i);
                    spec = spec.param("s" + i, r.sourceId()).param("cf" + i, "{\"lifecycle\":\"lead\"}").param("h" + i, "h" + i);
                    for (int c = 0; c < cols.size(); c++) spec = spec.param("v" + i + "_" + c, String.valueOf(r.columns().get(cols.get(c))));
                }
                spec.query(Boolean.class).list();
            });
        }
        return ROWS / ((System.nanoTime() - start) / 1e9);
    }

    double copy(UUID org) throws Exception {
        StringBuilder csv = new StringBuilder();
        for (SyncedRecord r : contacts(0, ROWS)) {
            var c = r.columns();
            csv.append(org).append(",bench-copy,").append(r.sourceId()).append(',').append(c.get("first_name")).append(',')
                    .append(c.get("last_name")).append(',').append(c.get("name")).append(',').append(c.get("email")).append(',')
                    .append(c.get("title")).append(',').append(c.get("phone")).append(',').append(c.get("account_source_id"))
                    .append(",\"{\"\"lifecycle\"\":\"\"lead\"\",\"\"score\"\":1}\",0123456789abcdef0123456789abcdef\n");
        }
        try (Connection c = dataSource.getConnection()) {
            c.createStatement().execute("DROP TABLE IF EXISTS bench_contacts_copy");
            c.createStatement().execute("CREATE TABLE bench_contacts_copy (LIKE contacts INCLUDING DEFAULTS INCLUDING INDEXES)");
            long start = System.nanoTime();
            long n = c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY bench_contacts_copy (organization_id, source_system, "
                    + "source_id, first_name, last_name, name, email, title, phone, account_source_id, custom_fields, content_hash) "
                    + "FROM STDIN WITH (FORMAT csv)", new StringReader(csv.toString()));
            double rate = n / ((System.nanoTime() - start) / 1e9);
            c.createStatement().execute("DROP TABLE bench_contacts_copy");
            return rate;
        }
    }

    @Test
    void measure() throws Exception {
        recordWriter(org(), false); // warm up
        double writerFirst = 0;
        double writerUnchanged = 0;
        double values = 0;
        double copy = 0;
        for (int round = 0; round < 3; round++) {
            UUID org = org();
            writerFirst = Math.max(writerFirst, recordWriter(org, false));
            writerUnchanged = Math.max(writerUnchanged, recordWriter(org(), true));
            values = Math.max(values, valuesList(org()));
            copy = Math.max(copy, copy(org()));
        }
        System.out.printf("BENCH rows=%d page=%d record_writer_insert=%.0f/s record_writer_unchanged=%.0f/s "
                        + "values_list_statement=%.0f/s copy=%.0f/s writer_to_copy=%.2f%n",
                ROWS, PAGE, writerFirst, writerUnchanged, values, copy, writerFirst / copy);
        assertThat(writerFirst).isPositive();
    }
}
