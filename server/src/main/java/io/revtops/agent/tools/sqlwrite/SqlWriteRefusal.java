package io.revtops.agent.tools.sqlwrite;

/** Why run_sql_write will not run a statement, in words the model can act on. */
public final class SqlWriteRefusal extends RuntimeException {
    private final String hint;

    public SqlWriteRefusal(String message, String hint) {
        super(message, null, false, false);
        this.hint = hint;
    }

    public String hint() {
        return hint;
    }
}
