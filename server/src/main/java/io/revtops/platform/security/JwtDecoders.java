package io.revtops.platform.security;

import io.revtops.platform.config.RevtopsProperties;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/** Builds the token verifier for the configured sign-in mode: dev tokens, an HS256 shared secret, or JWKS. */
final class JwtDecoders {
    private JwtDecoders() {}

    static JwtDecoder forSettings(RevtopsProperties.Auth auth, DevTokens devTokens) {
        NimbusJwtDecoder decoder;
        if (auth.devMode()) {
            decoder = NimbusJwtDecoder.withSecretKey(hmac(devTokens.key())).macAlgorithm(MacAlgorithm.HS256).build();
        } else if (notBlank(auth.jwtSecret())) {
            decoder = NimbusJwtDecoder.withSecretKey(hmac(auth.jwtSecret().getBytes(StandardCharsets.UTF_8)))
                    .macAlgorithm(MacAlgorithm.HS256).build();
        } else {
            String jwks = notBlank(auth.jwksUrl()) ? auth.jwksUrl()
                    : notBlank(auth.supabaseUrl()) ? auth.supabaseUrl().replaceAll("/+$", "") + "/auth/v1/.well-known/jwks.json"
                    : null;
            if (jwks == null) {
                throw new IllegalStateException("REVTOPS_AUTH_MODE=jwt needs SUPABASE_JWT_SECRET (HS256) or "
                        + "REVTOPS_JWKS_URL / SUPABASE_URL (JWKS). Set one, or use REVTOPS_AUTH_MODE=dev for local use.");
            }
            // Nimbus caches the key set and refetches it when an unknown key id shows up
            decoder = NimbusJwtDecoder.withJwkSetUri(jwks).build();
        }
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(List.of(
                new JwtTimestampValidator(Duration.ofSeconds(30)),
                audience(auth.audience()))));
        return decoder;
    }

    private static OAuth2TokenValidator<Jwt> audience(String expected) {
        return jwt -> {
            if (!notBlank(expected)) return OAuth2TokenValidatorResult.success();
            List<String> aud = jwt.getAudience();
            return aud != null && aud.contains(expected)
                    ? OAuth2TokenValidatorResult.success()
                    : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "The token is for another audience", null));
        };
    }

    private static SecretKey hmac(byte[] key) {
        return new SecretKeySpec(key, "HmacSHA256");
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
