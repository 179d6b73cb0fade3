package io.revtops.platform.errors;

/** The JSON error body every failing request gets: {@code {"error":{"code":…,"message":…}}}. */
public record ErrorBody(Error error) {
    /** The code a program can switch on and the sentence a person can act on. */
    public record Error(String code, String message) {}

    public static ErrorBody of(String code, String message) {
        return new ErrorBody(new Error(code, message));
    }
}
