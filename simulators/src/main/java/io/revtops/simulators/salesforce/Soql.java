package io.revtops.simulators.salesforce;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A hand-written parser for the SOQL subset connectors send: {@code SELECT f1, f2 | COUNT() FROM Object
 * [WHERE cond] [ORDER BY f [ASC|DESC] [NULLS FIRST|LAST], …] [LIMIT n] [OFFSET n]} where a condition
 * combines comparisons ({@code = != <> < <= > >=}), {@code IN (…)}, {@code NOT IN (…)} and {@code LIKE}
 * with AND, OR, NOT and parentheses. Literals: strings, numbers, true/false, null, dates and datetimes.
 */
final class Soql {

    /** A parsed query. */
    record Query(String object, List<String> fields, boolean countOnly, Optional<Condition> where,
                 List<Order> orderBy, OptionalInt limit, OptionalInt offset, int objectColumn,
                 List<Integer> fieldColumns) {
    }

    record Order(String field, boolean descending, Optional<Boolean> nullsLast) {
    }

    sealed interface Condition {
        record And(List<Condition> parts) implements Condition {
        }

        record Or(List<Condition> parts) implements Condition {
        }

        record Not(Condition inner) implements Condition {
        }

        record Compare(String field, String operator, Literal value, int column) implements Condition {
        }

        record In(String field, List<Literal> values, boolean negated, int column) implements Condition {
        }

        record Like(String field, String pattern, int column) implements Condition {
        }
    }

    sealed interface Literal {
        record Text(String value) implements Literal {
        }

        record Number(BigDecimal value) implements Literal {
        }

        record Bool(boolean value) implements Literal {
        }

        record Null() implements Literal {
        }

        record Date(LocalDate value) implements Literal {
        }

        record DateTime(Instant value) implements Literal {
        }
    }

    /** A query Salesforce would refuse; {@code errorCode} is Salesforce's (MALFORMED_QUERY, …). */
    static final class QueryError extends RuntimeException {
        final String errorCode;
        final int column;

        QueryError(String errorCode, String message, int column) {
            super(message);
            this.errorCode = errorCode;
            this.column = column;
        }
    }

    private enum Kind { IDENT, STRING, NUMBER, DATE, DATETIME, OP, COMMA, LPAREN, RPAREN, EOF }

    private record Token(Kind kind, String text, int column) {
        boolean keyword(String word) {
            return kind == Kind.IDENT && text.equalsIgnoreCase(word);
        }
    }

    private static final Pattern TOKEN = Pattern.compile(
            "\\s*(?:(?<datetime>\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,9})?(?:Z|[+-]\\d{2}:?\\d{2}))"
                    + "|(?<date>\\d{4}-\\d{2}-\\d{2})"
                    + "|(?<number>-?\\d+(?:\\.\\d+)?)"
                    + "|(?<ident>[A-Za-z_][A-Za-z0-9_.]*(?:\\(\\))?)"
                    + "|(?<string>'(?:[^'\\\\]|\\\\.)*')"
                    + "|(?<op><=|>=|!=|<>|=|<|>)"
                    + "|(?<comma>,)|(?<lparen>\\()|(?<rparen>\\)))");

    private final String text;
    private final List<Token> tokens = new ArrayList<>();
    private int position;

    private Soql(String text) {
        this.text = text;
        tokenize();
    }

    static Query parse(String text) {
        return new Soql(text).query();
    }

