package io.revtops.tenancy;

import io.revtops.platform.errors.ApiException;
import java.util.Locale;
import java.util.Optional;
import org.springframework.security.oauth2.jwt.Jwt;

/** Who a verified token says the caller is: the provider's subject, a work email and an optional display name. */
public record Identity(String subject, String email, Optional<String> name) {

    public static Identity from(Jwt jwt) {
        String email = jwt.getClaimAsString("email");
        if (email == null || !email.contains("@")) {
            throw new ApiException.Forbidden("email_required", "Your sign-in token carries no email address; Revtops needs a work email");
        }
        String name = jwt.getClaimAsString("name");
        if (name == null && jwt.getClaim("user_metadata") instanceof java.util.Map<?, ?> meta) {
            Object full = meta.get("full_name");
            name = full == null ? null : full.toString();
        }
        return new Identity(jwt.getSubject(), email.trim().toLowerCase(Locale.ROOT), Optional.ofNullable(name));
    }

    public String domain() {
        return email.substring(email.indexOf('@') + 1);
    }

    public String displayName() {
        return name.filter(n -> !n.isBlank()).orElse(email.substring(0, email.indexOf('@')));
    }
}
