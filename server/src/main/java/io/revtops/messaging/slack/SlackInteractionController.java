package io.revtops.messaging.slack;

import io.revtops.platform.errors.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Slack's interactivity request URL: button clicks on approval DMs. Not authenticated by a JWT — the Slack signature
 * is the authentication, checked on the raw body before anything is parsed. Slack wants an answer within 3 seconds,
 * so the click is acknowledged at once and decided on a virtual thread; the outcome reaches Slack as an update of
 * the DM (or an ephemeral reply when the click is refused).
 */
@RestController
@Tag(name = "Slack")
public class SlackInteractionController {
    private static final Logger log = LoggerFactory.getLogger(SlackInteractionController.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final int MAX_BODY = 100_000;

    private final SlackApprovals slack;
    private final SlackProperties props;
    private final Clock clock = Clock.systemUTC();

    public SlackInteractionController(SlackApprovals slack, SlackProperties props) {
        this.slack = slack;
        this.props = props;
    }

    @PostMapping(path = "/api/slack/interactions", consumes = "application/x-www-form-urlencoded")
    @Operation(summary = "Slack interactivity: Approve / Reject buttons of approval DMs",
            description = "Set this URL as the Slack app's Interactivity Request URL. Slack posts a form with one field "
                    + "'payload' (JSON, type block_actions). The request must carry X-Slack-Request-Timestamp (at most 5 "
                    + "minutes old) and X-Slack-Signature = v0=HMAC-SHA256(SLACK_SIGNING_SECRET, 'v0:{timestamp}:{raw body}'); "
                    + "otherwise 401 and nothing happens. A verified click is acknowledged with 200 at once and decided "
                    + "as the Slack member's Revtops member (only the requester or an admin may decide).",
            parameters = {
                    @Parameter(name = "X-Slack-Request-Timestamp", in = ParameterIn.HEADER, required = true,
                            description = "Unix seconds when Slack sent the request"),
                    @Parameter(name = "X-Slack-Signature", in = ParameterIn.HEADER, required = true,
                            description = "v0=<hex HMAC-SHA256>")},
            responses = {
                    @ApiResponse(responseCode = "200", description = "Verified and acknowledged (the decision follows)",
                            content = @Content(schema = @Schema(type = "object"))),
                    @ApiResponse(responseCode = "400", description = "Verified, but not a Slack interaction payload"),
                    @ApiResponse(responseCode = "401", description = "Missing, wrong or stale signature")})
    public ResponseEntity<Map<String, Object>> interaction(
            @RequestHeader(name = "X-Slack-Request-Timestamp", required = false) String timestamp,
            @RequestHeader(name = "X-Slack-Signature", required = false) String signature,
            @RequestBody(required = false) byte[] body) {
        byte[] raw = body == null ? new byte[0] : body;
        if (raw.length > MAX_BODY) throw new ApiException.InvalidInput("payload_too_large", "Slack interaction payloads are small");
        Optional<String> problem = SlackSignature.problem(props.signingSecret(), Optional.ofNullable(timestamp),
                Optional.ofNullable(signature), raw, clock.instant(), props.maxRequestAge());
        if (problem.isPresent()) {
            log.info("event=slack_interaction_refused reason=\"{}\"", problem.get());
            throw new ApiException.Unauthorized("Not a verified Slack request: " + problem.get());
        }
        JsonNode payload = payload(raw);
        if (!payload.path("type").asString("").equals("block_actions")) return ResponseEntity.ok(Map.of());
        JsonNode action = payload.path("actions").path(0);
        String actionId = action.path("action_id").asString("");
        if (!actionId.equals("approve") && !actionId.equals("reject")) return ResponseEntity.ok(Map.of());
        SlackApprovals.Click click = new SlackApprovals.Click(
                payload.path("team").path("id").asString(payload.path("user").path("team_id").asString("")),
                payload.path("user").path("id").asString(""), actionId, action.path("value").asString(""),
                Optional.ofNullable(payload.path("container").path("channel_id").asString(payload.path("channel").path("id").asString(null)))
                        .filter(c -> !c.isBlank()));
        if (click.slackUserId().isBlank() || click.teamId().isBlank()) {
            throw new ApiException.InvalidInput("invalid_payload", "The payload names no user or team");
        }
        Thread.ofVirtual().name("slack-click").start(() -> {
            try {
                log.info("event=slack_interaction action={} outcome=\"{}\"", actionId, slack.decide(click));
            } catch (RuntimeException e) {
                log.error("event=slack_interaction_failed action={}", actionId, e);
            }
        });
        return ResponseEntity.ok(Map.of());
    }

    /** The {@code payload} form field as JSON; anything else is a 400. */
    private static JsonNode payload(byte[] raw) {
        String form = new String(raw, StandardCharsets.UTF_8);
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals("payload")) {
                try {
                    JsonNode json = JSON.readTree(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                    if (json.isObject()) return json;
                } catch (RuntimeException notJson) {
                    break;
                }
            }
        }
        throw new ApiException.InvalidInput("invalid_payload", "Expected a form field 'payload' holding a JSON object");
    }
}
