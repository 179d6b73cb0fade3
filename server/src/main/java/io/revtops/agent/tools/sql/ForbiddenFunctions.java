package io.revtops.agent.tools.sql;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Functions agent SQL may never call, whatever the allow-list says: server administration, file and network access,
 * session settings (which carry the tenant), sequences, and functions that run SQL text the guard never sees.
 */
final class ForbiddenFunctions {

    private record Rule(String pattern, String why) {
        boolean matches(String name) {
            return pattern.endsWith("*") ? name.startsWith(pattern.substring(0, pattern.length() - 1)) : name.equals(pattern);
        }
    }

    private static final List<Rule> RULES = List.of(
            new Rule("pg_*", "pg_* functions administer the server, read files or sleep"),
            new Rule("dblink*", "dblink opens connections to other databases"),
            new Rule("set_config", "session settings carry the organization and user; they are not the agent's to read or change"),
            new Rule("current_setting", "session settings carry the organization and user; they are not the agent's to read or change"),
            new Rule("lo_*", "large-object functions read and write server files"),
            new Rule("loread", "large-object functions read and write server files"),
            new Rule("lowrite", "large-object functions read and write server files"),
            new Rule("xpath*", "XML functions are not available to agent SQL"),
            new Rule("query_to_xml*", "it runs SQL text the guard cannot check"),
            new Rule("ts_stat", "it runs SQL text the guard cannot check"),
            new Rule("ts_rewrite", "it can run SQL text the guard cannot check"),
            new Rule("txid_*", "transaction internals are not available to agent SQL"),
            new Rule("nextval", "sequence functions change database state"),
            new Rule("setval", "sequence functions change database state"),
            new Rule("currval", "sequence functions change database state"),
            new Rule("lastval", "sequence functions change database state"),
            new Rule("to_reg*", "catalog lookups are not available to agent SQL"),
            new Rule("binary_upgrade_*", "server maintenance functions are not available to agent SQL"),
            new Rule("brin_*", "index maintenance functions change database state"),
            new Rule("gin_*", "index maintenance functions change database state"));

    /** table_to_xml, cursor_to_xml, schema_to_xml, database_to_xml and their *_and_xmlschema forms run SQL by name. */
    private static final Set<String> XML_EXPORT_SUFFIXES = Set.of("_to_xml", "_to_xmlschema", "_to_xml_and_xmlschema");

    private ForbiddenFunctions() {
    }

    /** Why {@code name} (lower case, unqualified) is never allowed, or empty when it is not forbidden. */
    static Optional<String> reason(String name) {
        for (Rule rule : RULES) {
            if (rule.matches(name)) {
                return Optional.of(rule.why());
            }
        }
        if (XML_EXPORT_SUFFIXES.stream().anyMatch(name::endsWith)) {
            return Optional.of("it runs SQL text or reads tables the guard cannot check");
        }
        return Optional.empty();
    }
}
