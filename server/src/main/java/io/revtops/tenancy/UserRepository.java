package io.revtops.tenancy;

import io.revtops.tenancy.Views.UserView;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for the {@code users} table. */
@Repository
public class UserRepository {

    public Optional<UserView> bySubject(JdbcClient j, String subject) {
        return j.sql("SELECT id, email, name FROM users WHERE auth_subject = :s")
                .param("s", subject).query(UserView.class).optional();
    }

    public Optional<UserView> byEmail(JdbcClient j, String email) {
        return j.sql("SELECT id, email, name FROM users WHERE lower(email) = lower(:e)")
                .param("e", email).query(UserView.class).optional();
    }

    public Optional<UserView> byId(JdbcClient j, UUID id) {
        return j.sql("SELECT id, email, name FROM users WHERE id = :id").param("id", id).query(UserView.class).optional();
    }

    public UserView create(JdbcClient j, String email, String name, String subject) {
        return j.sql("""
                INSERT INTO users (email, name, auth_subject) VALUES (:e, :n, :s)
                RETURNING id, email, name
                """).param("e", email).param("n", name).param("s", subject).query(UserView.class).single();
    }

    public void linkSubject(JdbcClient j, UUID id, String subject) {
        j.sql("UPDATE users SET auth_subject = :s WHERE id = :id AND auth_subject IS DISTINCT FROM :s")
                .param("s", subject).param("id", id).update();
    }
}
