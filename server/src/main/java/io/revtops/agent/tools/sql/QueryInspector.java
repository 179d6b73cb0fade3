package io.revtops.agent.tools.sql;

import static io.revtops.agent.tools.sql.SqlVerdict.Refused.BAD_SEMANTIC_EMBED;
import static io.revtops.agent.tools.sql.SqlVerdict.Refused.FORBIDDEN_CAST;
import static io.revtops.agent.tools.sql.SqlVerdict.Refused.FORBIDDEN_FUNCTION;
import static io.revtops.agent.tools.sql.SqlVerdict.Refused.FUNCTION_NOT_ALLOWED;
import static io.revtops.agent.tools.sql.SqlVerdict.Refused.LOCKING_CLAUSE;
import static io.revtops.agent.tools.sql.SqlVerdict.Refused.NOT_READ_ONLY;
import static io.revtops.agent.tools.sql.SqlVerdict.Refused.PARAMETER_NOT_ALLOWED;
import static io.revtops.agent.tools.sql.SqlVerdict.Refused.TABLE_NOT_ALLOWED;
import static io.revtops.agent.tools.sql.SqlVerdict.Refused.UNSUPPORTED_SYNTAX;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.sf.jsqlparser.expression.Alias;
import net.sf.jsqlparser.expression.AllValue;
import net.sf.jsqlparser.expression.AnalyticExpression;
import net.sf.jsqlparser.expression.AnyComparisonExpression;
import net.sf.jsqlparser.expression.ArrayConstructor;
import net.sf.jsqlparser.expression.ArrayExpression;
import net.sf.jsqlparser.expression.BooleanValue;
import net.sf.jsqlparser.expression.CaseExpression;
import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.CollateExpression;
import net.sf.jsqlparser.expression.DateTimeLiteralExpression;
import net.sf.jsqlparser.expression.DoubleValue;
import net.sf.jsqlparser.expression.ExtractExpression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.HexValue;
import net.sf.jsqlparser.expression.IntervalExpression;
import net.sf.jsqlparser.expression.JdbcNamedParameter;
import net.sf.jsqlparser.expression.JdbcParameter;
import net.sf.jsqlparser.expression.JsonExpression;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.NextValExpression;
import net.sf.jsqlparser.expression.NotExpression;
import net.sf.jsqlparser.expression.NullValue;
import net.sf.jsqlparser.expression.NumericBind;
import net.sf.jsqlparser.expression.OracleNamedFunctionParameter;
import net.sf.jsqlparser.expression.OrderByClause;
import net.sf.jsqlparser.expression.OverlapsCondition;
import net.sf.jsqlparser.expression.PartitionByClause;
import net.sf.jsqlparser.expression.RowConstructor;
import net.sf.jsqlparser.expression.RowGetExpression;
import net.sf.jsqlparser.expression.SignedExpression;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.TimeKeyExpression;
import net.sf.jsqlparser.expression.TimezoneExpression;
import net.sf.jsqlparser.expression.TrimFunction;
import net.sf.jsqlparser.expression.UserVariable;
import net.sf.jsqlparser.expression.VariableAssignment;
import net.sf.jsqlparser.expression.WhenClause;
import net.sf.jsqlparser.expression.WindowDefinition;
import net.sf.jsqlparser.expression.WindowElement;
import net.sf.jsqlparser.expression.WindowOffset;
import net.sf.jsqlparser.expression.WindowRange;
import net.sf.jsqlparser.expression.operators.arithmetic.Addition;
import net.sf.jsqlparser.expression.operators.arithmetic.BitwiseAnd;
import net.sf.jsqlparser.expression.operators.arithmetic.BitwiseLeftShift;
import net.sf.jsqlparser.expression.operators.arithmetic.BitwiseOr;
import net.sf.jsqlparser.expression.operators.arithmetic.BitwiseRightShift;
import net.sf.jsqlparser.expression.operators.arithmetic.BitwiseXor;
import net.sf.jsqlparser.expression.operators.arithmetic.Concat;
import net.sf.jsqlparser.expression.operators.arithmetic.Division;
import net.sf.jsqlparser.expression.operators.arithmetic.Modulo;
import net.sf.jsqlparser.expression.operators.arithmetic.Multiplication;
import net.sf.jsqlparser.expression.operators.arithmetic.Subtraction;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.conditional.OrExpression;
import net.sf.jsqlparser.expression.operators.relational.Between;
import net.sf.jsqlparser.expression.operators.relational.ContainedBy;
import net.sf.jsqlparser.expression.operators.relational.Contains;
import net.sf.jsqlparser.expression.operators.relational.CosineSimilarity;
import net.sf.jsqlparser.expression.operators.relational.DoubleAnd;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ExistsExpression;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.GeometryDistance;
import net.sf.jsqlparser.expression.operators.relational.GreaterThan;
import net.sf.jsqlparser.expression.operators.relational.GreaterThanEquals;
import net.sf.jsqlparser.expression.operators.relational.InExpression;
import net.sf.jsqlparser.expression.operators.relational.IsBooleanExpression;
import net.sf.jsqlparser.expression.operators.relational.IsDistinctExpression;
import net.sf.jsqlparser.expression.operators.relational.IsNullExpression;
import net.sf.jsqlparser.expression.operators.relational.IsUnknownExpression;
import net.sf.jsqlparser.expression.operators.relational.JsonOperator;
import net.sf.jsqlparser.expression.operators.relational.LikeExpression;
import net.sf.jsqlparser.expression.operators.relational.Matches;
import net.sf.jsqlparser.expression.operators.relational.MinorThan;
import net.sf.jsqlparser.expression.operators.relational.MinorThanEquals;
import net.sf.jsqlparser.expression.operators.relational.NamedExpressionList;
import net.sf.jsqlparser.expression.operators.relational.NotEqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.expression.operators.relational.RegExpMatchOperator;
import net.sf.jsqlparser.expression.operators.relational.SimilarToExpression;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.create.table.ColDataType;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.AllTableColumns;
import net.sf.jsqlparser.statement.select.Distinct;
import net.sf.jsqlparser.statement.select.ExceptOp;
import net.sf.jsqlparser.statement.select.Fetch;
import net.sf.jsqlparser.statement.select.GroupByElement;
import net.sf.jsqlparser.statement.select.IntersectOp;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.LateralSubSelect;
import net.sf.jsqlparser.statement.select.Limit;
import net.sf.jsqlparser.statement.select.Offset;
import net.sf.jsqlparser.statement.select.OrderByElement;
import net.sf.jsqlparser.statement.select.ParenthesedFromItem;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.SetOperationList;
import net.sf.jsqlparser.statement.select.TableFunction;
import net.sf.jsqlparser.statement.select.UnionOp;
import net.sf.jsqlparser.statement.select.Values;
import net.sf.jsqlparser.statement.select.WithItem;

