package io.revtops.connectors.credentials;

import io.revtops.platform.security.SecretKeys;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Encrypts stored credentials with AES-256-GCM under a key derived from {@code SECRET_KEY} for this one purpose.
 * Each write gets a fresh random 96-bit nonce (stored in front of the ciphertext); the integration id is the
 * associated data, so a ciphertext copied onto another integration's row does not decrypt.
 */
@Component
public class CredentialCipher {
    /** The key version new ciphertexts are written with; a rotation adds a version and keeps reading the old one. */
    public static final int CURRENT_KEY_VERSION = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec v1;
    private final SecureRandom random = new SecureRandom();

    public CredentialCipher(SecretKeys keys) {
        this.v1 = new SecretKeySpec(keys.derive("integration-credentials"), "AES");
    }

    /** A ciphertext and the key version it needs. */
    public record Sealed(byte[] ciphertext, int keyVersion) {}

    public Sealed seal(byte[] plaintext, UUID integrationId) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key(CURRENT_KEY_VERSION), new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(aad(integrationId));
            byte[] body = c.doFinal(plaintext);
            return new Sealed(ByteBuffer.allocate(NONCE_BYTES + body.length).put(nonce).put(body).array(), CURRENT_KEY_VERSION);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not encrypt credentials", e);
        }
    }

    /** The plaintext, or an exception when the ciphertext was tampered with, moved or needs another key. */
    public byte[] open(Sealed sealed, UUID integrationId) {
        byte[] all = sealed.ciphertext();
        if (all.length <= NONCE_BYTES) throw new IllegalStateException("stored credentials are truncated");
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key(sealed.keyVersion()), new GCMParameterSpec(TAG_BITS, Arrays.copyOf(all, NONCE_BYTES)));
            c.updateAAD(aad(integrationId));
            return c.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("stored credentials do not decrypt (SECRET_KEY changed?)", e);
        }
    }

    private SecretKeySpec key(int version) {
        if (version != 1) throw new IllegalStateException("unknown credential key version " + version);
        return v1;
    }

    private static byte[] aad(UUID integrationId) {
        return ByteBuffer.allocate(16).putLong(integrationId.getMostSignificantBits())
                .putLong(integrationId.getLeastSignificantBits()).array();
    }
}
