package io.revtops.connectors.http;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.revtops.connectors.ApiClient;
import io.revtops.connectors.ApiRequest;
import io.revtops.connectors.ApiResponse;
import io.revtops.connectors.ConnectorException;
import io.revtops.connectors.ConnectorMeta;
import io.revtops.connectors.CredentialSource;
import io.revtops.connectors.Credentials;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@link ApiClient} of one integration: resolves the URL, presents the credentials, waits for the integration's
 * rate-limit permit, sends through the shared {@link HttpClient} under a Resilience4j {@link Retry}, and turns
 * what is not a success into the {@link ConnectorException} the SPI promises. Logs one line per attempt, never
 * credentials, query strings or bodies.
 */
final class HttpApiClient implements ApiClient {
    private static final Logger log = LoggerFactory.getLogger(HttpApiClient.class);
    /** Vendor bodies are exactly what the connector built: no naming strategy, unlike the app's own JSON. */
    private static final JsonMapper BODY_JSON = JsonMapper.builder().build();

    private final HttpClient http;
    private final HttpSettings settings;
    private final RetryConfig retryConfig;
    private final RetryConfig unsentOnlyConfig;
    private final ApiRateLimiters limiters;
    private final ConnectorMeta meta;
    private final UUID integrationId;
    private final CredentialSource credentials;
    private final Optional<URI> fixedBase;
    private final Clock clock;

    HttpApiClient(HttpClient http, HttpSettings settings, RetryConfig retryConfig, ApiRateLimiters limiters,
                  ConnectorMeta meta, UUID integrationId, CredentialSource credentials, Optional<URI> fixedBase, Clock clock) {
        this.http = http;
        this.settings = settings;
        this.retryConfig = retryConfig;
        this.unsentOnlyConfig = HttpApiClientFactory.unsentOnly(retryConfig, settings, clock);
        this.limiters = limiters;
        this.meta = meta;
        this.integrationId = integrationId;
        this.credentials = credentials;
        this.fixedBase = fixedBase;
        this.clock = clock;
    }

    @Override
    public URI baseUrl() {
        return fixedBase.orElseGet(() -> baseFor(currentCredentials()));
    }

    @Override
    public ApiResponse send(ApiRequest request) {
        Credentials current = currentCredentials();
        HttpResponse<String> response = sendWithRetries(request, current);
        if (response.statusCode() == 401) {
            // the cached token may have expired: ask the source once for fresh credentials, then give up
            Credentials fresh = credentials.refreshed();
            response = sendWithRetries(request, fresh);
            if (response.statusCode() == 401) {
                log.info("event=http_reconnect_needed connector={} integration={} path={}", meta.slug(), integrationId,
                        logPath(request.path()));
                throw new ConnectorException.NeedsReconnect(meta.name());
            }
        }
        return outcome(response);
    }

    private Credentials currentCredentials() {
        if (meta.authStyle() instanceof ConnectorMeta.AuthStyle.None && fixedBase.isPresent()) return Credentials.none();
        return credentials.current();
    }

    private URI baseFor(Credentials c) {
        if (fixedBase.isPresent()) return fixedBase.get();
        if (c.instanceUrl().isPresent() && !c.instanceUrl().get().isBlank()) {
            return HttpApiClientFactory.checkedBase(meta, c.instanceUrl().get(), "the connection's instance URL");
        }
        return HttpApiClientFactory.checkedBase(meta, meta.defaultBaseUrl(), "the connector's default base URL");
    }

    // ------------------------------------------------------------------ one request, retried

