package io.revtops.tenancy;

import io.revtops.platform.config.RevtopsProperties;
import io.revtops.platform.errors.ApiException;
import io.revtops.platform.security.DevTokens;
import io.revtops.tenancy.Views.Me;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Sign-in endpoints: the dev login, the sign-in mode for the web app, who-am-I and user sync. */
@RestController
@RequestMapping("/api")
@Tag(name = "auth", description = "Sign-in and the current user")
public class AuthController {
    private final RevtopsProperties props;
    private final DevTokens devTokens;
    private final SignIn signIn;

    public AuthController(RevtopsProperties props, DevTokens devTokens, SignIn signIn) {
        this.props = props;
        this.devTokens = devTokens;
        this.signIn = signIn;
    }

    /** Body of the dev login. */
    public record DevLogin(@NotBlank @Email @Size(max = 254) String email, @Size(max = 200) String name) {}

    /** A token and the user it signs in. */
    public record TokenResponse(String token, String tokenType, Instant expiresAt, Me me) {}

    /**
     * How the web app should sign users in: dev login, or the identity provider at {@code supabase_url} with these
     * providers (PKCE when the public anon key is given, else the implicit flow).
     */
    public record AuthConfig(String mode, Optional<String> supabaseUrl, Optional<String> supabaseAnonKey, List<String> providers) {}

    @GetMapping("/auth/config")
    @Operation(summary = "Sign-in mode (dev or jwt) for the web app")
    public AuthConfig config() {
        String url = props.auth().supabaseUrl();
        String anonKey = props.auth().supabaseAnonKey();
        String providers = props.auth().signInProviders();
        return new AuthConfig(props.auth().devMode() ? "dev" : "jwt",
                url == null || url.isBlank() ? Optional.empty() : Optional.of(url),
                anonKey == null || anonKey.isBlank() ? Optional.empty() : Optional.of(anonKey),
                providers == null ? List.of() : Arrays.stream(providers.split(",")).map(String::trim).filter(p -> !p.isEmpty()).toList());
    }

    @PostMapping("/auth/dev-login")
    @Operation(summary = "Dev login: a signed token for an email (only with REVTOPS_AUTH_MODE=dev)")
    public TokenResponse devLogin(@Valid @RequestBody DevLogin body) {
        if (!props.auth().devMode()) {
            throw new ApiException.Forbidden("dev_login_disabled",
                    "Dev login is disabled in jwt mode; sign in through your identity provider");
        }
        String email = body.email().trim().toLowerCase();
        String name = body.name() == null || body.name().isBlank() ? null : body.name().trim();
        DevTokens.IssuedToken token = devTokens.issue(email, name);
        Identity identity = new Identity("dev|" + java.util.UUID.nameUUIDFromBytes(email.getBytes()), email, Optional.ofNullable(name));
        Me me = signIn.sync(identity);
        return new TokenResponse(token.token(), "Bearer", token.expiresAt(), me);
    }

    @GetMapping("/auth/me")
    @Operation(summary = "The signed-in user and their organizations")
    public Me me(SignedInUser user) {
        return signIn.me(user.id());
    }

    @PostMapping("/users/sync")
    @Operation(summary = "Create or update the signed-in user; the first sign-in of a domain creates its organization")
    public Me sync(SignedInUser user) {
        return signIn.sync(user.identity());
    }
}
