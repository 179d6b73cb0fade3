package io.revtops.agent.tools.sql;

import static io.revtops.agent.tools.sql.SqlVerdict.Refused.INVALID_LIMIT;

import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import net.sf.jsqlparser.expression.AllValue;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.NullValue;
import net.sf.jsqlparser.statement.select.Fetch;
import net.sf.jsqlparser.statement.select.Limit;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SetOperationList;

/** The row cap of the top-level query: {@code LIMIT <default>} when it has none, the maximum when it asks for more. */
final class RowLimit {

    /** What {@link #apply} did and the cap now in force. */
    record Outcome(boolean added, boolean capped, long rowLimit) {
    }

    private RowLimit() {
    }

    /** Changes {@code query} in place so its top level returns at most {@code policy.maxLimit()} rows. */
    static Outcome apply(Select query, SqlPolicy policy) {
        Select holder = capHolder(query);
        Limit limit = holder.getLimit();
        Fetch fetch = holder.getFetch();
        if (holder.getLimitBy() != null) {
            throw invalid("LIMIT … BY is not PostgreSQL.");
        }
        if (limit == null && fetch == null) {
            holder.setLimit(new Limit().withRowCount(new LongValue(policy.defaultLimit())));
            return new Outcome(true, false, policy.defaultLimit());
        }
        Outcome outcome = new Outcome(false, false, Long.MAX_VALUE);
        if (limit != null) {
            outcome = tighter(outcome, capLimit(limit, policy));
        }
        if (fetch != null) {
            outcome = tighter(outcome, capFetch(fetch, policy));
        }
        return outcome;
    }

    /**
     * The select whose LIMIT/FETCH caps the whole result. JSqlParser hangs a trailing LIMIT of
     * {@code SELECT … UNION SELECT … LIMIT 5} on the last branch, while PostgreSQL applies it to the whole set
     * operation, so that branch is where an existing cap lives; a new cap goes on the set operation itself.
     */
    private static Select capHolder(Select query) {
        if (hasCap(query)) {
            return query;
        }
        if (query instanceof SetOperationList setOperation) {
            List<Select> branches = setOperation.getSelects();
            Select last = branches.get(branches.size() - 1);
            return last instanceof PlainSelect && hasCap(last) ? last : query;
        }
        if (query instanceof ParenthesedSelect parenthesed && query.getOffset() == null
                && query.getOrderByElements() == null) {
            Select inner = capHolder(parenthesed.getSelect());
            return hasCap(inner) ? inner : query;
        }
        return query;
    }

    private static boolean hasCap(Select select) {
        return select.getLimit() != null || select.getFetch() != null;
    }

    private static Outcome capLimit(Limit limit, SqlPolicy policy) {
        if (limit.getOffset() != null) {
            throw invalid("LIMIT offset, count is MySQL syntax.");
        }
        if (limit.getByExpressions() != null) {
            throw invalid("LIMIT … BY is not PostgreSQL.");
        }
        Expression rowCount = limit.getRowCount();
        if (rowCount instanceof AllValue || rowCount instanceof NullValue || rowCount == null) {
            limit.setRowCount(new LongValue(policy.maxLimit()));
            return new Outcome(false, true, policy.maxLimit());
        }
        BigInteger requested = literal(rowCount);
        if (requested.compareTo(BigInteger.valueOf(policy.maxLimit())) > 0) {
            limit.setRowCount(new LongValue(policy.maxLimit()));
            return new Outcome(false, true, policy.maxLimit());
        }
        return new Outcome(false, false, requested.longValueExact());
    }

    private static Outcome capFetch(Fetch fetch, SqlPolicy policy) {
        boolean onlyRows = fetch.getFetchParameters().stream().map(p -> p.toUpperCase(Locale.ROOT))
                .allMatch(p -> p.equals("ROW") || p.equals("ROWS") || p.equals("ONLY"));
        if (!onlyRows) {
            throw invalid("FETCH FIRST … " + String.join(" ", fetch.getFetchParameters()) + " is not accepted.");
        }
        if (fetch.getExpression() == null) {
            return new Outcome(false, false, 1);
        }
        BigInteger requested = literal(fetch.getExpression());
        if (requested.compareTo(BigInteger.valueOf(policy.maxLimit())) > 0) {
            fetch.setExpression(new LongValue(policy.maxLimit()));
            return new Outcome(false, true, policy.maxLimit());
        }
        return new Outcome(false, false, requested.longValueExact());
    }

    private static BigInteger literal(Expression rowCount) {
        if (rowCount instanceof LongValue value) {
            return value.getBigIntegerValue();
        }
        throw invalid("The row count of LIMIT must be a plain whole number, not " + rowCount + ".");
    }

    private static Outcome tighter(Outcome a, Outcome b) {
        return new Outcome(a.added() || b.added(), a.capped() || b.capped(), Math.min(a.rowLimit(), b.rowLimit()));
    }

    private static SqlRefusal invalid(String message) {
        return new SqlRefusal(INVALID_LIMIT, message, "Write LIMIT n (optionally with OFFSET m), e.g. LIMIT 50.");
    }
}
