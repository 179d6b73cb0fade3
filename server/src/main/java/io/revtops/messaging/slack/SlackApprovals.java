package io.revtops.messaging.slack;

import io.revtops.approvals.Approvals;
import io.revtops.approvals.PendingChange;
import io.revtops.approvals.PendingChangeEvent;
import io.revtops.connectors.ConnectorContext;
import io.revtops.connectors.ConnectorException;
import io.revtops.connectors.ConnectorMeta;
import io.revtops.connectors.ConnectorRegistry;
import io.revtops.connectors.integrations.ConnectorContexts;
import io.revtops.connectors.integrations.Integration;
import io.revtops.connectors.integrations.IntegrationRepository;
import io.revtops.connectors.slack.SlackClient;
import io.revtops.messaging.slack.SlackApprovalRepository.ApprovalMessage;
import io.revtops.messaging.slack.SlackApprovalRepository.Member;
import io.revtops.platform.db.Tenant;
import io.revtops.platform.db.TenantTx;
import io.revtops.platform.errors.ApiException;
import io.revtops.tenancy.RequestContext;
import io.revtops.tenancy.Role;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * Approval buttons in Slack (SPEC §5). When a change waits for a person whose Slack account is mapped to them, in an
 * organization with Slack connected, they get a DM from the Revtops app with the preview and Approve / Reject
 * buttons (action ids {@code approve}/{@code reject}, value = the operation id). A click, once its signature is
 * verified, is decided by the same {@link Approvals} service as the REST API — so only the requester or an admin may
 * decide, and a second click finds the change already resolved. When the change ends, however it was decided, the DM
 * is updated with the outcome and loses its buttons.
 *
 * <p>Slack calls happen on virtual threads: a slow or failing Slack never delays a proposal or an approval.
 */
@Service
public class SlackApprovals {
    private static final Logger log = LoggerFactory.getLogger(SlackApprovals.class);
    static final String SLUG = "slack";
    static final String BLOCK_ID = "revtops_approval";

    private final TenantTx tx;
    private final Approvals approvals;
    private final SlackApprovalRepository repository;
    private final IntegrationRepository integrations;
    private final ConnectorRegistry registry;
    private final ConnectorContexts contexts;
    private final SlackProperties props;

    public SlackApprovals(TenantTx tx, Approvals approvals, SlackApprovalRepository repository, IntegrationRepository integrations,
                          ConnectorRegistry registry, ConnectorContexts contexts, SlackProperties props) {
        this.tx = tx;
        this.approvals = approvals;
        this.repository = repository;
        this.integrations = integrations;
        this.registry = registry;
        this.contexts = contexts;
        this.props = props;
    }

    // ------------------------------------------------------------------ DMs

    @EventListener
    void onChange(PendingChangeEvent e) {
        if (!props.approvalButtons() || registry.find(SLUG).isEmpty()) return;
        PendingChange c = e.change();
        if (c.status() == PendingChange.Status.PENDING && !c.autoApproved() && c.requestedBy().isPresent()) {
            Thread.ofVirtual().name("slack-approval-" + c.id()).start(() -> safely(c, () -> ask(e.orgId(), c)));
        } else if (c.status().finished()) {
            Thread.ofVirtual().name("slack-outcome-" + c.id()).start(() -> safely(c, () -> showOutcome(e.orgId(), c)));
        }
    }

    private static void safely(PendingChange c, Runnable work) {
        try {
            work.run();
        } catch (ConnectorException e) {
            log.warn("event=slack_approval_dm_failed operation_id={} error={}", c.id(), e.getMessage());
        } catch (RuntimeException e) {
            log.error("event=slack_approval_dm_crashed operation_id={}", c.id(), e);
        }
    }

