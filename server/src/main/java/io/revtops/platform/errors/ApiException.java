package io.revtops.platform.errors;

/**
 * The one exception family that reaches clients, mapped once to {@code {error:{code,message}}} with its status.
 * The message is written for the person reading it: what went wrong and what to do next.
 */
public abstract sealed class ApiException extends RuntimeException
        permits ApiException.NotFound, ApiException.Forbidden, ApiException.Unauthorized, ApiException.InvalidInput,
                ApiException.Conflict, ApiException.UpstreamFailed, ApiException.NeedsReconnect {

    private final String code;

    protected ApiException(String code, String message) {
        super(message);
        this.code = code;
    }

    protected ApiException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public String code() {
        return code;
    }

    public abstract int status();

    /** A thing that does not exist or is not visible to the caller (404). */
    public static final class NotFound extends ApiException {
        public NotFound(String what) {
            super("not_found", what + " was not found");
        }

        @Override
        public int status() {
            return 404;
        }
    }

    /** The caller is known but may not do this (403). */
    public static final class Forbidden extends ApiException {
        public Forbidden(String code, String message) {
            super(code, message);
        }

        @Override
        public int status() {
            return 403;
        }
    }

    /** The caller is not signed in, or the token is not valid (401). */
    public static final class Unauthorized extends ApiException {
        public Unauthorized(String message) {
            super("unauthorized", message);
        }

        @Override
        public int status() {
            return 401;
        }
    }

    /** The request itself is wrong (400 by default, 413 for oversized bodies). */
    public static final class InvalidInput extends ApiException {
        private final int status;

        public InvalidInput(String code, String message) {
            this(code, message, 400);
        }

        public InvalidInput(String code, String message, int status) {
            super(code, message);
            this.status = status;
        }

        @Override
        public int status() {
            return status;
        }
    }

    /** The request clashes with the current state (409). */
    public static final class Conflict extends ApiException {
        public Conflict(String code, String message) {
            super(code, message);
        }

        @Override
        public int status() {
            return 409;
        }
    }

    /** A vendor or model API failed in a way the user cannot fix by changing the request (502). */
    public static final class UpstreamFailed extends ApiException {
        public UpstreamFailed(String message, Throwable cause) {
            super("upstream_failed", message, cause);
        }

        @Override
        public int status() {
            return 502;
        }
    }

    /** A connection's credentials were revoked or are missing: "Reconnect &lt;Provider&gt;" (409). */
    public static final class NeedsReconnect extends ApiException {
        public NeedsReconnect(String providerName) {
            super("needs_reconnect", "Reconnect " + providerName);
        }

        @Override
        public int status() {
            return 409;
        }
    }
}