/**
 * Checks every node of one parsed query against the rules of {@link SqlGuard} and collects the tables it reads.
 *
 * <p>The walk is reflective on purpose: it follows every field of every JSqlParser node, so a function call or table
 * reference is seen wherever the parser put it (select items, joins, subqueries, CTEs, lateral items, set operations,
 * window definitions, ORDER BY, HAVING, VALUES, CASE, casts, operator arguments, function attributes, …) without a
 * hand-written visitor that could forget a place. Node classes outside {@link #KNOWN_NODES} are refused, so syntax
 * JSqlParser learns from other dialects is refused until someone has looked at it.
 */
final class QueryInspector {

    /** Where the SQL text came from: the agent, or the guard's own rewrite (which may hold its {@code ?} placeholders). */
    enum Source { AGENT, REWRITE }

    /** Node classes that carry no risk of their own; the nodes with rules are checked in {@link #checkNode}. */
    private static final Set<Class<?>> KNOWN_NODES = Set.of(
            // statements and clauses
            PlainSelect.class, SetOperationList.class, ParenthesedSelect.class, LateralSubSelect.class,
            Values.class, WithItem.class, SelectItem.class, AllColumns.class, AllTableColumns.class, Join.class,
            Limit.class, Offset.class, Fetch.class, OrderByElement.class, GroupByElement.class, Distinct.class,
            UnionOp.class, IntersectOp.class, ExceptOp.class, TableFunction.class, ParenthesedFromItem.class,
            Alias.class, Alias.AliasColumn.class, Table.class, Column.class, ColDataType.class,
            // values
            StringValue.class, LongValue.class, DoubleValue.class, HexValue.class, BooleanValue.class,
            NullValue.class, AllValue.class, DateTimeLiteralExpression.class, IntervalExpression.class,
            TimeKeyExpression.class, JdbcParameter.class,
            // expressions
            Function.class, AnalyticExpression.class, TrimFunction.class, ExtractExpression.class,
            CastExpression.class, CaseExpression.class, WhenClause.class, CollateExpression.class,
            TimezoneExpression.class, SignedExpression.class, NotExpression.class, RowConstructor.class,
            RowGetExpression.class, ArrayConstructor.class, ArrayExpression.class, JsonExpression.class,
            AnyComparisonExpression.class, OracleNamedFunctionParameter.class, OverlapsCondition.class,
            ExpressionList.class, ParenthesedExpressionList.class, NamedExpressionList.class,
            WindowDefinition.class, WindowElement.class, WindowOffset.class, WindowRange.class,
            PartitionByClause.class, OrderByClause.class,
            // operators
            Addition.class, Subtraction.class, Multiplication.class, Division.class, Modulo.class, Concat.class,
            BitwiseAnd.class, BitwiseOr.class, BitwiseXor.class, BitwiseLeftShift.class, BitwiseRightShift.class,
            AndExpression.class, OrExpression.class, EqualsTo.class, NotEqualsTo.class, GreaterThan.class,
            GreaterThanEquals.class, MinorThan.class, MinorThanEquals.class, Between.class, InExpression.class,
            ExistsExpression.class, IsNullExpression.class, IsBooleanExpression.class, IsDistinctExpression.class,
            IsUnknownExpression.class, LikeExpression.class, SimilarToExpression.class, RegExpMatchOperator.class,
            JsonOperator.class, Contains.class, ContainedBy.class, DoubleAnd.class, Matches.class,
            GeometryDistance.class, CosineSimilarity.class);