    /** Sends the requester the DM with the buttons, once per operation (an edit does not send another). */
    private void ask(UUID orgId, PendingChange c) {
        UUID requester = c.requestedBy().orElseThrow();
        Tenant tenant = Tenant.of(orgId, requester);
        record Target(Integration integration, String slackUser) {}
        Optional<Target> target = tx.run(tenant, j -> {
            if (repository.turnedOff(j, orgId) || repository.find(j, c.id()).isPresent()) return Optional.<Target>empty();
            Optional<Integration> slack = slackIntegration(j, requester);
            Optional<String> user = repository.slackIdOf(j, requester);
            return slack.isPresent() && user.isPresent() ? Optional.of(new Target(slack.get(), user.get())) : Optional.<Target>empty();
        });
        if (target.isEmpty()) return;
        SlackClient client = client(target.get().integration());
        String team = client.authTest().path("team_id").asString("");
        var posted = client.postMessage(Map.of("channel", target.get().slackUser(), "text", fallbackText(c),
                "blocks", askBlocks(c), "unfurl_links", false));
        String channel = posted.path("channel").asString("");
        String ts = posted.path("ts").asString("");
        if (team.isBlank() || channel.isBlank() || ts.isBlank()) {
            throw new ConnectorException.MalformedResponse("Slack answered without team, channel or ts");
        }
        tx.execute(tenant, j -> repository.insert(j, new ApprovalMessage(c.id(), orgId, target.get().integration().id(), team,
                target.get().slackUser(), channel, ts)));
        log.info("event=slack_approval_dm_sent org_id={} operation_id={}", orgId, c.id());
    }

    /** Replaces the DM's buttons with how the change ended. */
    private void showOutcome(UUID orgId, PendingChange c) {
        Optional<ApprovalMessage> dm = tx.run(Tenant.org(orgId), j -> repository.find(j, c.id()));
        if (dm.isEmpty()) return;
        Optional<Integration> integration = tx.run(Tenant.org(orgId), j -> integrations.find(j, dm.get().integrationId()));
        if (integration.isEmpty() || !integration.get().active()) return;
        String text = outcomeText(c);
        client(integration.get()).update(Map.of("channel", dm.get().channelId(), "ts", dm.get().messageTs(), "text", text,
                "blocks", List.of(section(text))));
    }

    // ------------------------------------------------------------------ clicks

    /** A verified click on an approval button, and the conversation it was made in (where a refusal is told). */
    record Click(String teamId, String slackUserId, String actionId, String value, Optional<String> channelId) {}

    /**
     * Decides a click: finds the DM (and so the organization) by operation id, checks it came from that workspace,
     * maps the Slack member to a member, and approves or rejects as them. Refusals are told to the clicker
     * ephemerally; nothing changes. Returns what happened, for the log and the tests.
     */
    String decide(Click click) {
        UUID operationId;
        try {
            operationId = UUID.fromString(click.value());
        } catch (IllegalArgumentException e) {
            return "ignored: not an operation id";
        }
        // system read: the click names an operation, not an organization yet (Slack workspace lookup)
        Optional<ApprovalMessage> dm = tx.system("slack approval click: which organization's DM",
                j -> repository.find(j, operationId));
        if (dm.isEmpty() || !dm.get().teamId().equals(click.teamId())) return "ignored: no such approval DM in this workspace";
        UUID orgId = dm.get().orgId();
        Optional<Integration> integration = tx.run(Tenant.org(orgId), j -> integrations.find(j, dm.get().integrationId()))
                .filter(Integration::active);
        if (integration.isEmpty()) return "ignored: Slack is not connected any more";
        Optional<Member> member = tx.run(Tenant.org(orgId), j -> repository.memberOf(j, click.slackUserId()));
        if (member.isEmpty()) {
            tell(integration.get(), dm.get(), click, "I don't know you yet: your Slack account is not linked to a "
                    + "Revtops member of this organization, so I can't take your decision. Ask an admin to invite you with "
                    + "the e-mail address of your Slack profile.");
            return "refused: unknown Slack member";
        }
        RequestContext ctx = new RequestContext(member.get().userId(), member.get().email(), orgId, Role.fromDb(member.get().role()));
        try {
            PendingChange c = click.actionId().equals("approve") ? approvals.approve(ctx, operationId) : approvals.reject(ctx, operationId);
            log.info("event=slack_approval_decided org_id={} operation_id={} user_id={} status={}", orgId, operationId,
                    ctx.userId(), c.status().db());
            return "decided: " + c.status().db();
        } catch (ApiException.NotFound e) {
            // a member who may not even see the change (not theirs, not in their conversations)
            tell(integration.get(), dm.get(), click, "Only the person who asked for this change or an admin may decide on it.");
            return "refused: " + e.code();
        } catch (ApiException e) {
            tell(integration.get(), dm.get(), click, e.getMessage());
            return "refused: " + e.code();
        }
    }

