package io.revtops.agent.tools.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.JsonExpression;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.util.deparser.ExpressionDeParser;
import net.sf.jsqlparser.util.deparser.SelectDeParser;
import net.sf.jsqlparser.util.deparser.StatementDeParser;

/**
 * Prints a checked query back to SQL with JSqlParser's deparser, so the text that runs comes from the tree that was
 * checked. When asked, each {@code semantic_embed('…')} is printed as a JDBC {@code ?}; the texts are collected in
 * the order the placeholders appear in the output, which is the order the runner binds them.
 */
final class SqlWriter {

    /** The printed SQL and, in placeholder order, the texts whose query vectors the runner binds. */
    record Written(String sql, List<String> semanticEmbedTexts) {
    }

    private SqlWriter() {
    }

    static Written write(Select query, boolean replaceSemanticEmbed) {
        StringBuilder out = new StringBuilder();
        List<String> texts = new ArrayList<>();
        GuardExpressionDeParser expressions = new GuardExpressionDeParser(replaceSemanticEmbed, texts);
        SelectDeParser selects = new SelectDeParser(expressions, out);
        StatementDeParser statements = new StatementDeParser(expressions, selects, out);
        query.accept(statements, null);
        return new Written(out.toString(), List.copyOf(texts));
    }

    private static final class GuardExpressionDeParser extends ExpressionDeParser {
        private final boolean replaceSemanticEmbed;
        private final List<String> texts;

        GuardExpressionDeParser(boolean replaceSemanticEmbed, List<String> texts) {
            this.replaceSemanticEmbed = replaceSemanticEmbed;
            this.texts = texts;
        }

        /** Prints {@code semantic_embed('text')} as {@code ?} and remembers the text. */
        @Override
        public <S> StringBuilder visit(Function function, S context) {
            if (!replaceSemanticEmbed || !SemanticEmbed.isCall(function)) {
                return super.visit(function, context);
            }
            texts.add(SemanticEmbed.text(function));
            return getBuilder().append('?');
        }

        /**
         * JSqlParser prints {@code a #>> '{x}'} as {@code a#>>'{x}'}, which it then reads back as a column
         * {@code a#}; spaces around JSON operators keep the text meaning the same to every reader. Visiting the
         * operands (instead of their toString) also lets semantic_embed inside them become a placeholder.
         */
        @Override
        public <S> StringBuilder visit(JsonExpression json, S context) {
            json.getExpression().accept(this, context);
            for (Map.Entry<Expression, String> step : json.getIdentList()) {
                getBuilder().append(' ').append(step.getValue()).append(' ');
                step.getKey().accept(this, context);
            }
            return getBuilder();
        }
    }
}
