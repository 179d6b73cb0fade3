package io.revtops.simulators.common;

import java.time.Duration;

/** A failure a simulator can be told to produce for its next requests. */
public sealed interface Fault {

    /** The vendor's "too many requests" answer (HTTP 429) with a {@code Retry-After} header. */
    record RateLimited(int retryAfterSeconds) implements Fault {
    }

    /** The vendor's "quota used up" answer (Salesforce 403 REQUEST_LIMIT_EXCEEDED, HubSpot daily limit). */
    record QuotaExhausted() implements Fault {
    }

    /** A 5xx answer in the vendor's error shape. */
    record ServerError(int status) implements Fault {
    }

    /** The request is answered normally, but only after this delay (for client timeouts). */
    record Delay(Duration delay) implements Fault {
    }

    /** A normal 200 answer whose body is cut in the middle of the JSON. */
    record TruncatedBody() implements Fault {
    }
}
