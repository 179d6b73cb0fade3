package io.revtops.tenancy;

import io.revtops.platform.db.Tenant;
import io.revtops.platform.db.TenantTx;
import io.revtops.platform.errors.ApiException;
import java.util.UUID;
import org.springframework.core.MethodParameter;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Supplies controllers with a {@link RequestContext} (or a {@link SignedInUser}): the verified user and, for
 * tenant endpoints, the organization named by {@code X-Organization-Id}, checked against active membership.
 */
@Component
public class RequestContextResolver implements HandlerMethodArgumentResolver {
    public static final String ORG_HEADER = "X-Organization-Id";

    private final SignIn signIn;
    private final TenantTx tx;
    private final MemberRepository members;

    public RequestContextResolver(SignIn signIn, TenantTx tx, MemberRepository members) {
        this.signIn = signIn;
        this.tx = tx;
        this.members = members;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        Class<?> type = parameter.getParameterType();
        return type == RequestContext.class || type == SignedInUser.class;
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest request,
                                  WebDataBinderFactory binderFactory) {
        SignedInUser user = currentUser();
        if (parameter.getParameterType() == SignedInUser.class) return user;
        return forOrganization(user, request.getHeader(ORG_HEADER));
    }

    /** The verified caller of this request. */
    public SignedInUser currentUser() {
        if (!(SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken token)) {
            throw new ApiException.Unauthorized("Sign in first: send 'Authorization: Bearer <token>'");
        }
        Identity identity = Identity.from(token.getToken());
        return new SignedInUser(signIn.userId(identity), identity);
    }

    /** Validates that {@code user} is an active member of the organization named by the header value. */
    public RequestContext forOrganization(SignedInUser user, String orgHeader) {
        if (orgHeader == null || orgHeader.isBlank()) {
            throw new ApiException.InvalidInput("organization_required",
                    "Send the header " + ORG_HEADER + " with the id of the organization you are acting in");
        }
        UUID orgId;
        try {
            orgId = UUID.fromString(orgHeader.trim());
        } catch (IllegalArgumentException e) {
            throw new ApiException.InvalidInput("invalid_organization_id", ORG_HEADER + " must be an organization id (a UUID)");
        }
        Role role = tx.run(Tenant.of(orgId, user.id()), j -> members.activeRole(j, orgId, user.id()))
                .orElseThrow(() -> new ApiException.Forbidden("not_a_member", "You are not an active member of that organization"));
        return new RequestContext(user.id(), user.identity().email(), orgId, role);
    }
}
