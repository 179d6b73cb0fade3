package io.revtops.connectors;

import java.time.Duration;
import java.util.Optional;

/** Why a connector call failed, as a closed set the sync engine, tools and approvals handle case by case. */
public abstract sealed class ConnectorException extends RuntimeException {

    protected ConnectorException(String message) {
        super(message);
    }

    /** Credentials are missing, revoked or refused even after a refresh: the user must reconnect. Never retried. */
    public static final class NeedsReconnect extends ConnectorException {
        public NeedsReconnect(String providerName) {
            super("Reconnect " + providerName);
        }
    }

    /** Still rate-limited after the retries ran out. */
    public static final class RateLimited extends ConnectorException {
        private final Optional<Duration> retryAfter;

        public RateLimited(String message, Optional<Duration> retryAfter) {
            super(message);
            this.retryAfter = retryAfter;
        }

        public Optional<Duration> retryAfter() {
            return retryAfter;
        }
    }

    /** 5xx or timeouts after the retries ran out: try again later. */
    public static final class Unavailable extends ConnectorException {
        public Unavailable(String message) {
            super(message);
        }
    }

    /** The vendor refused the request (4xx other than auth and 429), e.g. a validation error; its message is kept. */
    public static final class Rejected extends ConnectorException {
        private final int status;
        private final String vendorBody;

        public Rejected(int status, String vendorMessage, String vendorBody) {
            super(vendorMessage);
            this.status = status;
            this.vendorBody = vendorBody;
        }

        public int status() {
            return status;
        }

        public String vendorBody() {
            return vendorBody;
        }
    }

    /** A 2xx answer whose body could not be read (truncated page, not JSON, missing required structure). */
    public static final class MalformedResponse extends ConnectorException {
        public MalformedResponse(String message) {
            super(message);
        }
    }

    /** Bad parameters or configuration on our side (unknown operation, invalid base URL), found before any call. */
    public static final class InvalidRequest extends ConnectorException {
        public InvalidRequest(String message) {
            super(message);
        }
    }

    /** The caller gave up: the integration was disconnected or the task cancelled. */
    public static final class Cancelled extends ConnectorException {
        public Cancelled() {
            super("cancelled");
        }
    }
}
