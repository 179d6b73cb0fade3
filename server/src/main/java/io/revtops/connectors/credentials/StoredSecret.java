package io.revtops.connectors.credentials;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What an admin entered for a connection without Nango: an API key or an OAuth access token, optionally the
 * instance URL the token belongs to and a refresh token. Kept only encrypted; {@link #toString()} hides the values.
 */
public record StoredSecret(Optional<String> apiKey, Optional<String> accessToken, Optional<String> refreshToken,
                           Optional<String> instanceUrl) {

    public StoredSecret {
        apiKey = blankToEmpty(apiKey);
        accessToken = blankToEmpty(accessToken);
        refreshToken = blankToEmpty(refreshToken);
        instanceUrl = blankToEmpty(instanceUrl);
    }

    public boolean hasSecret() {
        return apiKey.isPresent() || accessToken.isPresent();
    }

    Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        apiKey.ifPresent(v -> m.put("api_key", v));
        accessToken.ifPresent(v -> m.put("access_token", v));
        refreshToken.ifPresent(v -> m.put("refresh_token", v));
        instanceUrl.ifPresent(v -> m.put("instance_url", v));
        return m;
    }

    static StoredSecret fromMap(Map<String, ?> m) {
        return new StoredSecret(str(m, "api_key"), str(m, "access_token"), str(m, "refresh_token"), str(m, "instance_url"));
    }

    private static Optional<String> str(Map<String, ?> m, String key) {
        Object v = m.get(key);
        return v == null ? Optional.empty() : Optional.of(v.toString());
    }

    private static Optional<String> blankToEmpty(Optional<String> v) {
        return v == null ? Optional.empty() : v.map(String::trim).filter(s -> !s.isEmpty());
    }

    @Override
    public String toString() {
        return "StoredSecret[apiKey=" + (apiKey.isPresent() ? "***" : "-") + ", accessToken=" + (accessToken.isPresent() ? "***" : "-")
                + ", refreshToken=" + (refreshToken.isPresent() ? "***" : "-") + ", instanceUrl=" + instanceUrl.orElse("-") + "]";
    }
}
