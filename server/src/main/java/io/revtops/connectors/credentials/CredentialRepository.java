package io.revtops.connectors.credentials;

import io.revtops.connectors.credentials.CredentialCipher.Sealed;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for {@code integration_credentials}: ciphertexts only, never plaintext. */
@Repository
public class CredentialRepository {

    public void upsert(JdbcClient j, UUID orgId, UUID integrationId, Sealed sealed) {
        j.sql("""
                INSERT INTO integration_credentials (integration_id, organization_id, ciphertext, key_version)
                VALUES (:i, :o, :c, :v)
                ON CONFLICT (integration_id) DO UPDATE
                   SET ciphertext = EXCLUDED.ciphertext, key_version = EXCLUDED.key_version, updated_at = now()
                """).param("i", integrationId).param("o", orgId).param("c", sealed.ciphertext())
                .param("v", sealed.keyVersion()).update();
    }

    public Optional<Sealed> find(JdbcClient j, UUID integrationId) {
        return j.sql("SELECT ciphertext, key_version FROM integration_credentials WHERE integration_id = :i")
                .param("i", integrationId)
                .query((rs, n) -> new Sealed(rs.getBytes(1), rs.getInt(2))).optional();
    }

    public boolean exists(JdbcClient j, UUID integrationId) {
        return j.sql("SELECT EXISTS (SELECT 1 FROM integration_credentials WHERE integration_id = :i)")
                .param("i", integrationId).query(Boolean.class).single();
    }

    public int delete(JdbcClient j, UUID integrationId) {
        return j.sql("DELETE FROM integration_credentials WHERE integration_id = :i").param("i", integrationId).update();
    }
}