    /** Fields that name a table without reading it: the {@code d} of {@code d.name} and of {@code d.*}. */
    private static final Map<Class<?>, String> QUALIFIER_FIELDS = Map.of(
            Column.class, "table",
            AllTableColumns.class, "table");

    /**
     * SQL syntax JSqlParser reads as function calls: {@code x = ANY(array)}, {@code ROW(a, b)},
     * {@code GROUP BY ROLLUP (…)}. Unquoted, PostgreSQL never resolves these to a function.
     */
    private static final Set<String> SYNTAX_CALLS = Set.of("any", "some", "all", "row", "rollup", "cube");

    /** String-literal prefixes PostgreSQL reads the way JSqlParser does: escape, national, bit and hex strings. */
    private static final Set<String> LITERAL_PREFIXES = Set.of("E", "N", "B", "X");

    private static final ClassValue<List<Field>> FIELDS = new ClassValue<>() {
        @Override
        protected List<Field> computeValue(Class<?> type) {
            List<Field> fields = new ArrayList<>();
            for (Class<?> c = type; c != null && c.getName().startsWith("net.sf.jsqlparser."); c = c.getSuperclass()) {
                for (Field field : c.getDeclaredFields()) {
                    if (Modifier.isStatic(field.getModifiers()) || field.isSynthetic()
                            || field.getName().equals(QUALIFIER_FIELDS.get(type))) {
                        continue;
                    }
                    field.setAccessible(true);
                    fields.add(field);
                }
            }
            return List.copyOf(fields);
        }
    };

    private final SqlPolicy policy;
    private final Source source;
    private final Set<Object> visited = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Set<String> tables = new LinkedHashSet<>();
    private int placeholders;

    QueryInspector(SqlPolicy policy, Source source) {
        this.policy = policy;
        this.source = source;
    }

