package io.revtops.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import io.revtops.testing.RevtopsTest;
import io.revtops.testing.TestApi;
import io.revtops.testing.TestApi.Caller;
import io.revtops.testing.TestApi.Session;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@RevtopsTest
class SignInTest {
    @LocalServerPort int port;
    TestApi api;

    @BeforeEach
    void setUp() {
        api = new TestApi(port);
    }

    static String domain() {
        return "co" + UUID.randomUUID().toString().substring(0, 8) + ".test";
    }

    @Nested
    class FirstSignIn {
        @Test
        void firstSignInOfANewDomainCreatesTheOrganizationWithTheCreatorAsAdmin() {
            String d = domain();
            Session ada = api.devLogin("ada@" + d);
            var me = api.get("/api/auth/me", new Caller(ada.token(), null));
            assertThat(me.status()).isEqualTo(200);
            assertThat(me.json().path("organizations")).hasSize(1);
            assertThat(me.json().path("organizations").path(0).path("role").asString()).isEqualTo("admin");
            assertThat(me.json().path("organizations").path(0).path("email_domain").asString()).isEqualTo(d);
            assertThat(me.json().path("organizations").path(0).path("is_personal").asBoolean()).isFalse();
        }

        @Test
        void laterSignInsOfTheSameDomainJoinThatOrganizationAsMembers() {
            String d = domain();
            Session ada = api.devLogin("ada@" + d);
            Session bob = api.devLogin("bob@" + d);
            assertThat(bob.orgId()).isEqualTo(ada.orgId());
            var members = api.get("/api/members", ada.caller());
            assertThat(members.status()).isEqualTo(200);
            assertThat(members.json().findValuesAsString("email")).contains("ada@" + d, "bob@" + d);
            assertThat(api.get("/api/auth/me", new Caller(bob.token(), null)).json()
                    .path("organizations").path(0).path("role").asString()).isEqualTo("member");
        }

        @Test
        void aPersonalEmailDomainGetsAPersonalWorkspaceNotASharedOne() {
            Session one = api.devLogin("one" + UUID.randomUUID().toString().substring(0, 6) + "@gmail.com");
            Session two = api.devLogin("two" + UUID.randomUUID().toString().substring(0, 6) + "@gmail.com");
            assertThat(one.orgId()).isNotEqualTo(two.orgId());
            var org = api.get("/api/organizations/current", one.caller());
            assertThat(org.json().path("is_personal").asBoolean()).isTrue();
        }

        @Test
        void signingInTwiceIsTheSameUser() {
            String email = "carol@" + domain();
            assertThat(api.devLogin(email).userId()).isEqualTo(api.devLogin(email).userId());
        }
    }

    @Nested
    class Organizations {
        @Test
        void aUserCanCreateAnotherOrganizationAndBecomesItsAdmin() {
            Session ada = api.devLogin("ada@" + domain());
            String handle = "h" + UUID.randomUUID().toString().substring(0, 8);
            var created = api.post("/api/organizations", new Caller(ada.token(), null), Map.of("name", "Side Project", "handle", handle));
            assertThat(created.status()).isEqualTo(201);
            String orgId = created.json().path("id").asString();
            var members = api.get("/api/members", new Caller(ada.token(), orgId));
            assertThat(members.status()).isEqualTo(200);
            assertThat(members.json().path(0).path("role").asString()).isEqualTo("admin");
        }

        @Test
        void aTakenHandleIsAConflict() {
            Session ada = api.devLogin("ada@" + domain());
            String handle = "h" + UUID.randomUUID().toString().substring(0, 8);
            api.post("/api/organizations", new Caller(ada.token(), null), Map.of("name", "One", "handle", handle));
            var again = api.post("/api/organizations", new Caller(ada.token(), null), Map.of("name", "Two", "handle", handle));
            assertThat(again.status()).isEqualTo(409);
            assertThat(again.errorCode()).isEqualTo("handle_taken");
        }

        @Test
        void byDomainFindsTheTeamOrganization() {
            String d = domain();
            Session ada = api.devLogin("ada@" + d);
            Session outsider = api.devLogin("zed@" + domain());
            var found = api.get("/api/organizations/by-domain/" + d, new Caller(outsider.token(), null));
            assertThat(found.status()).isEqualTo(200);
            assertThat(found.json().path("id").asString()).isEqualTo(ada.orgId().toString());
            assertThat(api.get("/api/organizations/by-domain/nobody-" + d, new Caller(outsider.token(), null)).status())
                    .isEqualTo(404);
        }
    }

    @Nested
    class Members {
        @Test
        void anAdminChangesARoleAndTheLedgerRecordsIt() {
            String d = domain();
            Session ada = api.devLogin("ada@" + d);
            Session bob = api.devLogin("bob@" + d);
            var changed = api.patch("/api/members/" + bob.userId(), ada.caller(), Map.of("role", "admin"));
            assertThat(changed.status()).isEqualTo(200);
            assertThat(changed.json().path("role").asString()).isEqualTo("admin");
        }

        @Test
        void aMemberMayNotChangeRoles() {
            String d = domain();
            Session ada = api.devLogin("ada@" + d);
            Session bob = api.devLogin("bob@" + d);
            var refused = api.patch("/api/members/" + ada.userId(), bob.caller(), Map.of("role", "member"));
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.errorCode()).isEqualTo("admin_only");
        }

        @Test
        void aDeactivatedMemberLosesAccessAtOnce() {
            String d = domain();
            Session ada = api.devLogin("ada@" + d);
            Session bob = api.devLogin("bob@" + d);
            assertThat(api.get("/api/members", bob.caller()).status()).isEqualTo(200);
            assertThat(api.post("/api/members/" + bob.userId() + "/deactivate", ada.caller(), Map.of()).status()).isEqualTo(200);
            var after = api.get("/api/members", bob.caller());
            assertThat(after.status()).isEqualTo(403);
            assertThat(after.errorCode()).isEqualTo("not_a_member");
        }

        @Test
        void theLastAdminCannotStepDown() {
            Session ada = api.devLogin("ada@" + domain());
            var refused = api.patch("/api/members/" + ada.userId(), ada.caller(), Map.of("role", "member"));
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.errorCode()).isEqualTo("last_admin");
        }
    }

    @Nested
    class OrganizationHeader {
        @Test
        void aMissingOrganizationHeaderIs400() {
            Session ada = api.devLogin("ada@" + domain());
            var r = api.get("/api/members", new Caller(ada.token(), null));
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.errorCode()).isEqualTo("organization_required");
        }

        @Test
        void anOrganizationHeaderThatIsNotAUuidIs400() {
            Session ada = api.devLogin("ada@" + domain());
            var r = api.get("/api/members", new Caller(ada.token(), "'; DROP TABLE users; --"));
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.errorCode()).isEqualTo("invalid_organization_id");
        }

        @Test
        void aForeignOrganizationIs403() {
            Session ada = api.devLogin("ada@" + domain());
            Session eve = api.devLogin("eve@" + domain());
            var r = api.get("/api/members", new Caller(eve.token(), ada.orgId().toString()));
            assertThat(r.status()).isEqualTo(403);
            assertThat(r.errorCode()).isEqualTo("not_a_member");
        }
    }
}
