package io.revtops.platform.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.revtops.platform.config.RevtopsProperties;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Issues the HS256 tokens of the dev login (embedded default and tests only; refused in jwt mode). */
@Component
public class DevTokens {
    public static final String ISSUER = "revtops-dev";
    private final byte[] key;
    private final RevtopsProperties.Auth auth;

    public DevTokens(SecretKeys keys, RevtopsProperties props) {
        this.key = keys.derive("dev-login-token");
        this.auth = props.auth();
    }

    byte[] key() {
        return key;
    }

    /** A signed token; the subject is stable per email so repeated dev logins are the same user. */
    public IssuedToken issue(String email, String name) {
        Instant now = Instant.now();
        Instant expires = now.plus(auth.devTokenTtl());
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject("dev|" + UUID.nameUUIDFromBytes(email.toLowerCase().getBytes()))
                .audience(auth.audience())
                .claim("email", email)
                .claim("name", name)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(expires))
                .build();
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(key));
            return new IssuedToken(jwt.serialize(), expires);
        } catch (JOSEException e) {
            throw new IllegalStateException("could not sign dev token", e);
        }
    }

    /** A token and when it stops working. */
    public record IssuedToken(String token, Instant expiresAt) {}
}
