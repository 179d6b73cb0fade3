package io.revtops.platform.web;

import io.revtops.platform.config.RevtopsProperties;
import io.revtops.platform.errors.ErrorBody;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/** A process without the api role answers only /health: the API and socket live on api processes. */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class RolesFilter extends OncePerRequestFilter {
    private final boolean api;
    private final JsonResponses json;

    public RolesFilter(RevtopsProperties props, JsonResponses json) {
        this.api = props.hasRole("api");
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return api || request.getRequestURI().equals("/health");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        json.write(response, 404, ErrorBody.of("role_not_served",
                "This process runs without the api role; send requests to an api process"));
    }
}