    private void tokenize() {
        Matcher m = TOKEN.matcher(text);
        int at = 0;
        while (at < text.length()) {
            if (text.substring(at).isBlank()) {
                break;
            }
            m.region(at, text.length());
            if (!m.lookingAt()) {
                throw new QueryError("MALFORMED_QUERY", "unexpected token: '" + text.substring(at).trim().split("\\s+")[0]
                        + "'", at + 1);
            }
            int column = m.start(m.group("datetime") != null ? "datetime" : m.group("date") != null ? "date"
                    : m.group("number") != null ? "number" : m.group("ident") != null ? "ident"
                    : m.group("string") != null ? "string" : m.group("op") != null ? "op"
                    : m.group("comma") != null ? "comma" : m.group("lparen") != null ? "lparen" : "rparen") + 1;
            if (m.group("datetime") != null) {
                tokens.add(new Token(Kind.DATETIME, m.group("datetime"), column));
            } else if (m.group("date") != null) {
                tokens.add(new Token(Kind.DATE, m.group("date"), column));
            } else if (m.group("number") != null) {
                tokens.add(new Token(Kind.NUMBER, m.group("number"), column));
            } else if (m.group("ident") != null) {
                tokens.add(new Token(Kind.IDENT, m.group("ident"), column));
            } else if (m.group("string") != null) {
                String raw = m.group("string");
                tokens.add(new Token(Kind.STRING, raw.substring(1, raw.length() - 1).replaceAll("\\\\(.)", "$1"), column));
            } else if (m.group("op") != null) {
                tokens.add(new Token(Kind.OP, m.group("op"), column));
            } else if (m.group("comma") != null) {
                tokens.add(new Token(Kind.COMMA, ",", column));
            } else if (m.group("lparen") != null) {
                tokens.add(new Token(Kind.LPAREN, "(", column));
            } else {
                tokens.add(new Token(Kind.RPAREN, ")", column));
            }
            at = m.end();
        }
        tokens.add(new Token(Kind.EOF, "", text.length() + 1));
    }

    private Token peek() {
        return tokens.get(position);
    }

    private Token next() {
        return tokens.get(position++);
    }

    private Token expectKeyword(String word) {
        Token t = next();
        if (!t.keyword(word)) {
            throw unexpected(t);
        }
        return t;
    }

    private QueryError unexpected(Token t) {
        return new QueryError("MALFORMED_QUERY", t.kind() == Kind.EOF ? "unexpected end of query"
                : "unexpected token: '" + t.text() + "'", t.column());
    }

    private Query query() {
        expectKeyword("SELECT");
        List<String> fields = new ArrayList<>();
        List<Integer> columns = new ArrayList<>();
        boolean count = false;
        do {
            Token f = next();
            if (f.kind() != Kind.IDENT || isReserved(f.text())) {
                throw unexpected(f);
            }
            if (f.text().equalsIgnoreCase("COUNT()")) {
                count = true;
            } else {
                fields.add(f.text());
                columns.add(f.column());
            }
        } while (peek().kind() == Kind.COMMA && next() != null);
        if (count && !fields.isEmpty()) {
            throw new QueryError("MALFORMED_QUERY", "COUNT() cannot be combined with other fields", columns.get(0));
        }
        expectKeyword("FROM");
        Token object = next();
        if (object.kind() != Kind.IDENT) {
            throw unexpected(object);
        }
        Optional<Condition> where = Optional.empty();
        if (peek().keyword("WHERE")) {
            next();
            where = Optional.of(orExpression());
        }
        List<Order> orderBy = new ArrayList<>();
        if (peek().keyword("ORDER")) {
            next();
            expectKeyword("BY");
            do {
                Token f = next();
                if (f.kind() != Kind.IDENT || isReserved(f.text())) {
                    throw unexpected(f);
                }
                boolean descending = false;
                if (peek().keyword("ASC")) {
                    next();
                } else if (peek().keyword("DESC")) {
                    next();
                    descending = true;
                }
                Optional<Boolean> nullsLast = Optional.empty();
                if (peek().keyword("NULLS")) {
                    next();
                    Token which = next();
                    if (which.keyword("FIRST")) {
                        nullsLast = Optional.of(false);
                    } else if (which.keyword("LAST")) {
                        nullsLast = Optional.of(true);
                    } else {
                        throw unexpected(which);
                    }
                }
                orderBy.add(new Order(f.text(), descending, nullsLast));
            } while (peek().kind() == Kind.COMMA && next() != null);
        }
        OptionalInt limit = OptionalInt.empty();
        OptionalInt offset = OptionalInt.empty();
        if (peek().keyword("LIMIT")) {
            next();
            limit = OptionalInt.of(integer(next()));
        }
        if (peek().keyword("OFFSET")) {
            next();
            offset = OptionalInt.of(integer(next()));
        }
        if (peek().kind() != Kind.EOF) {
            throw unexpected(peek());
        }
        return new Query(object.text(), fields, count, where, orderBy, limit, offset, object.column(), columns);
    }