    /** Walks the whole query; throws {@link SqlRefusal} at the first rule it breaks. */
    void inspect(Select query) {
        walk(query, CteScope.NONE, query);
    }

    /** Allow-listed tables read, unqualified, in the order first met (CTE references excluded). */
    List<String> tables() {
        return List.copyOf(tables);
    }

    /** How many of the guard's own {@code ?} placeholders the rewritten text holds. */
    int placeholders() {
        return placeholders;
    }

    private void walk(Object value, CteScope scope, Object owner) {
        switch (value) {
            case null -> { }
            case String text -> checkText(text, owner);
            case Number ignored -> { }
            case Boolean ignored -> { }
            case Character ignored -> { }
            case Enum<?> ignored -> { }
            case Object node when isNode(node) -> {
                if (visited.add(node)) {
                    visitNode(node, scope);
                }
            }
            case Object parserInternal when isParserInternal(parserInternal) -> { }
            case Collection<?> items -> items.forEach(item -> walk(item, scope, owner));
            case Map<?, ?> map -> map.forEach((key, item) -> {
                walk(key, scope, owner);
                walk(item, scope, owner);
            });
            case Map.Entry<?, ?> entry -> {
                walk(entry.getKey(), scope, owner);
                walk(entry.getValue(), scope, owner);
            }
            case Optional<?> optional -> walk(optional.orElse(null), scope, owner);
            case Object[] array -> {
                for (Object item : array) {
                    walk(item, scope, owner);
                }
            }
            // Fail closed: a container the walk does not know could hide a function call or a table.
            default -> throw unsupported("The SQL guard cannot inspect part of this query ("
                    + value.getClass().getSimpleName() + " inside " + owner.getClass().getSimpleName() + ").",
                    "Rewrite it with standard PostgreSQL SELECT features.");
        }
    }

    private static boolean isNode(Object value) {
        return value.getClass().getName().startsWith("net.sf.jsqlparser.") && !isParserInternal(value);
    }

    /** JavaCC's parse-tree nodes and tokens, which JSqlParser keeps next to its syntax tree. */
    private static boolean isParserInternal(Object value) {
        return value.getClass().getName().startsWith("net.sf.jsqlparser.parser.");
    }

    private void visitNode(Object node, CteScope scope) {
        checkNode(node, scope);
        CteScope inner = node instanceof Select select ? enterWith(select, scope) : scope;
        for (Field field : FIELDS.get(node.getClass())) {
            try {
                walk(field.get(node), inner, node);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot read " + field, e);
            }
        }
        // Some nodes are lists themselves (ExpressionList extends ArrayList); their items are not in JSqlParser fields.
        if (node instanceof Collection<?> items) {
            items.forEach(item -> walk(item, inner, node));
        }
    }

    /**
     * Walks the WITH list of {@code select} with PostgreSQL's visibility rules and returns the scope of the rest of
     * the query. A CTE body sees only the CTEs before it (WITH RECURSIVE: all of them); this is what makes
     * {@code WITH pg_class AS (SELECT * FROM pg_class) …} read the real catalog inside the body, so it is refused.
     */
    private CteScope enterWith(Select select, CteScope outer) {
        List<WithItem<?>> items = select.getWithItemsList();
        if (items == null || items.isEmpty()) {
            return outer;
        }
        boolean recursive = items.stream().anyMatch(WithItem::isRecursive);
        List<String> names = items.stream().map(item -> SqlIdentifiers.fold(item.getAlias().getName())).toList();
        CteScope all = outer.with(names);
        for (int i = 0; i < items.size(); i++) {
            walk(items.get(i), recursive ? all : outer.with(names.subList(0, i)), select);
        }
        return all;
    }

