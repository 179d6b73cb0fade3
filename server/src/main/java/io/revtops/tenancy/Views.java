package io.revtops.tenancy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What the tenancy endpoints return. */
public final class Views {
    private Views() {}

    /** A user as others see them. */
    public record UserView(UUID id, String email, String name) {}

    /** One of the caller's organizations with the caller's role in it. */
    public record MembershipView(UUID id, String name, String handle, String emailDomain, boolean isPersonal,
                                 String role, String status) {}

    /** The answer to "who am I": the user and their organizations. */
    public record Me(UserView user, List<MembershipView> organizations) {}

    /** An organization's public face (by-domain lookup). */
    public record OrganizationView(UUID id, String name, String handle, String emailDomain, boolean isPersonal) {}

    /** The organization the caller acts in, with its settings (LLM provider and model, …). */
    public record CurrentOrganization(UUID id, String name, String handle, String emailDomain, boolean isPersonal,
                                      java.util.Map<String, Object> settings) {}

    /** A member of the current organization. */
    public record MemberView(UUID userId, String email, String name, String role, String status, String title,
                             Instant joinedAt) {}
}
