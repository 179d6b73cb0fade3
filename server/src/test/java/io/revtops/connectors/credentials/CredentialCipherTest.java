package io.revtops.connectors.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.revtops.connectors.credentials.CredentialCipher.Sealed;
import io.revtops.platform.config.RevtopsProperties;
import io.revtops.platform.security.SecretKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Stored credentials are AES-256-GCM ciphertexts bound to their integration, under a key derived from SECRET_KEY. */
class CredentialCipherTest {
    static CredentialCipher cipher(String secretKey) {
        return new CredentialCipher(new SecretKeys(new RevtopsProperties(null, Path.of("unused"), "api", secretKey, 0, null)));
    }

    final CredentialCipher cipher = cipher("test-secret-key");
    final UUID integration = UUID.randomUUID();
    final byte[] plain = "{\"api_key\":\"sk-live-123456\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void decryptsWhatItEncrypted() {
        assertThat(cipher.open(cipher.seal(plain, integration), integration)).isEqualTo(plain);
    }

    @Test
    void theCiphertextDoesNotContainTheSecret() {
        byte[] sealed = cipher.seal(plain, integration).ciphertext();
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("sk-live-123456").doesNotContain("api_key");
    }

    @Test
    void everyWriteUsesAFreshNonce() {
        Sealed a = cipher.seal(plain, integration);
        Sealed b = cipher.seal(plain, integration);
        assertThat(Arrays.copyOf(a.ciphertext(), 12)).isNotEqualTo(Arrays.copyOf(b.ciphertext(), 12));
        assertThat(a.ciphertext()).isNotEqualTo(b.ciphertext());
    }

    @Test
    void aCiphertextMovedToAnotherIntegrationDoesNotDecrypt() {
        Sealed sealed = cipher.seal(plain, integration);
        assertThatThrownBy(() -> cipher.open(sealed, UUID.randomUUID())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anotherSecretKeyCannotDecrypt() {
        Sealed sealed = cipher.seal(plain, integration);
        assertThatThrownBy(() -> cipher("another-secret").open(sealed, integration))
                .hasMessageContaining("SECRET_KEY changed");
    }

    @Test
    void aTamperedCiphertextIsRefused() {
        Sealed sealed = cipher.seal(plain, integration);
        byte[] bytes = sealed.ciphertext().clone();
        bytes[bytes.length - 1] ^= 1;
        assertThatThrownBy(() -> cipher.open(new Sealed(bytes, 1), integration)).isInstanceOf(IllegalStateException.class);
    }
}
