package io.revtops.simulators.common;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One vendor's API on its own HTTP server (Javalin). Every vendor request goes through the same steps:
 * injected fault, authentication, per-credential rate limit, {@code Idempotency-Key} replay, the
 * route, body truncation, request log. Subclasses declare their routes and the vendor's error shapes.
 */
public abstract class VendorSimulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(VendorSimulator.class);
    private static final String HANDLED = "revtops.sim.handled";

    private final String slug;
    private final TokenRegistry tokens;
    private final Clock clock;
    private final Faults faults;
    private final RequestLog requests;
    private final IdempotencyStore idempotency = new IdempotencyStore();
    private Javalin app;
    private String baseUrl = "";

    protected VendorSimulator(String slug, TokenRegistry tokens, Clock clock) {
        this.slug = slug;
        this.tokens = tokens;
        this.clock = clock;
        this.faults = new Faults(tokens, clock);
        this.requests = new RequestLog(clock);
    }

    /** The vendor's endpoints. */
    protected abstract void declareRoutes(Routes routes);

    /** Extra control endpoints under {@code /__sim} (state changes for tests); none by default. */
    protected void declareAdminRoutes(Routes routes) {
    }

    protected abstract AuthResult authenticate(SimRequest request);

    /** The vendor's 429 body; the {@code Retry-After} header is added by the caller. */
    protected abstract SimResponse rateLimited(SimRequest request, int retryAfterSeconds);

    protected abstract SimResponse quotaExhausted(SimRequest request);

    /** The answer when a credential exceeds the configured rate-limit policy; the vendor's 429 by default. */
    protected SimResponse rateLimitPolicyExceeded(SimRequest request, int retryAfterSeconds) {
        return rateLimited(request, retryAfterSeconds);
    }

    protected abstract SimResponse serverError(SimRequest request, int status);

    protected abstract SimResponse notFound(SimRequest request);

    protected abstract SimResponse invalidJson(SimRequest request, String detail);

    /**
     * Whether the vendor replays the first answer to a repeated {@code Idempotency-Key} (HubSpot, Stripe-style APIs);
     * vendors that ignore the header (Slack) override this with false, so exactly-once must come from the client.
     */
    protected boolean honoursIdempotencyKeys() {
        return true;
    }

    /** Rate-limit headers the vendor sends on every answer while a policy is set. */
    protected Map<String, String> rateLimitHeaders(RateLimitDecision decision) {
        return Map.of();
    }

    /** Starts the server; port 0 picks a free port. */
    public final synchronized VendorSimulator start(String host, int port) {
        if (app != null) {
            throw new IllegalStateException(slug + " simulator already started");
        }
        Routes routes = new Routes();
        declareRoutes(routes);
        declareCommonAdminRoutes(routes);
        declareAdminRoutes(routes);
        app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.concurrency.useVirtualThreads = true;
            for (Routes.Definition d : routes.definitions()) {
                Handler handler = d.admin() ? ctx -> handleAdmin(ctx, d.route()) : ctx -> handle(ctx, d.route());
                switch (d.method()) {
                    case "GET" -> config.routes.get(d.path(), handler);
                    case "POST" -> config.routes.post(d.path(), handler);
                    case "PATCH" -> config.routes.patch(d.path(), handler);
                    case "PUT" -> config.routes.put(d.path(), handler);
                    case "DELETE" -> config.routes.delete(d.path(), handler);
                    default -> throw new IllegalArgumentException("unsupported method " + d.method());
                }
            }
            config.routes.error(404, this::unmatched);
        });
        app.start(host, port);
        String shownHost = host.equals("0.0.0.0") ? "localhost" : host;
        baseUrl = "http://" + shownHost + ":" + app.port();
        LOG.info("simulator started slug={} baseUrl={}", slug, baseUrl);
        return this;
    }

    public final String slug() {
        return slug;
    }

    /** Base URL the vendor's paths hang off, e.g. {@code http://127.0.0.1:41234}. */
    public final String baseUrl() {
        if (app == null) {
            throw new IllegalStateException(slug + " simulator is not started");
        }
        return baseUrl;
    }

    public final int port() {
        return app == null ? -1 : app.port();
    }

    public final Faults faults() {
        return faults;
    }

    public final RequestLog requests() {
        return requests;
    }

    public final TokenRegistry tokens() {
        return tokens;
    }

    public final IdempotencyStore idempotency() {
        return idempotency;
    }

    protected final Clock clock() {
        return clock;
    }

    @Override
    public synchronized void close() {
        if (app != null) {
            app.stop();
            app = null;
        }
    }

    // ------------------------------------------------------------------ pipeline

    private void handle(Context ctx, Route route) {
        ctx.attribute(HANDLED, Boolean.TRUE);
        SimRequest request = toRequest(ctx);
        IdempotencyStore.Outcome outcome;
        try {
            outcome = process(request, route);
        } catch (Json.InvalidJson e) {
            outcome = new IdempotencyStore.Outcome(invalidJson(request, e.getMessage()), false);
        } catch (RuntimeException e) {
            LOG.warn("simulator route failed slug={} method={} path={}", slug, request.method(), request.path(), e);
            outcome = new IdempotencyStore.Outcome(serverError(request, 500), false);
        }
        write(ctx, outcome.response());
        requests.record(request, outcome.response().status(), outcome.replayed());
    }

    private IdempotencyStore.Outcome process(SimRequest request, Route route) {
        boolean truncate = false;
        Optional<Fault> fault = faults.next(request.path());
        if (fault.isPresent()) {
            switch (fault.get()) {
                case Fault.Delay d -> sleep(d.delay().toMillis());
                case Fault.RateLimited r -> {
                    return plain(rateLimited(request, r.retryAfterSeconds())
                            .withHeader("Retry-After", Integer.toString(r.retryAfterSeconds())));
                }
                case Fault.QuotaExhausted q -> {
                    return plain(quotaExhausted(request));
                }
                case Fault.ServerError s -> {
                    return plain(serverError(request, s.status()));
                }
                case Fault.TruncatedBody t -> truncate = true;
            }
        }
        String credential;
        switch (authenticate(request)) {
            case AuthResult.Refused refused -> {
                return plain(refused.response());
            }
            case AuthResult.Accepted accepted -> credential = accepted.credential();
        }
        request.authenticatedAs(credential);
        Optional<RateLimitDecision> decision = faults.count(credential);
        if (decision.isPresent() && !decision.get().allowed()) {
            RateLimitDecision d = decision.get();
            return plain(rateLimitPolicyExceeded(request, d.retryAfterSeconds())
                    .withHeader("Retry-After", Integer.toString(d.retryAfterSeconds()))
                    .withHeaders(rateLimitHeaders(d)));
        }
        Optional<String> key = request.header("Idempotency-Key").filter(k -> !k.isBlank());
        IdempotencyStore.Outcome outcome;
        if (key.isPresent() && honoursIdempotencyKeys() && (request.method().equals("POST") || request.method().equals("PATCH"))) {
            outcome = idempotency.execute(key.get(), () -> route.handle(request));
        } else {
            outcome = plain(route.handle(request));
        }
        SimResponse response = outcome.response();
        if (decision.isPresent()) {
            response = response.withHeaders(rateLimitHeaders(decision.get()));
        }
        if (truncate && response.status() == 200 && response.body().length() > 1) {
            response = response.truncated();
        }
        return new IdempotencyStore.Outcome(response, outcome.replayed());
    }

    private static IdempotencyStore.Outcome plain(SimResponse response) {
        return new IdempotencyStore.Outcome(response, false);
    }

    private void unmatched(Context ctx) {
        if (ctx.attribute(HANDLED) != null) {
            return;
        }
        SimRequest request = toRequest(ctx);
        SimResponse response = notFound(request);
        write(ctx, response);
        if (!request.path().startsWith("/__sim")) {
            requests.record(request, response.status(), false);
        }
    }

    // ------------------------------------------------------------------ admin

    private void declareCommonAdminRoutes(Routes routes) {
        routes.admin("GET", "/__sim/health", r -> SimResponse.ok(Json.object("slug", slug, "status", "ok")));
        routes.admin("GET", "/__sim/requests", r -> SimResponse.ok(requests.all().stream().map(e -> Json.object(
                "sequence", e.sequence(), "at", e.at().toString(), "method", e.method(), "path", e.path(),
                "query", e.query(), "headers", e.headers(), "body", e.body(), "status", e.status(),
                "replayed", e.replayed())).toList()));
        routes.admin("DELETE", "/__sim/requests", r -> {
            requests.clear();
            return SimResponse.empty(204);
        });
        routes.admin("GET", "/__sim/faults", r -> SimResponse.ok(faults.describe()));
        routes.admin("POST", "/__sim/faults", r -> {
            faults.apply(r.json());
            return SimResponse.ok(faults.describe());
        });
        routes.admin("DELETE", "/__sim/faults", r -> {
            faults.reset();
            return SimResponse.empty(204);
        });
    }

    private void handleAdmin(Context ctx, Route route) {
        ctx.attribute(HANDLED, Boolean.TRUE);
        SimRequest request = toRequest(ctx);
        SimResponse response;
        try {
            response = route.handle(request);
        } catch (Json.InvalidJson | IllegalArgumentException e) {
            response = SimResponse.json(400, Json.object("error", String.valueOf(e.getMessage())));
        }
        write(ctx, response);
    }

    // ------------------------------------------------------------------ HTTP plumbing

    private static SimRequest toRequest(Context ctx) {
        return new SimRequest(ctx.method().name(), ctx.path(), ctx.queryString(), ctx.pathParamMap(),
                ctx.queryParamMap(), ctx.headerMap(), ctx.body());
    }

    private static void write(Context ctx, SimResponse response) {
        ctx.status(response.status());
        response.headers().forEach(ctx::header);
        if (!response.contentType().isEmpty()) {
            ctx.contentType(response.contentType());
        }
        ctx.result(response.body().getBytes(StandardCharsets.UTF_8));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