    private void checkNode(Object node, CteScope scope) {
        switch (node) {
            case Select select -> checkSelect(select);
            case Statement statement -> throw notReadOnly(
                    "Only reading is allowed here, but the query contains " + describe(statement) + ".");
            case WithItem<?> item when !(item.getParenthesedStatement() instanceof ParenthesedSelect) ->
                    throw notReadOnly("WITH " + item.getAlias().getName() + " AS (…) holds a data-changing statement"
                            + " (a writable CTE); only SELECT is allowed inside WITH.");
            case Table table -> checkTable(table, scope);
            case Column column -> checkColumn(column);
            case TableFunction tableFunction -> checkTableFunction(tableFunction);
            case Function function -> checkFunction(function);
            case AnalyticExpression analytic -> checkAnalytic(analytic);
            case TrimFunction ignored -> checkFunctionName("trim", "trim");
            case ExtractExpression ignored -> checkFunctionName("extract", "extract");
            case NextValExpression ignored -> throw forbidden("nextval", "sequence functions change database state");
            case CastExpression cast when cast.keyword != null && !cast.keyword.equalsIgnoreCase("CAST") ->
                    throw unsupported(cast.keyword + "(…) is not PostgreSQL.", "Use CAST(x AS type) or x::type.");
            case ColDataType type -> checkType(type);
            case JdbcParameter parameter -> checkParameter(parameter);
            case JdbcNamedParameter ignored -> throw parameter();
            case NumericBind ignored -> throw parameter();
            case UserVariable ignored -> throw parameter();
            case VariableAssignment ignored -> throw parameter();
            case StringValue literal -> checkLiteral(literal);
            case Alias alias when alias.getName() != null && alias.getName().startsWith("'") ->
                    throw unsupported("A string literal cannot be used as an alias (" + alias.getName() + ").",
                            "Write aliases as plain names or in double quotes: AS total or AS \"Total\". "
                                    + "For typed literals use a cast: '2024-01-01'::date.");
            default -> { }
        }
        if (!KNOWN_NODES.contains(node.getClass())) {
            throw unsupported("This query uses " + describe(node) + ", which the SQL guard does not accept.",
                    "Rewrite it with standard PostgreSQL SELECT features: joins, subqueries, WITH, CASE, "
                            + "aggregates, window functions.");
        }
    }

    private void checkSelect(Select select) {
        if (select instanceof PlainSelect plain && (plain.getIntoTempTable() != null
                || plain.getIntoTables() != null && !plain.getIntoTables().isEmpty())) {
            throw notReadOnly("SELECT … INTO creates a table; only reading is allowed here.");
        }
        if (select.getForMode() != null || select.getForUpdateTable() != null || select.isSkipLocked()
                || select.isNoWait() || select.getWait() != null) {
            throw new SqlRefusal(LOCKING_CLAUSE,
                    "Locking clauses (FOR UPDATE, FOR NO KEY UPDATE, FOR SHARE, FOR KEY SHARE) are not allowed.",
                    "Remove the FOR UPDATE/FOR SHARE clause; a read-only query needs no row locks.");
        }
    }

    private void checkTable(Table table, CteScope scope) {
        List<String> parts = table.getNameParts();
        String name = SqlIdentifiers.fold(table.getName());
        String shown = table.getFullyQualifiedName();
        if (parts.size() > 2) {
            throw tableNotAllowed("Table " + shown + " names another database; only this organization's tables are available.");
        }
        if (parts.size() == 2) {
            String schema = SqlIdentifiers.fold(table.getSchemaName());
            if (!schema.equals("public")) {
                throw tableNotAllowed("Schema " + schema + " (in " + shown + ") is not available; "
                        + (isCatalogSchema(schema) ? "system catalogs cannot be queried." : "only the app tables are."));
            }
        } else if (scope.defines(name)) {
            return;
        }
        if (SqlIdentifiers.loose(name).startsWith("pg_")) {
            throw tableNotAllowed("Table " + shown + " is a system catalog; system catalogs cannot be queried.");
        }
        if (!policy.allowedTables().contains(name)) {
            throw tableNotAllowed("Table " + shown + " is not one of the tables you may query.");
        }
        tables.add(name);
    }

    private static boolean isCatalogSchema(String schema) {
        String lower = schema.toLowerCase(Locale.ROOT);
        return lower.equals("information_schema") || lower.startsWith("pg_");
    }

