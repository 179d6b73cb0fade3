package io.revtops.agent.tools.sql;

/** Thrown inside the guard at the first broken rule; {@link SqlGuard#check} turns it into a {@link SqlVerdict.Refused}. */
final class SqlRefusal extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient SqlVerdict.Refused verdict;

    SqlRefusal(String code, String message, String hint) {
        super(code + ": " + message, null, false, false);
        this.verdict = new SqlVerdict.Refused(code, message, hint);
    }

    SqlVerdict.Refused verdict() {
        return verdict;
    }
}
