package io.revtops.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.revtops.testing.TestApi;
import io.revtops.testing.TestApi.Caller;
import io.revtops.testing.TestApi.Response;
import io.revtops.testing.TestDatabaseInitializer;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

/** In jwt mode, only tokens signed with the shared secret, unexpired and for our audience get in. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "revtops.auth.mode=jwt",
        "revtops.auth.jwt-secret=" + JwtModeTest.SECRET,
        "revtops.auth.audience=authenticated",
        "revtops.auth.supabase-url=https://project.supabase.test",
        "revtops.auth.supabase-anon-key=public-anon-key",
        "revtops.auth.sign-in-providers=google, github"})
@ContextConfiguration(initializers = TestDatabaseInitializer.class)
class JwtModeTest {
    static final String SECRET = "test-supabase-jwt-secret-with-at-least-32-bytes!!";
    @LocalServerPort int port;
    TestApi api;

    @BeforeEach
    void setUp() {
        api = new TestApi(port);
    }

    static String token(String secret, String audience, Instant expires, String email) {
        try {
            JWTClaimsSet claims = new JWTClaimsSet.Builder()
                    .subject(UUID.randomUUID().toString()).audience(audience).claim("email", email)
                    .issueTime(Date.from(Instant.now().minusSeconds(60))).expirationTime(Date.from(expires)).build();
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(secret.getBytes()));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String email() {
        return "jwt@co" + UUID.randomUUID().toString().substring(0, 8) + ".test";
    }

    Response me(String token) {
        return api.get("/api/auth/me", new Caller(token, null));
    }

    @Test
    void theWebAppLearnsWhereAndHowToSignIn() {
        Response r = api.get("/api/auth/config", Caller.anonymous());
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("mode").asString()).isEqualTo("jwt");
        assertThat(r.json().path("supabase_url").asString()).isEqualTo("https://project.supabase.test");
        assertThat(r.json().path("supabase_anon_key").asString()).isEqualTo("public-anon-key");
        assertThat(r.json().path("providers").valueStream().map(n -> n.asString()).toList()).containsExactly("google", "github");
    }

    @Test
    void aValidTokenSignsIn() {
        Response r = api.post("/api/users/sync", new Caller(token(SECRET, "authenticated", Instant.now().plusSeconds(600), email()), null), Map.of());
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("organizations")).hasSize(1);
    }

    @Nested
    class Refused {
        void assertUnauthorized(Response r) {
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.errorCode()).isEqualTo("unauthorized");
            assertThat(r.headers().get("content-type")).contains("application/json");
        }

        @Test
        void anExpiredTokenIs401() {
            assertUnauthorized(me(token(SECRET, "authenticated", Instant.now().minusSeconds(300), email())));
        }

        @Test
        void aTamperedTokenIs401() {
            String good = token(SECRET, "authenticated", Instant.now().plusSeconds(600), email());
            String[] parts = good.split("\\.");
            String forged = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                    "{\"sub\":\"x\",\"aud\":\"authenticated\",\"email\":\"ceo@victim.test\",\"exp\":9999999999}".getBytes());
            assertUnauthorized(me(parts[0] + "." + forged + "." + parts[2]));
        }

        @Test
        void aTokenSignedWithAnotherSecretIs401() {
            assertUnauthorized(me(token("another-secret-another-secret-another-secret!", "authenticated",
                    Instant.now().plusSeconds(600), email())));
        }

        @Test
        void aTokenForAnotherAudienceIs401() {
            assertUnauthorized(me(token(SECRET, "some-other-app", Instant.now().plusSeconds(600), email())));
        }

        @Test
        void noTokenIs401() {
            assertUnauthorized(me(null));
        }

        @Test
        void garbageIs401() {
            assertUnauthorized(me("not.a.jwt"));
        }

        @Test
        void devLoginIsRefusedInJwtMode() {
            Response r = api.post("/api/auth/dev-login", Caller.anonymous(), Map.of("email", email()));
            assertThat(r.status()).isEqualTo(403);
            assertThat(r.errorCode()).isEqualTo("dev_login_disabled");
        }
    }
}
