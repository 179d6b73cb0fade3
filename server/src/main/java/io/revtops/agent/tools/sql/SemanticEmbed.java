package io.revtops.agent.tools.sql;

import java.util.List;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.StringValue;

/** The {@code semantic_embed('text')} pseudo-function: the runner replaces each call by the query vector of its text. */
final class SemanticEmbed {

    static final String NAME = "semantic_embed";

    private SemanticEmbed() {
    }

    static boolean isCall(Function function) {
        List<String> parts = function.getMultipartName();
        return parts != null && parts.size() == 1 && NAME.equals(SqlIdentifiers.loose(parts.get(0)));
    }

    /** The text to embed; refuses anything but exactly one non-empty, plain string literal. */
    static String text(Function call) {
        List<? extends Expression> args = call.getParameters() == null ? List.of() : call.getParameters();
        boolean plain = !call.isDistinct() && !call.isAllColumns() && !call.isUnique() && call.getNamedParameters() == null
                && call.getOrderByElements() == null && call.getKeep() == null && call.getAttribute() == null
                && call.getLimit() == null && call.getHavingClause() == null && call.getNullHandling() == null;
        if (!plain || args.size() != 1 || !(args.get(0) instanceof StringValue literal) || literal.getPrefix() != null) {
            throw bad("semantic_embed takes exactly one plain string literal, for example semantic_embed('pricing objection')");
        }
        String text = literal.getValue().replace("''", "'");
        if (text.isBlank()) {
            throw bad("semantic_embed needs the text to search for, not an empty string");
        }
        return text;
    }

    static SqlRefusal bad(String message) {
        return new SqlRefusal(SqlVerdict.Refused.BAD_SEMANTIC_EMBED, message,
                "Write semantic_embed('words to search for') with one string literal, e.g. "
                        + "ORDER BY embedding <=> semantic_embed('pricing objection') LIMIT 5");
    }
}
