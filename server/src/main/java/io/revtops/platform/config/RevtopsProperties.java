package io.revtops.platform.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Revtops' own settings, read once from the environment (see application.yml for the variable names). */
@ConfigurationProperties(prefix = "revtops")
public record RevtopsProperties(
        String databaseUrl,
        Path dataDir,
        String roles,
        String secretKey,
        long maxRequestBytes,
        Auth auth) {

    /** Sign-in settings: dev login or verified JWTs. */
    public record Auth(String mode, String jwtSecret, String jwksUrl, String supabaseUrl, String audience, Duration devTokenTtl,
                       String supabaseAnonKey, String signInProviders) {
        public boolean devMode() {
            return !"jwt".equalsIgnoreCase(mode);
        }
    }

    public RevtopsProperties {
        if (dataDir == null) dataDir = Path.of("data");
        if (roles == null || roles.isBlank()) roles = "api,worker";
        if (maxRequestBytes <= 0) maxRequestBytes = 1_048_576;
        if (auth == null) auth = new Auth("dev", "", "", "", "authenticated", Duration.ofHours(12), "", "");
    }

    public Set<String> roleSet() {
        return Arrays.stream(roles.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(String::toLowerCase).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    public boolean hasRole(String role) {
        return roleSet().contains(role);
    }

    public boolean hasExternalDatabase() {
        return databaseUrl != null && !databaseUrl.isBlank();
    }
}