    private void tell(Integration integration, ApprovalMessage dm, Click click, String text) {
        try {
            client(integration).postEphemeral(click.channelId().orElse(dm.channelId()), click.slackUserId(), text);
        } catch (ConnectorException e) {
            log.warn("event=slack_ephemeral_failed operation_id={} error={}", dm.operationId(), e.getMessage());
        }
    }

    // ------------------------------------------------------------------ plumbing

    private Optional<Integration> slackIntegration(org.springframework.jdbc.core.simple.JdbcClient j, UUID userId) {
        return integrations.listVisible(j, userId).stream()
                .filter(i -> i.provider().equals(SLUG) && i.active() && i.scope() == ConnectorMeta.Scope.ORGANIZATION).findFirst();
    }

    private SlackClient client(Integration integration) {
        ConnectorMeta meta = registry.require(SLUG).meta();
        ConnectorContext ctx = contexts.forIntegration(integration, meta, contexts.credentials(integration, meta), () -> false);
        return new SlackClient(ctx.http());
    }

    static String fallbackText(PendingChange c) {
        return "Change " + c.number() + " needs your approval: " + c.preview();
    }

    static List<Object> askBlocks(PendingChange c) {
        List<Object> blocks = new ArrayList<>();
        StringBuilder text = new StringBuilder("*Change ").append(c.number()).append(" needs your approval*\n")
                .append(escape(c.preview()));
        for (String w : c.warnings()) text.append("\n:warning: ").append(escape(w));
        blocks.add(section(text.toString()));
        blocks.add(Map.of("type", "context", "elements", List.of(Map.of("type", "mrkdwn",
                "text", escape(c.toolKey()) + " · expires " + c.expiresAt().truncatedTo(java.time.temporal.ChronoUnit.MINUTES)))));
        blocks.add(Map.of("type", "actions", "block_id", BLOCK_ID, "elements", List.of(
                button("approve", "Approve", "primary", c.id()), button("reject", "Reject", "danger", c.id()))));
        return blocks;
    }

    static String outcomeText(PendingChange c) {
        String who = c.autoApproved() ? "auto-approved" : "";
        return switch (c.status()) {
            case COMPLETED -> ":white_check_mark: Change " + c.number() + " was approved and done: " + c.preview()
                    + c.result().map(r -> r.get("summary")).map(s -> " — " + s).orElse("") + (who.isEmpty() ? "" : " (" + who + ")");
            case FAILED -> ":x: Change " + c.number() + " was approved but failed: " + c.error().orElse("unknown error");
            case REJECTED -> ":no_entry_sign: Change " + c.number() + " was rejected; it will not be sent. (" + c.preview() + ")";
            case EXPIRED -> ":hourglass: Change " + c.number() + " expired without a decision. (" + c.preview() + ")";
            default -> "Change " + c.number() + " is " + c.status().db() + ": " + c.preview();
        };
    }

    private static Map<String, Object> section(String mrkdwn) {
        String t = mrkdwn.length() > 2_900 ? mrkdwn.substring(0, 2_900) + "…" : mrkdwn;
        return Map.of("type", "section", "text", Map.of("type", "mrkdwn", "text", t));
    }

    private static Map<String, Object> button(String actionId, String label, String style, UUID operationId) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("type", "button");
        b.put("action_id", actionId);
        b.put("text", Map.of("type", "plain_text", "text", label));
        b.put("style", style);
        b.put("value", operationId.toString());
        return b;
    }

    /** Slack's three mrkdwn escapes, so a preview cannot ping @channel or forge links. */
    static String escape(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
