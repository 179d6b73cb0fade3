package io.revtops.connectors.http;

import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.retry.RetryConfig;
import io.revtops.connectors.ApiClient;
import io.revtops.connectors.ApiClientFactory;
import io.revtops.connectors.ConnectorException;
import io.revtops.connectors.ConnectorMeta;
import io.revtops.connectors.CredentialSource;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Makes every connector's {@link ApiClient}: one shared JDK {@link HttpClient} (HTTP/1.1, no redirects, so
 * credentials never follow a redirect elsewhere), one retry policy and the process-wide rate limiters.
 */
@Component
public class HttpApiClientFactory implements ApiClientFactory {
    private static final Logger log = LoggerFactory.getLogger(HttpApiClientFactory.class);

    private final HttpSettings settings;
    private final Environment environment;
    private final HttpClient http;
    private final ApiRateLimiters limiters;
    /** Rate limiters of the vendor simulators running in this process, by origin ({@code http://127.0.0.1:41234}). */
    private final Map<String, ApiRateLimiters> simulatorLimiters = new ConcurrentHashMap<>();
    private final RetryConfig retryConfig;
    private final Clock clock;

    @Autowired
    public HttpApiClientFactory(HttpSettings settings, Environment environment) {
        this(settings, environment, Clock.systemUTC());
    }

    HttpApiClientFactory(HttpSettings settings, Environment environment, Clock clock) {
        this.settings = settings;
        this.environment = environment;
        this.clock = clock;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.limiters = new ApiRateLimiters(new RateLimitTable(settings.rateLimits()), settings.permitWait());
        this.retryConfig = retryConfig(settings, clock);
    }

    @Override
    public ApiClient create(ConnectorMeta connector, UUID integrationId, CredentialSource credentials, Optional<URI> baseUrl) {
        Optional<URI> fixed = baseUrl.map(u -> checkedBase(connector, u.toString(), "the integration's base URL"));
        for (String variable : envVariables(connector.slug())) {
            if (fixed.isPresent()) break;
            String value = environment.getProperty(variable);
            if (value != null && !value.isBlank()) fixed = Optional.of(checkedBase(connector, value.strip(), variable));
        }
        ApiRateLimiters budget = fixed.map(u -> simulatorLimiters.get(origin(u))).orElse(limiters);
        return new HttpApiClient(http, settings, retryConfig, budget, connector, integrationId, credentials, fixed, clock);
    }

    /**
     * Declares vendor simulators running inside this process (demo mode): clients whose base URL is on the origin of
     * one of {@code baseUrls} get the budgets of {@code rateLimits} ({@code <slug> → <bucket> → "<permits>/<period>"},
     * over {@link RateLimitTable#DEFAULTS} like {@code revtops.http.rate-limits}) in token buckets of their own. The
     * simulators are ours, so their limits are ours to choose; only loopback origins are accepted, so a real vendor's
     * base URL never gets them.
     */
    public void useSimulatorRateLimits(Collection<String> baseUrls, Map<String, Map<String, String>> rateLimits) {
        ApiRateLimiters simulators = new ApiRateLimiters(new RateLimitTable(rateLimits), settings.permitWait());
        for (String baseUrl : baseUrls) {
            URI uri = URI.create(baseUrl);
            if (!isLoopback(uri)) {
                throw new IllegalArgumentException("simulator rate limits are only for simulators on this machine, not " + uri.getHost());
            }
            simulatorLimiters.put(origin(uri), simulators);
        }
        log.info("event=simulator_rate_limits origins={} limits={}", baseUrls.size(), rateLimits);
    }

    private static String origin(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        return scheme + "://" + String.valueOf(uri.getHost()).toLowerCase(Locale.ROOT) + ":" + port;
    }

    private static boolean isLoopback(URI uri) {
        String host = uri.getHost();
        if (host == null) return false;
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.startsWith("127.") || h.equals("[::1]") || h.equals("::1");
    }

    /**
     * The variables that override a connector's base URL, first wins: {@code REVTOPS_<SLUG>_BASE_URL}, then the
     * vendor SDK's own variable where there is one ({@code SLACK_API_URL}, as Slack's SDKs read it).
     */
    static java.util.List<String> envVariables(String slug) {
        return slug.equals("slack") ? java.util.List.of(envVariable(slug), "SLACK_API_URL") : java.util.List.of(envVariable(slug));
    }

    /** {@code REVTOPS_<SLUG>_BASE_URL}, e.g. {@code REVTOPS_HUBSPOT_BASE_URL}. */
    public static String envVariable(String slug) {
        return "REVTOPS_" + slug.toUpperCase(Locale.ROOT) + "_BASE_URL";
    }

