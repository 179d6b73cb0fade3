package io.revtops.platform.errors;

import java.io.IOException;

/** Raised while reading a request body that grows past the configured limit (chunked bodies have no length). */
public final class PayloadTooLarge extends IOException {
    public PayloadTooLarge(long limit) {
        super("The request body is larger than the limit of " + limit + " bytes");
    }
}
