package io.revtops.platform.web;

import io.revtops.platform.config.RevtopsProperties;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /health}: the database answers, every migration is applied, and which roles this process runs. */
@RestController
@Tag(name = "health")
public class HealthController {
    private final JdbcClient jdbc;
    private final Flyway flyway;
    private final RevtopsProperties props;

    public HealthController(JdbcClient jdbc, Flyway flyway, RevtopsProperties props) {
        this.jdbc = jdbc;
        this.flyway = flyway;
        this.props = props;
    }

    /** The health report. */
    public record Health(String status, String database, int migrationsApplied, int migrationsPending,
                         String vectorMode, List<String> roles) {}

    @GetMapping("/health")
    @Operation(summary = "Liveness and readiness: database, migrations, roles")
    public ResponseEntity<Health> health() {
        String database = "up";
        String vector = "unknown";
        try {
            vector = jdbc.sql("SELECT revtops_vector_mode()").query(String.class).single();
        } catch (RuntimeException e) {
            database = "down";
        }
        var info = flyway.info();
        int applied = info.applied().length;
        int pending = info.pending().length;
        boolean ok = database.equals("up") && pending == 0;
        Health body = new Health(ok ? "ok" : "degraded", database, applied, pending, vector, List.copyOf(props.roleSet()));
        return ResponseEntity.status(ok ? 200 : 503).body(body);
    }
}