    /** PostgreSQL reads {@code d.f} as the call {@code f(d)} when d has no column f, so such names are refused too. */
    private void checkColumn(Column column) {
        if (column.getTable() != null) {
            String name = SqlIdentifiers.loose(column.getColumnName());
            ForbiddenFunctions.reason(name).ifPresent(why -> {
                throw forbidden(name, why);
            });
        }
    }

    /** A function in FROM; JSqlParser wraps the call, which the walk checks like any other function. */
    private static void checkTableFunction(TableFunction tableFunction) {
        if (tableFunction.getFunction() != null && SemanticEmbed.isCall(tableFunction.getFunction())) {
            throw SemanticEmbed.bad("semantic_embed(…) returns one query vector, not rows; it cannot be used in FROM");
        }
    }

    private void checkFunction(Function function) {
        if (function.isEscaped()) {
            throw unsupported("JDBC escape syntax {fn …} is not accepted.", "Call the function directly, e.g. now().");
        }
        List<String> parts = function.getMultipartName() == null ? List.of() : function.getMultipartName();
        if (parts.size() != 1) {
            throw new SqlRefusal(FORBIDDEN_FUNCTION,
                    "Schema-qualified function calls (" + String.join(".", parts) + ") are not allowed.",
                    "Call functions by their plain name, e.g. lower(name) rather than pg_catalog.lower(name).");
        }
        String raw = parts.get(0);
        if (SYNTAX_CALLS.contains(raw.toLowerCase(Locale.ROOT))) {
            return;
        }
        checkFunctionName(SqlIdentifiers.fold(raw), raw);
        if (SemanticEmbed.isCall(function)) {
            if (source == Source.REWRITE) {
                throw unsupported("semantic_embed(…) cannot be used in this position.",
                        "Use semantic_embed('…') in the select list, WHERE or ORDER BY, e.g. "
                                + "ORDER BY embedding <=> semantic_embed('pricing objection') LIMIT 5.");
            }
            SemanticEmbed.text(function);
        }
    }

    private void checkAnalytic(AnalyticExpression analytic) {
        String raw = analytic.getName();
        if (raw.contains(".")) {
            throw new SqlRefusal(FORBIDDEN_FUNCTION, "Schema-qualified function calls (" + raw + ") are not allowed.",
                    "Call functions by their plain name, e.g. count(*) OVER (…).");
        }
        if (SqlIdentifiers.loose(raw).equals(SemanticEmbed.NAME)) {
            throw new SqlRefusal(BAD_SEMANTIC_EMBED, "semantic_embed(…) is not an aggregate or window function.",
                    "Use it as a plain value: ORDER BY embedding <=> semantic_embed('pricing objection') LIMIT 5.");
        }
        checkFunctionName(SqlIdentifiers.fold(raw), raw);
    }

    private void checkFunctionName(String name, String raw) {
        String loose = SqlIdentifiers.loose(raw);
        ForbiddenFunctions.reason(loose).ifPresent(why -> {
            throw forbidden(loose, why);
        });
        if (!policy.allowedFunctions().contains(name)) {
            throw new SqlRefusal(FUNCTION_NOT_ALLOWED, "Function " + raw + "() is not on the list of functions you may use.",
                    "Use ordinary SQL functions (count, sum, avg, coalesce, date_trunc, to_char, lower, "
                            + "jsonb_* functions, ts_rank, …) and casts such as x::date.");
        }
    }

    /** Casts to reg* types look up catalog objects by name ('pg_authid'::regclass); regconfig only names a text-search configuration. */
    private void checkType(ColDataType type) {
        String name = SqlIdentifiers.loose(type.getDataType().replace("[]", "").strip());
        String bare = name.substring(name.lastIndexOf('.') + 1).replace("\"", "");
        if (bare.startsWith("reg") && !bare.equals("regconfig")) {
            throw new SqlRefusal(FORBIDDEN_CAST, "Casts to " + bare + " look up system catalog objects and are not allowed.",
                    "Cast only to ordinary types such as text, int, numeric, date, timestamptz, jsonb.");
        }
    }

    private void checkParameter(JdbcParameter parameter) {
        boolean ours = source == Source.REWRITE && "?".equals(parameter.getParameterCharacter())
                && !parameter.isUseFixedIndex();
        if (!ours) {
            throw parameter();
        }
        placeholders++;
    }

