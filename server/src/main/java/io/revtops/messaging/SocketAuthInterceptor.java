package io.revtops.messaging;

import io.revtops.platform.errors.ApiException;
import io.revtops.platform.errors.ErrorBody;
import io.revtops.tenancy.Identity;
import io.revtops.tenancy.RequestContext;
import io.revtops.tenancy.RequestContextResolver;
import io.revtops.tenancy.SignIn;
import io.revtops.tenancy.SignedInUser;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.json.JsonMapper;

/**
 * Authenticates the socket before the upgrade: {@code ?token=} must verify with the app's {@link JwtDecoder} and
 * {@code ?org_id=} must name an organization the user is an active member of. Otherwise the upgrade is refused
 * with 401 (no or bad token), 400 (no or malformed org id) or 403 (not a member) and a JSON error body.
 */
@Component
class SocketAuthInterceptor implements HandshakeInterceptor {
    static final String CONTEXT = "revtops.requestContext";
    private static final Logger log = LoggerFactory.getLogger(SocketAuthInterceptor.class);

    private final JwtDecoder jwtDecoder;
    private final SignIn signIn;
    private final RequestContextResolver contexts;
    private final JsonMapper json;

    SocketAuthInterceptor(JwtDecoder jwtDecoder, SignIn signIn, RequestContextResolver contexts, JsonMapper json) {
        this.jwtDecoder = jwtDecoder;
        this.signIn = signIn;
        this.contexts = contexts;
        this.json = json;
    }

    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                                   Map<String, Object> attributes) throws IOException {
        var query = UriComponentsBuilder.fromUri(request.getURI()).build().getQueryParams();
        String token = decoded(query.getFirst("token"));
        String orgId = decoded(query.getFirst("org_id"));
        try {
            if (token == null || token.isBlank()) {
                throw new ApiException.Unauthorized("Open the socket with ?token=<your sign-in token>&org_id=<organization id>");
            }
            Jwt jwt;
            try {
                jwt = jwtDecoder.decode(token);
            } catch (JwtException e) {
                throw new ApiException.Unauthorized("Sign in again: the token is expired or not valid");
            }
            Identity identity = Identity.from(jwt);
            SignedInUser user = new SignedInUser(signIn.userId(identity), identity);
            RequestContext ctx = contexts.forOrganization(user, orgId);
            attributes.put(CONTEXT, ctx);
            return true;
        } catch (ApiException e) {
            log.info("event=socket_refused status={} code={}", e.status(), e.code());
            refuse(response, e.status(), e.code(), e.getMessage());
            return false;
        }
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                               Exception exception) {
        // nothing to do: the socket is set up in the handler
    }

    private void refuse(ServerHttpResponse response, int status, String code, String message) throws IOException {
        response.setStatusCode(HttpStatusCode.valueOf(status));
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        response.getBody().write(json.writeValueAsBytes(ErrorBody.of(code, message)));
    }

    private static String decoded(String raw) {
        return raw == null ? null : URLDecoder.decode(raw, StandardCharsets.UTF_8);
    }
}
