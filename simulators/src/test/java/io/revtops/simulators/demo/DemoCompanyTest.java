package io.revtops.simulators.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DemoCompanyTest {

    private static final DemoCompany FULL = DemoCompany.generate(42, 1.0);

    @Nested
    class Determinism {

        @Test
        void sameSeedScaleAndAnchorGiveIdenticalData() {
            DemoCompany again = DemoCompany.generate(42, 1.0);

            assertThat(again.fingerprint()).isEqualTo(FULL.fingerprint());
            assertThat(again.emails()).isEqualTo(FULL.emails());
            assertThat(again.meetings()).isEqualTo(FULL.meetings());
        }

        @Test
        void anotherSeedGivesOtherData() {
            assertThat(DemoCompany.generate(43, 1.0).fingerprint()).isNotEqualTo(FULL.fingerprint());
        }

        @Test
        void timestampsFollowTheAnchorNotTheClock() {
            Instant anchor = Instant.parse("2031-06-01T00:00:00Z");
            DemoCompany shifted = DemoCompany.generate(42, 0.1, anchor);

            assertThat(shifted.emails()).allSatisfy(e -> assertThat(e.sentAt())
                    .isBetween(anchor.minus(Duration.ofDays(181)), anchor));
            assertThat(shifted.meetings()).allSatisfy(m -> assertThat(m.end()).isBeforeOrEqualTo(anchor));
            long recent = shifted.emails().stream().filter(e -> e.sentAt().isAfter(anchor.minus(Duration.ofDays(30)))).count();
            assertThat(recent).isGreaterThan(shifted.emails().size() / 4);
        }

        @Test
        void scaleOutsideTheSupportedRangeIsRefused() {
            assertThatThrownBy(() -> DemoCompany.generate(1, 0)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class Counts {

        @Test
        void scaleOneHasTheDocumentedCounts() {
            Map<String, Integer> counts = FULL.counts();

            assertThat(counts).containsEntry("employees", 12).containsEntry("accounts", 300)
                    .containsEntry("contacts", 1500).containsEntry("pipeline_stages", 7).containsEntry("deals", 400)
                    .containsEntry("emails", 20_000).containsEntry("meetings", 1500).containsEntry("calls", 1000)
                    .containsEntry("notes", 800).containsEntry("slack_channels", 30).containsEntry("slack_messages", 3000)
                    .containsEntry("linear_issues", 800).containsEntry("github_repos", 40)
                    .containsEntry("pull_requests", 600).containsEntry("commits", 2000).containsEntry("drive_files", 500)
                    .containsEntry("goals", 24).containsEntry("needles", 5);
        }

        @Test
        void scaleOneTenthDividesTheCounts() {
            DemoCompany small = DemoCompany.generate(42, 0.1);

            assertThat(small.accounts()).hasSize(30);
            assertThat(small.contacts()).hasSize(150);
            assertThat(small.deals()).hasSize(40);
            assertThat(small.emails()).hasSize(2000);
            assertThat(small.meetings()).hasSize(150);
            assertThat(small.linearIssues()).hasSize(80);
            assertThat(small.driveFiles()).hasSize(50);
            assertThat(small.employees()).hasSize(12);
        }
    }

    @Nested
    class Shape {

        @Test
        void accountDomainsAndContactEmailsAreUniqueAndConsistent() {
            Set<String> domains = FULL.accounts().stream().map(Account::domain).collect(Collectors.toSet());
            Set<String> emails = FULL.contacts().stream().map(Contact::email).collect(Collectors.toSet());

            assertThat(domains).hasSize(300).allMatch(d -> d.endsWith(".example"));
            assertThat(emails).hasSize(1500);
            Map<String, Account> byId = FULL.accounts().stream().collect(Collectors.toMap(Account::id, Function.identity()));
            assertThat(FULL.contacts()).allMatch(c -> c.email().endsWith("@" + byId.get(c.accountId()).domain()));
            Map<String, Long> perAccount = FULL.contacts().stream()
                    .collect(Collectors.groupingBy(Contact::accountId, Collectors.counting()));
            assertThat(perAccount.values()).containsOnly(5L);
            assertThat(FULL.employees()).allMatch(e -> e.email().endsWith("@acme-demo.test"));
        }

        @Test
        void dealsSpreadOverEveryStageAndOpenOnesCloseAfterTheAnchor() {
            Set<String> stages = FULL.deals().stream().map(Deal::stageId).collect(Collectors.toSet());

            assertThat(stages).hasSize(7);
            assertThat(FULL.deals()).filteredOn(d -> !FULL.stage(d.stageId()).closed())
                    .allMatch(d -> d.closeDate().isAfter(FULL.anchor().atZone(java.time.ZoneOffset.UTC).toLocalDate()));
            Set<String> owners = FULL.employees().stream().filter(e -> e.role().ownsAccounts())
                    .map(Employee::id).collect(Collectors.toSet());
            assertThat(FULL.accounts()).allMatch(a -> owners.contains(a.ownerId()));
        }

        @Test
        void externalEmailsCarryTheResolverGroundTruth() {
            Map<String, Contact> contacts = FULL.contacts().stream().collect(Collectors.toMap(Contact::id, Function.identity()));
            List<Email> external = FULL.emails().stream().filter(e -> e.direction() != EmailDirection.INTERNAL).toList();

            assertThat(external).isNotEmpty().allSatisfy(e -> {
                Contact c = contacts.get(e.contactId().orElseThrow());
                assertThat(e.accountId()).contains(c.accountId());
                assertThat(e.from().equals(c.email()) || e.to().contains(c.email())).isTrue();
            });
            assertThat(FULL.emails()).filteredOn(e -> e.direction() == EmailDirection.INTERNAL)
                    .allMatch(e -> e.accountId().isEmpty() && !e.loggedInCrm());
            Email withDeal = external.stream().filter(e -> e.dealId().isPresent()).findFirst().orElseThrow();
            Deal deal = FULL.deals().stream().filter(d -> d.id().equals(withDeal.dealId().get())).findFirst().orElseThrow();
            assertThat(FULL.stage(deal.stageId()).closed()).isFalse();
            assertThat(FULL.deals()).filteredOn(d -> d.accountId().equals(deal.accountId())
                            && !FULL.stage(d.stageId()).closed())
                    .allMatch(d -> !d.createdAt().isAfter(deal.createdAt()));
        }

        @Test
        void everyMeetingHasATranscriptAndExternalOnesAnAccount() {
            assertThat(FULL.meetings()).allMatch(m -> m.transcript().lines().count() >= 6);
            assertThat(FULL.externalMeetings()).hasSize(1350).allMatch(m -> !m.contactIds().isEmpty());
        }
    }

    @Nested
    class Needles {

        @Test
        void eachNeedlePhraseAppearsOnlyInItsRecords() {
            for (Needle needle : FULL.needles()) {
                Set<String> containing = new HashSet<>();
                everyText().forEach(r -> {
                    if (r.getValue().contains(needle.phrase())) {
                        containing.add(r.getKey());
                    }
                });
                assertThat(containing).as(needle.key()).containsExactlyInAnyOrderElementsOf(needle.recordIds());
            }
        }

        /** Every searchable text of the company, keyed by record id. */
        private Stream<Map.Entry<String, String>> everyText() {
            return Stream.of(
                    FULL.emails().stream().map(e -> Map.entry(e.id(), e.subject() + " " + e.body())),
                    FULL.meetings().stream().map(m -> Map.entry(m.id(), m.title() + " " + m.summary() + " "
                            + String.join(" ", m.actionItems()) + " " + m.transcript())),
                    FULL.calls().stream().map(c -> Map.entry(c.id(), c.title() + " " + c.notes())),
                    FULL.notes().stream().map(n -> Map.entry(n.id(), n.body())),
                    FULL.slackMessages().stream().map(m -> Map.entry(m.id(), m.text())),
                    FULL.linearIssues().stream().map(i -> Map.entry(i.id(), i.title() + " " + i.description())),
                    FULL.pullRequests().stream().map(p -> Map.entry(p.id(), p.title() + " " + p.body())),
                    FULL.driveFiles().stream().map(f -> Map.entry(f.id(), f.name() + " " + f.content())),
                    FULL.deals().stream().map(d -> Map.entry(d.id(), d.name())),
                    FULL.accounts().stream().map(a -> Map.entry(a.id(), a.name())))
                    .flatMap(Function.identity());
        }

        @Test
        void pricingThreadBelongsToTheNamedAccountAndItsOpenDeal() {
            Needle needle = FULL.needle("pricing-objection-thread");
            Account account = FULL.account(needle.accountId().orElseThrow()).orElseThrow();

            assertThat(account.name()).isEqualTo("Vandelay Industries");
            assertThat(needle.recordIds()).hasSize(3);
            Email first = FULL.emails().stream().filter(e -> e.id().equals(needle.recordIds().get(0))).findFirst().orElseThrow();
            assertThat(first.dealId()).contains(FULL.deals().get(0).id());
            assertThat(first.loggedInCrm()).isTrue();
        }
    }
}
