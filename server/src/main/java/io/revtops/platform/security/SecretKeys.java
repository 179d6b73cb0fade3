package io.revtops.platform.security;

import io.revtops.platform.config.RevtopsProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The master secret ({@code SECRET_KEY}) and keys derived from it for one purpose each (stored-credential
 * encryption, dev-login tokens). Without {@code SECRET_KEY}, one is generated once into the data directory.
 */
@Component
public class SecretKeys {
    private static final Logger log = LoggerFactory.getLogger(SecretKeys.class);
    private final byte[] master;

    public SecretKeys(RevtopsProperties props) {
        this.master = props.secretKey() != null && !props.secretKey().isBlank()
                ? props.secretKey().getBytes(StandardCharsets.UTF_8)
                : generatedKey(props.dataDir().resolve("secret.key"));
    }

    /** A 256-bit key for one named purpose, derived with HMAC-SHA256 so purposes never share key material. */
    public byte[] derive(String purpose) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(master, "HmacSHA256"));
            return mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private static byte[] generatedKey(Path file) {
        try {
            if (Files.exists(file)) {
                return Base64.getDecoder().decode(Files.readString(file).trim());
            }
            Files.createDirectories(file.getParent());
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            Files.writeString(file, Base64.getEncoder().encodeToString(key));
            try {
                Files.setPosixFilePermissions(file, Set.copyOf(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system (Windows): the directory's own permissions apply
            }
            log.warn("event=secret_key_generated file={} hint=\"set SECRET_KEY in production\"", file);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read or create " + file + "; set SECRET_KEY instead", e);
        }
    }
}
