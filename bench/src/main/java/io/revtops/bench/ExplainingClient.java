package io.revtops.bench;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.core.simple.JdbcClient.MappedQuerySpec;
import org.springframework.jdbc.core.simple.JdbcClient.StatementSpec;

/**
 * A {@link JdbcClient} for the record writer that runs its batch upsert under {@code EXPLAIN (ANALYZE, BUFFERS)}
 * instead of plainly: same SQL, same parameters, same transaction and role, so the page is really written and the
 * plan shows where the statement's time goes (link subqueries, index and foreign-key trigger time). The writer is
 * told every row was inserted. Every other statement passes through untouched.
 */
final class ExplainingClient {
    private ExplainingClient() {}

    static JdbcClient wrap(JdbcClient j, List<String> plans) {
        return sql -> sql.startsWith("INSERT INTO ") && sql.contains("FROM unnest(") ? explaining(j, sql, plans) : j.sql(sql);
    }

    private static StatementSpec explaining(JdbcClient j, String sql, List<String> plans) {
        List<Object[]> params = new ArrayList<>();
        InvocationHandler handler = (proxy, method, args) -> switch (method.getName()) {
            case "param" -> {
                if (args.length != 2 || !(args[0] instanceof String)) throw new UnsupportedOperationException("param" + args.length);
                params.add(args);
                yield proxy;
            }
            case "query" -> {
                if (args == null || args.length != 1 || !(args[0] instanceof Class<?>)) throw new UnsupportedOperationException("query");
                StatementSpec spec = j.sql("EXPLAIN (ANALYZE, BUFFERS) " + sql);
                int rows = 0;
                for (Object[] p : params) {
                    spec = spec.param((String) p[0], p[1]);
                    if (p[0].equals("source_ids")) rows = ((Object[]) p[1]).length;
                }
                plans.add(String.join("\n", spec.query(String.class).list()));
                List<Boolean> inserted = Collections.nCopies(rows, Boolean.TRUE);
                yield Proxy.newProxyInstance(ExplainingClient.class.getClassLoader(), new Class<?>[] {MappedQuerySpec.class},
                        (p2, m2, a2) -> switch (m2.getName()) {
                            case "list" -> inserted;
                            case "stream" -> inserted.stream();
                            default -> throw new UnsupportedOperationException(m2.getName());
                        });
            }
            default -> throw new UnsupportedOperationException(method.getName());
        };
        return (StatementSpec) Proxy.newProxyInstance(ExplainingClient.class.getClassLoader(), new Class<?>[] {StatementSpec.class},
                handler);
    }
}