    private static int integer(Token t) {
        if (t.kind() != Kind.NUMBER || t.text().contains(".") || t.text().startsWith("-")) {
            throw new QueryError("MALFORMED_QUERY", "expecting a non-negative integer, found '" + t.text() + "'", t.column());
        }
        return Integer.parseInt(t.text());
    }

    private Condition orExpression() {
        List<Condition> parts = new ArrayList<>(List.of(andExpression()));
        while (peek().keyword("OR")) {
            next();
            parts.add(andExpression());
        }
        return parts.size() == 1 ? parts.get(0) : new Condition.Or(parts);
    }

    private Condition andExpression() {
        List<Condition> parts = new ArrayList<>(List.of(primary()));
        while (peek().keyword("AND")) {
            next();
            parts.add(primary());
        }
        return parts.size() == 1 ? parts.get(0) : new Condition.And(parts);
    }

    private Condition primary() {
        if (peek().kind() == Kind.LPAREN) {
            next();
            Condition inner = orExpression();
            if (next().kind() != Kind.RPAREN) {
                throw unexpected(tokens.get(position - 1));
            }
            return inner;
        }
        if (peek().keyword("NOT")) {
            next();
            return new Condition.Not(primary());
        }
        Token field = next();
        if (field.kind() != Kind.IDENT || isReserved(field.text())) {
            throw unexpected(field);
        }
        Token op = next();
        if (op.keyword("IN") || (op.keyword("NOT") && peek().keyword("IN"))) {
            boolean negated = op.keyword("NOT");
            if (negated) {
                next();
            }
            if (next().kind() != Kind.LPAREN) {
                throw unexpected(tokens.get(position - 1));
            }
            List<Literal> values = new ArrayList<>();
            do {
                values.add(literal(next()));
            } while (peek().kind() == Kind.COMMA && next() != null);
            if (next().kind() != Kind.RPAREN) {
                throw unexpected(tokens.get(position - 1));
            }
            return new Condition.In(field.text(), values, negated, field.column());
        }
        if (op.keyword("LIKE")) {
            Token pattern = next();
            if (pattern.kind() != Kind.STRING) {
                throw unexpected(pattern);
            }
            return new Condition.Like(field.text(), pattern.text(), field.column());
        }
        if (op.kind() != Kind.OP) {
            throw unexpected(op);
        }
        return new Condition.Compare(field.text(), op.text().equals("<>") ? "!=" : op.text(), literal(next()),
                field.column());
    }

    private static Literal literal(Token t) {
        return switch (t.kind()) {
            case STRING -> new Literal.Text(t.text());
            case NUMBER -> new Literal.Number(new BigDecimal(t.text()));
            case DATE -> {
                try {
                    yield new Literal.Date(LocalDate.parse(t.text()));
                } catch (DateTimeParseException e) {
                    throw new QueryError("MALFORMED_QUERY", "invalid date: " + t.text(), t.column());
                }
            }
            case DATETIME -> new Literal.DateTime(parseDateTime(t.text(), t.column()));
            case IDENT -> switch (t.text().toLowerCase(Locale.ROOT)) {
                case "true" -> new Literal.Bool(true);
                case "false" -> new Literal.Bool(false);
                case "null" -> new Literal.Null();
                default -> throw new QueryError("MALFORMED_QUERY", "unexpected token: '" + t.text()
                        + "' (date literals such as LAST_N_DAYS are not supported by the simulator)", t.column());
            };
            default -> throw new QueryError("MALFORMED_QUERY", t.kind() == Kind.EOF ? "unexpected end of query"
                    : "unexpected token: '" + t.text() + "'", t.column());
        };
    }

    static Instant parseDateTime(String text, int column) {
        String v = text;
        Matcher compact = Pattern.compile("([+-]\\d{2})(\\d{2})$").matcher(v);
        if (!v.endsWith("Z") && compact.find()) {
            v = v.substring(0, compact.start()) + compact.group(1) + ":" + compact.group(2);
        }
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            throw new QueryError("MALFORMED_QUERY", "invalid dateTime: " + text, column);
        }
    }

    private static boolean isReserved(String word) {
        return List.of("SELECT", "FROM", "WHERE", "ORDER", "BY", "LIMIT", "OFFSET", "AND", "OR", "NOT")
                .contains(word.toUpperCase(Locale.ROOT));
    }
}