    private HttpResponse<String> sendWithRetries(ApiRequest request, Credentials c) {
        HttpRequest built = build(request, c);
        RateLimiter limiter = limiters.limiter(meta.slug(), integrationId, request.api());
        AtomicInteger attempt = new AtomicInteger();
        Callable<HttpResponse<String>> once = () -> attempt(built, request, limiter, attempt.incrementAndGet());
        Retry retry = Retry.of(meta.slug() + ":" + request.api(), request.resendable() ? retryConfig : unsentOnlyConfig);
        try {
            return Retry.decorateCallable(retry, once).call();
        } catch (HttpTimeoutException e) {
            throw new ConnectorException.Unavailable(meta.name() + " did not answer in time after " + attempt.get() + " attempts");
        } catch (IOException e) {
            throw new ConnectorException.Unavailable(meta.name() + " could not be reached after " + attempt.get()
                    + " attempts (" + e.getClass().getSimpleName() + ")");
        } catch (RequestNotPermitted e) {
            throw new ConnectorException.RateLimited("Waited too long for the " + meta.name() + " rate limit ("
                    + request.api() + " bucket)", Optional.of(settings.permitWait()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectorException.Cancelled();
        } catch (ConnectorException e) {
            throw e;
        } catch (Exception e) {
            if (Thread.currentThread().isInterrupted()) throw new ConnectorException.Cancelled();
            throw new ConnectorException.Unavailable(meta.name() + " call failed: " + e.getClass().getSimpleName());
        }
    }

    private HttpResponse<String> attempt(HttpRequest built, ApiRequest request, RateLimiter limiter, int attempt)
            throws IOException, InterruptedException {
        RateLimiter.waitForPermission(limiter);
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            log.info("event=http_call connector={} integration={} method={} path={} api={} status={} ms={} attempt={}",
                    meta.slug(), integrationId, request.method(), logPath(request.path()), request.api(),
                    response.statusCode(), elapsedMs(start), attempt);
            return response;
        } catch (IOException e) {
            log.info("event=http_call connector={} integration={} method={} path={} api={} status=- error={} ms={} attempt={}",
                    meta.slug(), integrationId, request.method(), logPath(request.path()), request.api(),
                    e.getClass().getSimpleName(), elapsedMs(start), attempt);
            throw e;
        }
    }

    private ApiResponse outcome(HttpResponse<String> r) {
        int status = r.statusCode();
        String body = r.body() == null ? "" : r.body();
        if (status >= 200 && status < 300) return new ApiResponse(status, r.headers().map(), body);
        String message = VendorErrors.message(status, body);
        if (HttpApiClientFactory.isRateLimited(status, body) || HttpApiClientFactory.isQuotaExhausted(status, body)) {
            throw new ConnectorException.RateLimited(meta.name() + " rate limit: " + message,
                    VendorErrors.retryAfter(r.headers().firstValue("Retry-After"), clock.instant()));
        }
        if (status >= 500) throw new ConnectorException.Unavailable(meta.name() + " is unavailable (HTTP " + status + "): " + message);
        throw new ConnectorException.Rejected(status, message, VendorErrors.keptBody(body));
    }

    // ------------------------------------------------------------------ building

    private HttpRequest build(ApiRequest request, Credentials c) {
        URI base = baseFor(c);
        URI uri = resolve(base, request.path(), request.query());
        HttpRequest.Builder b;
        try {
            b = HttpRequest.newBuilder(uri).timeout(settings.requestTimeout()).header("Accept", "application/json")
                    .header("User-Agent", "revtops");
            request.headers().forEach(b::header);
        } catch (IllegalArgumentException e) {
            throw new ConnectorException.InvalidRequest("request to " + meta.name() + " is not valid: " + e.getMessage());
        }
        switch (meta.authStyle()) {
            case ConnectorMeta.AuthStyle.Bearer bearer -> b.setHeader("Authorization", "Bearer " + secret(c));
            case ConnectorMeta.AuthStyle.Header header -> b.setHeader(header.name(), secret(c));
            case ConnectorMeta.AuthStyle.None none -> { }
        }
        request.idempotencyKey().filter(k -> !k.isBlank()).ifPresent(k -> b.setHeader("Idempotency-Key", k));
        HttpRequest.BodyPublisher publisher = HttpRequest.BodyPublishers.noBody();
        if (request.body().isPresent()) {
            Object body = request.body().get();
            String json = body instanceof String s ? s : BODY_JSON.writeValueAsString(body);
            publisher = HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8);
            if (request.headers().keySet().stream().noneMatch(h -> h.equalsIgnoreCase("Content-Type"))) {
                b.setHeader("Content-Type", "application/json");
            }
        }
        return b.method(request.method().toUpperCase(Locale.ROOT), publisher).build();
    }

    private String secret(Credentials c) {
        return c.secret().filter(s -> !s.isBlank()).orElseThrow(() -> new ConnectorException.NeedsReconnect(meta.name()));
    }

    /**
     * A relative path hangs off the base URL (keeping any path prefix of the base); an absolute one (a vendor's paging
     * link) must point at the same scheme, host and port as the base, so a forged link can never carry our
     * credentials elsewhere.
     */
    URI resolve(URI base, String path, Map<String, String> query) {
        URI target;
        try {
            if (path.regionMatches(true, 0, "http://", 0, 7) || path.regionMatches(true, 0, "https://", 0, 8)) {
                target = URI.create(path);
                if (!sameOrigin(base, target)) {
                    throw new ConnectorException.InvalidRequest("refusing to send " + meta.name() + " credentials to "
                            + target.getScheme() + "://" + target.getHost() + (target.getPort() < 0 ? "" : ":" + target.getPort())
                            + ": paging links must stay on " + base.getScheme() + "://" + base.getAuthority());
                }
            } else {
                String b = base.toString();
                while (b.endsWith("/")) b = b.substring(0, b.length() - 1);
                target = URI.create(b + (path.startsWith("/") ? path : "/" + path));
            }
        } catch (IllegalArgumentException e) {
            throw new ConnectorException.InvalidRequest("path '" + VendorErrors.abbreviate(path, 200) + "' is not a valid URL: "
                    + e.getMessage());
        }
        if (query.isEmpty()) return target;
        StringBuilder q = new StringBuilder();
        query.forEach((k, v) -> {
            if (v == null) return;
            if (!q.isEmpty()) q.append('&');
            q.append(encode(k)).append('=').append(encode(v));
        });
        String s = target.toString();
        return URI.create(s + (target.getRawQuery() == null ? "?" : "&") + q);
    }

    static boolean sameOrigin(URI a, URI b) {
        return a.getScheme() != null && b.getScheme() != null && a.getScheme().equalsIgnoreCase(b.getScheme())
                && a.getHost() != null && b.getHost() != null && a.getHost().equalsIgnoreCase(b.getHost())
                && port(a) == port(b);
    }

    private static int port(URI u) {
        if (u.getPort() >= 0) return u.getPort();
        return "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The path only: query strings may hold e-mail addresses, SOQL or keys. */
    private static String logPath(String path) {
        String p = path;
        int scheme = p.indexOf("://");
        if (scheme >= 0) {
            int slash = p.indexOf('/', scheme + 3);
            p = slash < 0 ? "/" : p.substring(slash);
        }
        int q = p.indexOf('?');
        return VendorErrors.abbreviate(q < 0 ? p : p.substring(0, q), 200);
    }

    private static long elapsedMs(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos).toMillis();
    }
}
