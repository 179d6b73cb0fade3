package io.revtops.platform.db;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** A PostgreSQL location given as {@code postgres://user:pass@host:port/db?…} or {@code jdbc:postgresql://…}, as JDBC needs it. */
public record DatabaseUrl(String jdbcUrl, Optional<String> user, Optional<String> password) {

    /** Accepts both URL styles; user and password in a postgres:// URL move out of the JDBC URL. */
    public static DatabaseUrl parse(String url) {
        if (url == null || url.isBlank()) throw new IllegalArgumentException("DATABASE_URL is empty");
        String trimmed = url.trim();
        if (trimmed.startsWith("jdbc:postgresql:")) {
            return new DatabaseUrl(trimmed, Optional.empty(), Optional.empty());
        }
        if (!trimmed.startsWith("postgres://") && !trimmed.startsWith("postgresql://")) {
            throw new IllegalArgumentException(
                    "DATABASE_URL must start with postgres://, postgresql:// or jdbc:postgresql:// (got '"
                            + trimmed.replaceAll("//[^@/]*@", "//***@") + "')");
        }
        URI uri = URI.create(trimmed);
        if (uri.getHost() == null) throw new IllegalArgumentException("DATABASE_URL has no host");
        String db = uri.getRawPath() == null || uri.getRawPath().length() <= 1 ? "postgres" : uri.getRawPath().substring(1);
        StringBuilder jdbc = new StringBuilder("jdbc:postgresql://").append(uri.getHost());
        if (uri.getPort() > 0) jdbc.append(':').append(uri.getPort());
        jdbc.append('/').append(db);
        if (uri.getRawQuery() != null) jdbc.append('?').append(uri.getRawQuery());
        Optional<String> user = Optional.empty();
        Optional<String> password = Optional.empty();
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = Optional.of(decode(parts[0]));
            if (parts.length > 1) password = Optional.of(decode(parts[1]));
        }
        return new DatabaseUrl(jdbc.toString(), user, password);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "DatabaseUrl[" + jdbcUrl + ", user=" + user.orElse("-") + "]";
    }
}