    /** A base URL we may send credentials to: absolute http(s) with a host, without query or fragment. */
    static URI checkedBase(ConnectorMeta meta, String value, String where) {
        URI uri;
        try {
            uri = URI.create(value.strip());
        } catch (IllegalArgumentException e) {
            throw new ConnectorException.InvalidRequest(meta.name() + " base URL from " + where + " is malformed: '"
                    + VendorErrors.abbreviate(value, 200) + "'");
        }
        if (uri.getScheme() == null || !(uri.getScheme().equalsIgnoreCase("http") || uri.getScheme().equalsIgnoreCase("https"))
                || uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new ConnectorException.InvalidRequest(meta.name() + " base URL from " + where + " must be an absolute "
                    + "http(s) URL with a host, like https://api.example.com, not '" + VendorErrors.abbreviate(value, 200) + "'");
        }
        return uri;
    }

    /**
     * Retried: 429 (unless the vendor says the daily quota is spent, or asks for a wait longer than
     * {@code maxRetryAfter}), 5xx, timeouts and other I/O errors. The wait is the larger of the jittered exponential
     * backoff and the vendor's {@code Retry-After}.
     */
    static RetryConfig retryConfig(HttpSettings s, Clock clock) {
        IntervalFunction backoff = IntervalFunction.ofExponentialRandomBackoff(s.backoffBase(), s.backoffMultiplier(), 0.5,
                s.backoffCap());
        IntervalBiFunction<HttpResponse<String>> wait = (attempt, outcome) -> {
            long ms = backoff.apply(attempt);
            if (outcome.isRight()) {
                Optional<Duration> after = VendorErrors.retryAfter(outcome.get().headers().firstValue("Retry-After"), clock.instant());
                if (after.isPresent()) ms = Math.max(ms, after.get().toMillis());
            }
            return ms;
        };
        return RetryConfig.<HttpResponse<String>>custom()
                .maxAttempts(s.maxAttempts())
                .intervalBiFunction(wait)
                .retryOnResult(r -> retryable(r, s, clock))
                .retryOnException(e -> e instanceof IOException)
                .failAfterMaxAttempts(false)
                .build();
    }

    /**
     * For requests that must not be sent twice ({@link io.revtops.connectors.ApiRequest#resendable()} false): retried
     * only when the vendor surely did not act — a rate-limit answer, or no connection at all — never after a 5xx or a
     * timeout, which may come after the vendor already did it.
     */
    static RetryConfig unsentOnly(RetryConfig base, HttpSettings s, Clock clock) {
        return RetryConfig.<HttpResponse<String>>from(base)
                .retryOnResult(r -> r.statusCode() < 500 && retryable(r, s, clock))
                .retryOnException(e -> e instanceof java.net.ConnectException
                        || e instanceof java.net.http.HttpConnectTimeoutException)
                .build();
    }

    private static boolean retryable(HttpResponse<String> r, HttpSettings s, Clock clock) {
        int status = r.statusCode();
        if (status >= 500) return true;
        if (!isRateLimited(status, r.body()) || isQuotaExhausted(status, r.body())) return false;
        Optional<Duration> after = VendorErrors.retryAfter(r.headers().firstValue("Retry-After"), clock.instant());
        return after.isEmpty() || after.get().compareTo(s.maxRetryAfter()) <= 0;
    }

    /** Google reports per-user and per-project rate limits as 403 with these reasons (and asks for backoff). */
    private static final java.util.regex.Pattern GOOGLE_RATE_LIMIT =
            java.util.regex.Pattern.compile("\"reason\"\\s*:\\s*\"(rateLimitExceeded|userRateLimitExceeded)\"");
    /** Google's spent daily or project quota: waiting seconds won't help. */
    private static final java.util.regex.Pattern GOOGLE_QUOTA =
            java.util.regex.Pattern.compile("\"reason\"\\s*:\\s*\"(dailyLimitExceeded|quotaExceeded)\"");

    /** A rate-limit answer: 429, or Google's 403 with a rate-limit reason. */
    static boolean isRateLimited(int status, String body) {
        return status == 429 || (status == 403 && body != null && GOOGLE_RATE_LIMIT.matcher(body).find());
    }

    /**
     * A spent daily quota (HubSpot's DAILY policy, Salesforce's REQUEST_LIMIT_EXCEEDED, Google's dailyLimitExceeded):
     * waiting seconds won't help.
     */
    static boolean isQuotaExhausted(int status, String body) {
        if (body == null) return false;
        return (status == 403 && body.contains("REQUEST_LIMIT_EXCEEDED"))
                || (status == 429 && body.contains("\"policyName\":\"DAILY\""))
                || ((status == 403 || status == 429) && GOOGLE_QUOTA.matcher(body).find());
    }
}
