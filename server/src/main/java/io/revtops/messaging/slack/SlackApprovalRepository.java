package io.revtops.messaging.slack;

import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The SQL behind Slack approval buttons: the DM of each operation, and who a Slack member is in an organization. */
@Repository
class SlackApprovalRepository {

    /** The DM asking to decide one operation. */
    record ApprovalMessage(UUID operationId, UUID orgId, UUID integrationId, String teamId, String slackUserId,
                           String channelId, String messageTs) {}

    /** A member of the organization, as the approvals service needs to act for them. */
    record Member(UUID userId, String email, String role) {}

    void insert(JdbcClient j, ApprovalMessage m) {
        j.sql("""
                INSERT INTO slack_approval_messages (operation_id, organization_id, integration_id, team_id, slack_user_id,
                                                     channel_id, message_ts)
                VALUES (:op, :o, :i, :t, :u, :c, :ts) ON CONFLICT (operation_id) DO NOTHING
                """).param("op", m.operationId()).param("o", m.orgId()).param("i", m.integrationId()).param("t", m.teamId())
                .param("u", m.slackUserId()).param("c", m.channelId()).param("ts", m.messageTs()).update();
    }

    Optional<ApprovalMessage> find(JdbcClient j, UUID operationId) {
        return j.sql("""
                SELECT operation_id, organization_id, integration_id, team_id, slack_user_id, channel_id, message_ts
                  FROM slack_approval_messages WHERE operation_id = :op
                """).param("op", operationId).query((rs, n) -> new ApprovalMessage(rs.getObject(1, UUID.class),
                rs.getObject(2, UUID.class), rs.getObject(3, UUID.class), rs.getString(4), rs.getString(5), rs.getString(6),
                rs.getString(7))).optional();
    }

    /** The Slack member id of a user (through the identity mappings the Slack sync keeps). */
    Optional<String> slackIdOf(JdbcClient j, UUID userId) {
        return j.sql("""
                SELECT external_id FROM identity_mappings WHERE source_system = 'slack' AND user_id = :u
                 ORDER BY updated_at DESC LIMIT 1
                """).param("u", userId).query(String.class).optional();
    }

    /** The active member a Slack member id maps to in the current organization. */
    Optional<Member> memberOf(JdbcClient j, String slackUserId) {
        return j.sql("""
                SELECT u.id, u.email, m.role FROM identity_mappings im
                  JOIN org_members m ON m.user_id = im.user_id AND m.organization_id = im.organization_id
                  JOIN users u ON u.id = im.user_id
                 WHERE im.source_system = 'slack' AND im.external_id = :x AND m.status = 'active'
                """).param("x", slackUserId).query((rs, n) -> new Member(rs.getObject(1, UUID.class), rs.getString(2),
                rs.getString(3))).optional();
    }

    /** Whether the organization turned approval DMs off ({@code settings.slack_approval_buttons = false}). */
    boolean turnedOff(JdbcClient j, UUID orgId) {
        return j.sql("SELECT settings ->> 'slack_approval_buttons' = 'false' FROM organizations WHERE id = :o")
                .param("o", orgId).query(Boolean.class).optional().map(Boolean.TRUE::equals).orElse(false);
    }
}
