package io.revtops.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.revtops.testing.TestApi;
import io.revtops.testing.TestApi.Caller;
import io.revtops.testing.TestDatabaseInitializer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** In jwt mode with a JWKS URL, tokens signed by the identity provider's published keys get in; keys are cached. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "revtops.auth.mode=jwt")
@ContextConfiguration(initializers = TestDatabaseInitializer.class)
class JwksModeTest {
    static final RSAKey KEY;
    static final RSAKey OTHER_KEY;
    static final HttpServer JWKS;
    static final AtomicInteger FETCHES = new AtomicInteger();

    static {
        try {
            KEY = new RSAKeyGenerator(2048).keyID("k1").generate();
            OTHER_KEY = new RSAKeyGenerator(2048).keyID("k1").generate();
            JWKS = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            byte[] body = new JWKSet(KEY.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            JWKS.createContext("/auth/v1/.well-known/jwks.json", exchange -> {
                FETCHES.incrementAndGet();
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            JWKS.start();
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @DynamicPropertySource
    static void supabase(DynamicPropertyRegistry registry) {
        registry.add("revtops.auth.supabase-url", () -> "http://127.0.0.1:" + JWKS.getAddress().getPort());
    }

    @AfterAll
    static void stop() {
        JWKS.stop(0);
    }

    @LocalServerPort int port;

    static String token(RSAKey key) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(UUID.randomUUID().toString()).audience("authenticated")
                .claim("email", "rs@co" + UUID.randomUUID().toString().substring(0, 8) + ".test")
                .expirationTime(Date.from(Instant.now().plusSeconds(600))).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    @Test
    void aTokenSignedByAPublishedKeySignsInAndTheKeySetIsFetchedOnce() throws Exception {
        TestApi api = new TestApi(port);
        int before = FETCHES.get();
        assertThat(api.post("/api/users/sync", new Caller(token(KEY), null), Map.of()).status()).isEqualTo(200);
        assertThat(api.post("/api/users/sync", new Caller(token(KEY), null), Map.of()).status()).isEqualTo(200);
        assertThat(FETCHES.get() - before).isLessThanOrEqualTo(1);
    }

    @Test
    void aTokenSignedByAnUnpublishedKeyIs401() throws Exception {
        var r = new TestApi(port).get("/api/auth/me", new Caller(token(OTHER_KEY), null));
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.errorCode()).isEqualTo("unauthorized");
    }
}