    private void checkLiteral(StringValue literal) {
        String prefix = literal.getPrefix();
        if (prefix != null && !LITERAL_PREFIXES.contains(prefix.toUpperCase(Locale.ROOT))) {
            throw unsupported("String literals with the prefix " + prefix + " are not accepted.",
                    "Write plain string literals: 'text', with '' for a quote inside.");
        }
    }

    /**
     * Rules for the raw text JSqlParser keeps in its nodes. They keep PostgreSQL, pgjdbc and JSqlParser agreeing on
     * where each token ends: a backslash before a quote ends a string for one reader and not for another, {@code $}
     * starts dollar quoting (which JSqlParser reads as a name), and {@code ?} outside a literal is a bind parameter for
     * pgjdbc.
     */
    private void checkText(String text, Object owner) {
        if (text.contains("\\'") || text.endsWith("\\")) {
            throw unsupported("A backslash right before a quote makes a string literal ambiguous.",
                    "Write a quote inside a string as two single quotes ('it''s') and avoid a backslash just before a quote.");
        }
        if (owner instanceof StringValue || owner instanceof JdbcParameter || isQuotedIdentifier(text)) {
            return;
        }
        if (text.indexOf('$') >= 0) {
            throw unsupported("Dollar quoting, $n parameters and names with $ are not accepted (" + text + ").",
                    "Write string literals in single quotes, with '' for a quote inside.");
        }
        if (text.indexOf('?') >= 0) {
            throw unsupported("Operators containing ? (jsonb ?, ?|, ?&, @?) are not accepted, because ? marks a bind parameter.",
                    "Test for a JSON key with custom_fields -> 'key' IS NOT NULL, or jsonb_path_exists(custom_fields, '$.key').");
        }
    }

    /** Every reader agrees where a "quoted identifier" ends, and pgjdbc leaves ? and $ inside it alone. */
    private static boolean isQuotedIdentifier(String text) {
        return text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"");
    }

    private static String describe(Object node) {
        String name = node.getClass().getSimpleName();
        return switch (node) {
            case Statement ignored -> "a " + name.replace("Parenthesed", "").toUpperCase(Locale.ROOT) + " statement";
            default -> "the construct " + name;
        };
    }

    private static SqlRefusal notReadOnly(String message) {
        return new SqlRefusal(NOT_READ_ONLY, message,
                "Only one SELECT or WITH … SELECT is allowed; to change data use run_sql_write.");
    }

    private SqlRefusal tableNotAllowed(String message) {
        return new SqlRefusal(TABLE_NOT_ALLOWED, message,
                "Query only these tables: " + String.join(", ", policy.allowedTables().stream().sorted().toList())
                        + ". The schema summary in your instructions lists their columns.");
    }

    private static SqlRefusal forbidden(String name, String why) {
        return new SqlRefusal(FORBIDDEN_FUNCTION, name + "() is never allowed: " + why + ".",
                "Answer from the app tables with ordinary SQL functions; the database settings, files and other "
                        + "databases are out of reach by design.");
    }

    private static SqlRefusal parameter() {
        return new SqlRefusal(PARAMETER_NOT_ALLOWED, "Bind parameters and variables (?, $1, :name, @var) cannot be used here.",
                "Write the values into the query as literals, e.g. WHERE stage = 'won'.");
    }

    private static SqlRefusal unsupported(String message, String hint) {
        return new SqlRefusal(UNSUPPORTED_SYNTAX, message, hint);
    }

    /** CTE names visible at one point of the query; an unqualified table name found here is that CTE, not a table. */
    private record CteScope(Set<String> names) {
        static final CteScope NONE = new CteScope(Set.of());

        CteScope with(Collection<String> more) {
            if (more.isEmpty()) {
                return this;
            }
            Set<String> union = new HashSet<>(names);
            union.addAll(more);
            return new CteScope(Set.copyOf(union));
        }

        boolean defines(String name) {
            return names.contains(name);
        }
    }
}
