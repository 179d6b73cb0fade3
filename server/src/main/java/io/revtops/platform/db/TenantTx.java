package io.revtops.platform.db;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs work in one transaction under row-level security: as the non-owner role {@code revtops_app} with
 * {@code app.current_org_id} / {@code app.current_user_id} set for that transaction only, so nothing is left
 * behind on the pooled connection. Every request, job and tool goes through here.
 */
@Component
public class TenantTx {
    private static final Logger log = LoggerFactory.getLogger(TenantTx.class);
    private static final String NIL = "00000000-0000-0000-0000-000000000000";
    private static final ThreadLocal<Object> CURRENT = new ThreadLocal<>();
    private static final Object SYSTEM = new Object();

    private final JdbcClient jdbc;
    private final TransactionTemplate readWrite;
    private final TransactionTemplate readOnly;

    public TenantTx(JdbcClient jdbc, PlatformTransactionManager tm) {
        this.jdbc = jdbc;
        this.readWrite = new TransactionTemplate(tm);
        this.readOnly = new TransactionTemplate(tm);
        this.readOnly.setReadOnly(true);
        this.readOnly.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Runs {@code work} for {@code tenant} in a read-write transaction and returns its result. */
    public <T> T run(Tenant tenant, Function<JdbcClient, T> work) {
        return inTransaction(readWrite, tenant, null, work);
    }

    /** Runs {@code work} for {@code tenant} in a read-write transaction. */
    public void execute(Tenant tenant, Consumer<JdbcClient> work) {
        inTransaction(readWrite, tenant, null, j -> {
            work.accept(j);
            return null;
        });
    }

    /**
     * Runs {@code work} in its own READ ONLY transaction with a statement timeout: the home of agent SQL.
     * Always a fresh transaction, never joined with a caller's.
     */
    public <T> T readOnly(Tenant tenant, Duration statementTimeout, Function<JdbcClient, T> work) {
        return inTransaction(readOnly, tenant, statementTimeout, work);
    }

    /**
     * Runs cross-tenant system work on the owner connection (no RLS role). Callers name why; the list of callers is
     * short and each is commented: sign-in lookups, the scheduler, event dispatch, Slack workspace lookup.
     */
    public <T> T system(String why, Function<JdbcClient, T> work) {
        Object outer = CURRENT.get();
        if (outer != null && outer != SYSTEM) {
            throw new IllegalStateException("system work may not run inside a tenant transaction (" + why + ")");
        }
        log.debug("event=system_tx reason={}", why);
        return readWrite.execute(status -> {
            CURRENT.set(SYSTEM);
            try {
                return work.apply(jdbc);
            } finally {
                if (outer == null) CURRENT.remove();
            }
        });
    }

    private <T> T inTransaction(TransactionTemplate template, Tenant tenant, Duration timeout, Function<JdbcClient, T> work) {
        Objects.requireNonNull(tenant, "tenant");
        Object outer = CURRENT.get();
        boolean joining = outer != null && TransactionSynchronizationManager.isActualTransactionActive()
                && template == readWrite;
        if (joining) {
            if (!tenant.equals(outer)) {
                throw new IllegalStateException("nested TenantTx for a different tenant");
            }
            return work.apply(jdbc);
        }
        return template.execute(status -> {
            CURRENT.set(tenant);
            try {
                // set_config runs as the owner, before the role switch: revtops_app may not call it
                jdbc.sql("""
                        SELECT set_config('app.current_org_id', :org, true),
                               set_config('app.current_user_id', :user, true)
                        """)
                        .param("org", tenant.orgId().toString())
                        .param("user", tenant.userId().map(Object::toString).orElse(NIL))
                        .query().singleRow();
                if (timeout != null) {
                    jdbc.sql("""
                            SELECT set_config('statement_timeout', :timeout, true),
                                   set_config('idle_in_transaction_session_timeout', :idle, true),
                                   set_config('search_path', 'public', true)
                            """)
                            .param("timeout", Long.toString(timeout.toMillis()))
                            .param("idle", Long.toString(timeout.toMillis() * 2))
                            .query().singleRow();
                }
                jdbc.sql("SET LOCAL ROLE revtops_app").update();
                return work.apply(jdbc);
            } finally {
                if (outer == null) CURRENT.remove();
                else CURRENT.set(outer);
            }
        });
    }
}
