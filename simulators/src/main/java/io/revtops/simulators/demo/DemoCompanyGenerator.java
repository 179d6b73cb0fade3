package io.revtops.simulators.demo;

import static io.revtops.simulators.demo.DemoText.COMPANY_DOMAIN;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Builds the "Acme demo" company. Each section draws from its own {@link SplittableRandom} seeded from
 * the company seed and the section name, so a change to one section does not reshuffle the others.
 * Nothing reads the wall clock: every timestamp is placed relative to the anchor.
 */
final class DemoCompanyGenerator {

    private static final List<PipelineStage> STAGES = List.of(
            new PipelineStage("appointmentscheduled", "Appointment scheduled", 0, 0.2, false, false),
            new PipelineStage("qualifiedtobuy", "Qualified to buy", 1, 0.4, false, false),
            new PipelineStage("presentationscheduled", "Presentation scheduled", 2, 0.6, false, false),
            new PipelineStage("decisionmakerboughtin", "Decision maker bought in", 3, 0.8, false, false),
            new PipelineStage("contractsent", "Contract sent", 4, 0.9, false, false),
            new PipelineStage("closedwon", "Closed won", 5, 1.0, true, true),
            new PipelineStage("closedlost", "Closed lost", 6, 0.0, true, false));

    /** Share of deals per stage, in stage order (sums to 1). */
    private static final double[] STAGE_SHARES = {0.14, 0.14, 0.12, 0.10, 0.08, 0.24, 0.18};

    private static final String[][] ROSTER = {
        {"Maya", "Chen", "Chief Executive Officer", "Executive", "EXECUTIVE"},
        {"Daniel", "Ortiz", "VP of Sales", "Sales", "SALES_MANAGER"},
        {"Priya", "Natarajan", "Account Executive", "Sales", "ACCOUNT_EXECUTIVE"},
        {"Tom", "Becker", "Account Executive", "Sales", "ACCOUNT_EXECUTIVE"},
        {"Sofia", "Rossi", "Account Executive", "Sales", "ACCOUNT_EXECUTIVE"},
        {"James", "Okafor", "Account Executive", "Sales", "ACCOUNT_EXECUTIVE"},
        {"Emma", "Lindqvist", "Sales Development Representative", "Sales", "SALES_DEVELOPMENT"},
        {"Lucas", "Martin", "Sales Development Representative", "Sales", "SALES_DEVELOPMENT"},
        {"Hannah", "Kim", "Customer Success Manager", "Customer Success", "CUSTOMER_SUCCESS"},
        {"Omar", "Haddad", "Solutions Engineer", "Sales", "SOLUTIONS_ENGINEER"},
        {"Grace", "Liu", "Engineering Lead", "Engineering", "ENGINEER"},
        {"Ben", "Carter", "Software Engineer", "Engineering", "ENGINEER"},
    };

    private final long seed;
    private final double scale;
    private final Instant anchor;

    private final List<Employee> employees = new ArrayList<>();
    private final List<Account> accounts = new ArrayList<>();
    private final List<Contact> contacts = new ArrayList<>();
    private final List<Deal> deals = new ArrayList<>();
    private final Map<String, List<Contact>> contactsByAccount = new HashMap<>();
    private final Map<String, Deal> latestOpenDealByAccount = new HashMap<>();
    private final List<Needle> needles = new ArrayList<>();
    private Account needleAccount;
    private Account globexAccount;

    DemoCompanyGenerator(long seed, double scale, Instant anchor) {
        this.seed = seed;
        this.scale = scale;
        this.anchor = anchor.truncatedTo(ChronoUnit.SECONDS);
    }

    DemoCompany generate() {
        generateEmployees();
        generateAccountsContactsAndDeals();
        List<Email> emails = generateEmails();
        List<Meeting> meetings = generateMeetings();
        List<Call> calls = generateCalls();
        List<Note> notes = generateNotes();
        List<SlackChannel> channels = generateSlackChannels();
        List<SlackMessage> messages = generateSlackMessages(channels);
        List<LinearTeam> teams = generateLinearTeams();
        List<LinearProject> projects = generateLinearProjects(teams);
        List<LinearIssue> issues = generateLinearIssues(teams, projects);
        List<GitHubRepo> repos = generateRepos();
        List<PullRequest> pulls = generatePullRequests(repos);
        List<Commit> commits = generateCommits(repos);
        List<DriveFile> files = generateDriveFiles(projects);
        List<Goal> goals = generateGoals();
        return new DemoCompany(seed, scale, anchor, employees, accounts, contacts, STAGES, deals, emails, meetings,
                calls, notes, channels, messages, teams, projects, issues, repos, pulls, commits, files, goals, needles);
    }

    // ---------------------------------------------------------------- sizes

    int scaled(int base) {
        return (int) Math.max(1, Math.round(base * scale));
    }

    private SplittableRandom random(String section) {
        return new SplittableRandom(seed ^ (section.hashCode() * 0x9E3779B97F4A7C15L));
    }

    // ---------------------------------------------------------------- people

    private void generateEmployees() {
        SplittableRandom rng = random("employees");
        int count = scale <= 1 ? ROSTER.length : (int) Math.round(ROSTER.length * scale);
        Set<String> emails = new HashSet<>();
        EmployeeRole[] extraRoles = {EmployeeRole.ACCOUNT_EXECUTIVE, EmployeeRole.SALES_DEVELOPMENT,
            EmployeeRole.ENGINEER, EmployeeRole.ACCOUNT_EXECUTIVE, EmployeeRole.CUSTOMER_SUCCESS, EmployeeRole.ENGINEER};
        for (int i = 0; i < count; i++) {
            String first;
            String last;
            String title;
            String department;
            EmployeeRole role;
            if (i < ROSTER.length) {
                first = ROSTER[i][0];
                last = ROSTER[i][1];
                title = ROSTER[i][2];
                department = ROSTER[i][3];
                role = EmployeeRole.valueOf(ROSTER[i][4]);
            } else {
                first = pick(rng, DemoText.FIRST_NAMES);
                last = pick(rng, DemoText.LAST_NAMES);
                role = extraRoles[i % extraRoles.length];
                title = switch (role) {
                    case ACCOUNT_EXECUTIVE -> "Account Executive";
                    case SALES_DEVELOPMENT -> "Sales Development Representative";
                    case CUSTOMER_SUCCESS -> "Customer Success Manager";
                    default -> "Software Engineer";
                };
                department = role == EmployeeRole.ENGINEER ? "Engineering"
                        : role == EmployeeRole.CUSTOMER_SUCCESS ? "Customer Success" : "Sales";
            }
            String local = (first + "." + last).toLowerCase(Locale.ROOT).replaceAll("[^a-z.]", "");
            String email = local + "@" + COMPANY_DOMAIN;
            for (int n = 2; !emails.add(email); n++) {
                email = local + n + "@" + COMPANY_DOMAIN;
            }
            Optional<String> manager = switch (role) {
                case EXECUTIVE -> Optional.empty();
                case ACCOUNT_EXECUTIVE, SALES_DEVELOPMENT, SOLUTIONS_ENGINEER -> Optional.of(id("emp", 2));
                case ENGINEER -> i == 10 ? Optional.of(id("emp", 1)) : Optional.of(id("emp", 11));
                default -> Optional.of(id("emp", 1));
            };
            String phone = String.format(Locale.ROOT, "+1-415-555-%04d", 100 + i % 100);
            Instant created = anchor.minus(Duration.ofDays(400 + rng.nextInt(900)));
            employees.add(new Employee(id("emp", i + 1), first, last, email, title, department, role, manager, phone,
                    "America/New_York", created));
        }
    }

    private List<Employee> withRole(EmployeeRole... roles) {
        List<Employee> result = new ArrayList<>();
        for (Employee e : employees) {
            for (EmployeeRole r : roles) {
                if (e.role() == r) {
                    result.add(e);
                }
            }
        }
        return result;
    }

    // ---------------------------------------------------------------- CRM

    private void generateAccountsContactsAndDeals() {
        SplittableRandom rng = random("accounts");
        int accountCount = scaled(300);
        List<Employee> owners = withRole(EmployeeRole.ACCOUNT_EXECUTIVE);
        Set<String> names = new HashSet<>();
        Set<String> domains = new HashSet<>();
        Industry[] industries = Industry.values();
        int needleIndex = Math.min(7, accountCount - 1);
        int globexIndex = accountCount > 1 ? Math.min(11, accountCount - 1) : 0;
        if (globexIndex == needleIndex && accountCount > 1) {
            globexIndex = needleIndex - 1;
        }

        record Skeleton(String id, String name, String domain, Industry industry, int employees, long revenue,
                        String ownerId, String[] city, String phone, int founded, Instant created, Instant updated) {
        }
        List<Skeleton> skeletons = new ArrayList<>();
        for (int i = 0; i < accountCount; i++) {
            Industry industry = industries[rng.nextInt(industries.length)];
            String name;
            if (i == needleIndex) {
                name = DemoText.NEEDLE_ACCOUNT_NAME;
                industry = Industry.LOGISTICS;
            } else {
                name = pick(rng, DemoText.ACCOUNT_PREFIXES) + " " + pick(rng, DemoText.accountSuffixes(industry));
                String base = name;
                for (int n = 2; names.contains(name) || name.equals(DemoText.NEEDLE_ACCOUNT_NAME); n++) {
                    name = base + " " + roman(n);
                }
            }
            names.add(name);
            String domainBase = name.toLowerCase(Locale.ROOT).replace("&", "and").replaceAll("[^a-z0-9]", "");
            String domain = domainBase + ".example";
            for (int n = 2; !domains.add(domain); n++) {
                domain = domainBase + n + ".example";
            }
            int employeeCount = (int) Math.round(Math.exp(log(20) + rng.nextDouble() * (log(20000) - log(20))));
            long revenue = Math.round(employeeCount * (80_000 + rng.nextInt(170_000)) / 1000.0) * 1000L;
            String[] city = DemoText.CITIES.get(rng.nextInt(DemoText.CITIES.size()));
            String phone = city[2] + "-555-" + String.format(Locale.ROOT, "%04d", 100 + rng.nextInt(100));
            Instant created = anchor.minus(Duration.ofDays(200 + rng.nextInt(520))).minusSeconds(rng.nextInt(86_400));
            Instant updated = between(rng, created, anchor.minus(Duration.ofHours(1)));
            int founded = 1950 + rng.nextInt(72);
            skeletons.add(new Skeleton(id("acc", i + 1), name, domain, industry, employeeCount, revenue,
                    owners.get(rng.nextInt(owners.size())).id(), city, phone, founded, created, updated));
        }

        // Contacts: 5 per account at every scale (contact i belongs to account i mod accounts).
        SplittableRandom crng = random("contacts");
        int contactCount = scaled(1500);
        Map<String, Set<String>> localsByDomain = new HashMap<>();
        for (int i = 0; i < contactCount; i++) {
            Skeleton account = skeletons.get(i % accountCount);
            String first = pick(crng, DemoText.FIRST_NAMES);
            String last = pick(crng, DemoText.LAST_NAMES);
            String local = (first + "." + last).toLowerCase(Locale.ROOT);
            Set<String> used = localsByDomain.computeIfAbsent(account.domain(), d -> new HashSet<>());
            String candidate = local;
            for (int n = 2; !used.add(candidate); n++) {
                candidate = local + n;
            }
            Instant created = between(crng, account.created(), anchor.minus(Duration.ofDays(7)));
            Instant updated = between(crng, created, anchor.minus(Duration.ofHours(1)));
            String phone = account.city()[2] + "-555-" + String.format(Locale.ROOT, "%04d", 100 + crng.nextInt(100));
            Contact contact = new Contact(id("con", i + 1), account.id(), first, last, candidate + "@" + account.domain(),
                    pick(crng, DemoText.CONTACT_TITLES), phone, account.ownerId(), created, updated);
            contacts.add(contact);
            contactsByAccount.computeIfAbsent(account.id(), k -> new ArrayList<>()).add(contact);
        }

        // Deals: exact stage counts, shuffled; deal 1 is the needle account's late-stage deal.
        SplittableRandom drng = random("deals");
        int dealCount = scaled(400);
        List<PipelineStage> stagePlan = new ArrayList<>();
        int assigned = 0;
        for (int s = 0; s < STAGES.size(); s++) {
            int n = s == 5 ? 0 : (int) Math.floor(STAGE_SHARES[s] * dealCount);
            for (int k = 0; k < n; k++) {
                stagePlan.add(STAGES.get(s));
            }
            assigned += n;
        }
        for (int k = assigned; k < dealCount; k++) {
            stagePlan.add(STAGES.get(5));
        }
        shuffle(stagePlan, drng);
        int contractSent = -1;
        for (int k = 0; k < stagePlan.size(); k++) {
            if (stagePlan.get(k).id().equals("contractsent")) {
                contractSent = k;
                break;
            }
        }
        if (contractSent >= 0) {
            Collections.swap(stagePlan, 0, contractSent);
        } else {
            stagePlan.set(0, STAGES.get(4));
        }
        Map<String, Skeleton> skeletonById = new LinkedHashMap<>();
        skeletons.forEach(s -> skeletonById.put(s.id(), s));
        Set<String> dealNames = new HashSet<>();
        Map<String, Boolean> hasWon = new HashMap<>();
        for (int i = 0; i < dealCount; i++) {
            PipelineStage stage = stagePlan.get(i);
            Skeleton account = i == 0 ? skeletons.get(needleIndex) : skeletons.get(drng.nextInt(accountCount));
            String initiative = i == 0 ? "Platform expansion" : pick(drng, DemoText.DEAL_INITIATIVES);
            String name = account.name() + " - " + initiative;
            String base = name;
            for (int n = 2; !dealNames.add(name); n++) {
                name = base + " (" + n + ")";
            }
            long amount = i == 0 ? 148_000
                    : Math.round(Math.exp(log(5000) + drng.nextDouble() * (log(250_000) - log(5000))) / 500) * 500;
            Instant created = anchor.minus(Duration.ofDays(10 + drng.nextInt(355))).minusSeconds(drng.nextInt(86_400));
            if (created.isBefore(account.created())) {
                created = between(drng, account.created(), anchor.minus(Duration.ofDays(5)));
            }
            LocalDate closeDate;
            Instant updated;
            if (stage.closed()) {
                Instant closedAt = created.plus(Duration.ofDays(14 + drng.nextInt(107)));
                Instant latest = anchor.minus(Duration.ofDays(1));
                if (closedAt.isAfter(latest)) {
                    closedAt = between(drng, created, latest);
                }
                closeDate = LocalDate.ofInstant(closedAt, ZoneOffset.UTC);
                updated = closedAt;
            } else {
                closeDate = LocalDate.ofInstant(anchor, ZoneOffset.UTC).plusDays(5 + drng.nextInt(116));
                updated = between(drng, created, anchor.minus(Duration.ofHours(1)));
            }
            if (i == 0) {
                updated = anchor.minus(Duration.ofDays(2));
            }
            List<Contact> pool = contactsByAccount.getOrDefault(account.id(), List.of());
            List<String> dealContacts = new ArrayList<>();
            int wanted = pool.isEmpty() ? 0 : 1 + drng.nextInt(Math.min(3, pool.size()));
            for (Contact c : sample(drng, pool, wanted)) {
                dealContacts.add(c.id());
            }
            if (i == 0 && !pool.isEmpty() && !dealContacts.contains(pool.get(0).id())) {
                dealContacts.add(0, pool.get(0).id());
            }
            String dealType = drng.nextDouble() < 0.75 ? "newbusiness" : "existingbusiness";
            Deal deal = new Deal(id("deal", i + 1), name, account.id(), List.copyOf(dealContacts), account.ownerId(),
                    stage.id(), amount, closeDate, dealType, created, updated);
            deals.add(deal);
            if (stage.won()) {
                hasWon.put(account.id(), true);
            }
            if (!stage.closed()) {
                Deal current = latestOpenDealByAccount.get(account.id());
                if (current == null || deal.createdAt().isAfter(current.createdAt())) {
                    latestOpenDealByAccount.put(account.id(), deal);
                }
            }
        }
        Set<String> withDeals = new HashSet<>();
        deals.forEach(d -> withDeals.add(d.accountId()));
        for (Skeleton s : skeletons) {
            String lifecycle = hasWon.containsKey(s.id()) ? "customer" : withDeals.contains(s.id()) ? "opportunity" : "lead";
            Account account = new Account(s.id(), s.name(), s.domain(), s.industry(), s.employees(), s.revenue(),
                    s.ownerId(), s.city()[0], s.city()[1], s.phone(), lifecycle, s.founded(), s.created(), s.updated());
            accounts.add(account);
        }
        needleAccount = accounts.get(needleIndex);
        globexAccount = accounts.get(globexIndex);
    }

    // ---------------------------------------------------------------- email

    private List<Email> generateEmails() {
        SplittableRandom rng = random("emails");
        int total = Math.max(3, scaled(20_000));
        List<Email> out = new ArrayList<>(total);
        int[] thread = {0};

        // The needle thread: a pricing objection from the needle account, last week.
        Employee owner = employee(needleAccount.ownerId());
        Contact buyer = contactsByAccount.get(needleAccount.id()).get(0);
        Optional<String> needleDeal = openDeal(needleAccount.id());
        String threadId = id("thr", ++thread[0]);
        String subject = "Vandelay pricing concerns";
        Instant t0 = anchor.minus(Duration.ofDays(6)).minus(Duration.ofHours(3));
        String[] bodies = {
            "Hi " + owner.firstName() + ",\n\nI have to be honest: after reviewing the proposal with our CFO, the pricing "
                    + "is too expensive for us at this stage. Our main objection is the per-seat cost for the warehouse "
                    + "team. Is there any flexibility? A 22% discount would get this approved this quarter.\n\nRegards,\n"
                    + buyer.name(),
            "Hi " + buyer.firstName() + ",\n\nThanks for the candor. I can't get to a 22% discount on a one-year term, but "
                    + "with a two-year commitment we can offer 15% and move the warehouse users to a lighter tier. "
                    + "Would that address the objection?\n\nBest,\n" + owner.name(),
            "Hi " + owner.firstName() + ",\n\nThat's helpful. If you can put the two-year option in writing by Friday, "
                    + "I'll take it to our CFO. The 22% discount request still stands for year one, but the tiering "
                    + "addresses our main objection.\n\n" + buyer.name()};
        List<String> needleIds = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            boolean inbound = k % 2 == 0;
            String from = inbound ? buyer.email() : owner.email();
            String to = inbound ? owner.email() : buyer.email();
            Email email = new Email(id("eml", out.size() + 1), threadId, from, List.of(to), List.of(),
                    k == 0 ? subject : "Re: " + subject, bodies[k], t0.plus(Duration.ofHours(20L * k)),
                    inbound ? EmailDirection.INBOUND : EmailDirection.OUTBOUND, owner.id(), Optional.of(buyer.id()),
                    Optional.of(needleAccount.id()), needleDeal, true);
            out.add(email);
            needleIds.add(email.id());
        }
        needles.add(new Needle("pricing-objection-thread", "email", List.copyOf(needleIds),
                Optional.of(needleAccount.id()), "22% discount",
                "Email thread in which " + needleAccount.name() + " objects to pricing and asks for a 22% discount"));

        List<Account> withOpenDeals = new ArrayList<>();
        for (Account a : accounts) {
            if (latestOpenDealByAccount.containsKey(a.id())) {
                withOpenDeals.add(a);
            }
        }
        List<Employee> everyone = employees;
        while (out.size() < total) {
            int remaining = total - out.size();
            int length = Math.min(remaining, 1 + (int) Math.floor(Math.pow(rng.nextDouble(), 1.6) * 5));
            String tid = id("thr", ++thread[0]);
            Instant start = recent(rng, 180, Duration.ofDays(2L * length));
            if (rng.nextDouble() < 0.1) {
                internalThread(rng, out, tid, length, start, everyone);
            } else {
                Account account = !withOpenDeals.isEmpty() && rng.nextDouble() < 0.7
                        ? withOpenDeals.get(rng.nextInt(withOpenDeals.size()))
                        : accounts.get(rng.nextInt(accounts.size()));
                accountThread(rng, out, tid, length, start, account);
            }
        }
        return out;
    }

    private void accountThread(SplittableRandom rng, List<Email> out, String threadId, int length, Instant start,
                               Account account) {
        Employee owner = employee(account.ownerId());
        List<Contact> pool = contactsByAccount.getOrDefault(account.id(), List.of());
        if (pool.isEmpty()) {
            internalThread(rng, out, threadId, length, start, employees);
            return;
        }
        List<Contact> people = sample(rng, pool, 1 + (rng.nextDouble() < 0.3 ? 1 : 0));
        String[] topic = pick(rng, DemoText.EMAIL_TOPICS);
        Map<String, String> vars = vars(rng, account, people.get(0));
        String subject = fill(topic[0], vars);
        Optional<String> deal = openDeal(account.id());
        boolean inbound = rng.nextDouble() < 0.3;
        Instant at = start;
        List<String> cc = rng.nextDouble() < 0.15 ? List.of(pickSolutionsEngineer().email()) : List.of();
        for (int k = 0; k < length; k++) {
            Contact contact = people.get(k % people.size());
            String body;
            if (k == 0 && !inbound) {
                body = "Hi " + contact.firstName() + ",\n\n" + fill(topic[1], vars) + "\n\nBest,\n" + owner.name();
            } else if (k == 0) {
                body = "Hi " + owner.firstName() + ",\n\n" + capitalize(fill(pick(rng, DemoText.INBOUND_OPENERS), vars))
                        + "\n\nThanks,\n" + contact.name();
            } else if (inbound) {
                body = "Thanks " + owner.firstName() + ", " + pick(rng, DemoText.REPLIES) + "\n\n" + contact.name();
            } else {
                body = "Thanks " + contact.firstName() + ", " + pick(rng, DemoText.REPLIES) + "\n\n" + owner.name();
            }
            List<String> to = new ArrayList<>();
            String from;
            if (inbound) {
                from = contact.email();
                to.add(owner.email());
            } else {
                from = owner.email();
                for (Contact p : people) {
                    to.add(p.email());
                }
            }
            out.add(new Email(id("eml", out.size() + 1), threadId, from, List.copyOf(to), cc,
                    k == 0 ? subject : "Re: " + subject, body, at,
                    inbound ? EmailDirection.INBOUND : EmailDirection.OUTBOUND, owner.id(),
                    Optional.of(inbound ? contact.id() : people.get(0).id()), Optional.of(account.id()), deal,
                    (out.size() % 4) == 0));
            inbound = !inbound;
            at = at.plus(Duration.ofMinutes(120 + rng.nextInt(46 * 60)));
        }
    }

    private void internalThread(SplittableRandom rng, List<Email> out, String threadId, int length, Instant start,
                                List<Employee> pool) {
        List<Employee> people = sample(rng, pool, Math.min(pool.size(), 2 + rng.nextInt(2)));
        String[] topic = pick(rng, DemoText.INTERNAL_EMAIL_TOPICS);
        Account account = accounts.get(rng.nextInt(accounts.size()));
        Map<String, String> vars = vars(rng, account, null);
        String subject = fill(topic[0], vars);
        Instant at = start;
        for (int k = 0; k < length; k++) {
            Employee from = people.get(k % people.size());
            List<String> to = new ArrayList<>();
            for (Employee e : people) {
                if (!e.id().equals(from.id())) {
                    to.add(e.email());
                }
            }
            String body = k == 0 ? "Team,\n\n" + fill(topic[1], vars) + "\n\n" + from.firstName()
                    : capitalize(pick(rng, DemoText.REPLIES)) + "\n\n" + from.firstName();
            out.add(new Email(id("eml", out.size() + 1), threadId, from.email(), List.copyOf(to), List.of(),
                    k == 0 ? subject : "Re: " + subject, body, at, EmailDirection.INTERNAL, from.id(),
                    Optional.empty(), Optional.empty(), Optional.empty(), false));
            at = at.plus(Duration.ofMinutes(30 + rng.nextInt(20 * 60)));
        }
    }

    // ---------------------------------------------------------------- meetings, calls, notes

    private List<Meeting> generateMeetings() {
        SplittableRandom rng = random("meetings");
        int total = Math.max(2, scaled(1500));
        List<Meeting> out = new ArrayList<>(total);
        out.add(globexMeeting());
        List<Account> withOpenDeals = accounts.stream().filter(a -> latestOpenDealByAccount.containsKey(a.id())).toList();
        for (int i = 1; i < total; i++) {
            Instant start = businessSlot(rng, recent(rng, 180, Duration.ofDays(1)));
            Instant end = start.plus(Duration.ofMinutes(List.of(30, 45, 60).get(rng.nextInt(3))));
            String meetingId = id("mtg", i + 1);
            if (i % 10 == 9) {
                List<Employee> people = sample(rng, employees, Math.min(employees.size(), 2 + rng.nextInt(3)));
                String title = pick(rng, DemoText.INTERNAL_MEETING_TITLES);
                Account topicAccount = accounts.get(rng.nextInt(accounts.size()));
                Map<String, String> vars = vars(rng, topicAccount, null);
                StringBuilder transcript = new StringBuilder();
                String[] lines = {
                    "Let's start with the numbers for this week.",
                    "Pipeline coverage is about three times for the quarter.",
                    "The " + topicAccount.name() + " deal slipped a week; they want more detail on " + vars.get("point") + ".",
                    "Engineering can help with a technical deep dive if needed.",
                    "Let's make sure every open deal has a next step before Friday.",
                    "Agreed. I'll send the notes after this call."};
                for (int k = 0; k < lines.length; k++) {
                    transcript.append(stamp(k * 55 + rng.nextInt(40))).append(' ')
                            .append(people.get(k % people.size()).name()).append(": ").append(lines[k]).append('\n');
                }
                out.add(new Meeting(meetingId, title, start, end, people.get(0).id(), ids(people), List.of(),
                        Optional.empty(), Optional.empty(), "Google Meet",
                        "Internal " + title.toLowerCase(Locale.ROOT) + ": reviewed open work and next steps.",
                        List.of("Update next steps on open deals", "Share notes with the team"), transcript.toString()));
                continue;
            }
            Account account = !withOpenDeals.isEmpty() && rng.nextDouble() < 0.7
                    ? withOpenDeals.get(rng.nextInt(withOpenDeals.size())) : accounts.get(rng.nextInt(accounts.size()));
            out.add(externalMeeting(rng, meetingId, account, start, end, false));
        }
        return out;
    }

    private Meeting globexMeeting() {
        SplittableRandom rng = random("meetings.globex");
        Instant start = businessSlot(rng, anchor.minus(Duration.ofDays(9)));
        Meeting base = externalMeeting(rng, id("mtg", 1), globexAccount, start, start.plus(Duration.ofMinutes(45)), true);
        needles.add(new Needle("globex-competitor-transcript", "meeting", List.of(base.id()),
                Optional.of(globexAccount.id()), "Globex",
                "Meeting transcript in which " + globexAccount.name() + " says they are also evaluating competitor Globex"));
        return base;
    }

    private Meeting externalMeeting(SplittableRandom rng, String meetingId, Account account, Instant start, Instant end,
                                    boolean globex) {
        Employee owner = employee(account.ownerId());
        List<Employee> staff = new ArrayList<>(List.of(owner));
        if (rng.nextDouble() < 0.3 || globex) {
            staff.add(pickSolutionsEngineer());
        }
        List<Contact> pool = contactsByAccount.getOrDefault(account.id(), List.of());
        List<Contact> people = sample(rng, pool, Math.min(pool.size(), 1 + rng.nextInt(3)));
        Contact lead = people.isEmpty() ? null : people.get(0);
        Map<String, String> vars = vars(rng, account, lead);
        String title = globex ? account.name() + " - Competitive evaluation" : fill(pick(rng, DemoText.MEETING_TITLES), vars);
        String them = lead == null ? "Guest" : lead.name();
        List<String> lines = new ArrayList<>();
        lines.add(owner.name() + ": Thanks for joining, everyone. Today I'd like to cover " + vars.get("point")
                + " and agree on next steps.");
        lines.add(them + ": Sounds good. Our main priority this quarter is " + vars.get("priority") + ".");
        lines.add(owner.name() + ": That's a common theme. Teams like yours usually start with " + vars.get("point2") + ".");
        if (globex) {
            lines.add(them + ": To be transparent, we're also evaluating Globex. Their per-seat price is lower, but "
                    + "we've heard their API limits are tight.");
            lines.add(staff.get(1).name() + ": We hear that about Globex often. Our API limits are ten times higher "
                    + "and we can share benchmark results.");
        }
        lines.add(them + ": How long does implementation typically take?");
        lines.add(owner.name() + ": Most customers are live in " + (3 + rng.nextInt(6))
                + " weeks, with a dedicated onboarding manager.");
        lines.add(them + ": And how does pricing scale if we add " + (10 + rng.nextInt(90)) + " more users?");
        lines.add(owner.name() + ": Pricing is per seat with volume tiers. I'll send the breakdown after this call.");
        lines.add(them + ": Great. We'll need " + vars.get("stakeholder") + " to sign off before moving forward.");
        lines.add(owner.name() + ": Understood. Let's schedule a follow-up with " + vars.get("stakeholder") + " next week.");
        StringBuilder transcript = new StringBuilder();
        for (int k = 0; k < lines.size(); k++) {
            transcript.append(stamp(k * 70 + rng.nextInt(50))).append(' ').append(lines.get(k)).append('\n');
        }
        String summary = account.name() + " discussed " + vars.get("point") + " with " + owner.name()
                + (globex ? "; they are also evaluating Globex on price." : ".")
                + " Next step: follow-up with " + vars.get("stakeholder") + ".";
        List<String> actions = List.of("Send pricing breakdown to " + them,
                "Schedule follow-up with " + vars.get("stakeholder"), "Share security documentation");
        String location = rng.nextBoolean() ? "Zoom" : "Google Meet";
        return new Meeting(meetingId, title, start, end, owner.id(), ids(staff), contactIds(people),
                Optional.of(account.id()), openDeal(account.id()), location, summary, actions, transcript.toString());
    }

    private List<Call> generateCalls() {
        SplittableRandom rng = random("calls");
        int total = scaled(1000);
        List<Call> out = new ArrayList<>(total);
        for (int i = 0; i < total; i++) {
            Contact contact = contacts.get(rng.nextInt(contacts.size()));
            Account account = account(contact.accountId());
            Map<String, String> vars = vars(rng, account, contact);
            String outcome = pick(rng, DemoText.CALL_OUTCOMES);
            boolean connected = outcome.equals("Connected");
            int duration = connected ? 300 + rng.nextInt(1500) : 10 + rng.nextInt(50);
            String notes = connected ? "Discussed " + vars.get("point") + " with " + contact.firstName()
                    + ". Next step: loop in " + vars.get("stakeholder") + "."
                    : outcome + "; will try " + contact.firstName() + " again " + vars.get("day") + ".";
            out.add(new Call(id("call", i + 1), account.ownerId(), contact.id(), account.id(), openDeal(account.id()),
                    recent(rng, 180, Duration.ofHours(1)), duration, rng.nextDouble() < 0.8,
                    "Call with " + contact.name(), notes, outcome));
        }
        return out;
    }

    private List<Note> generateNotes() {
        SplittableRandom rng = random("notes");
        int total = scaled(800);
        List<Note> out = new ArrayList<>(total);
        for (int i = 0; i < total; i++) {
            Account account = accounts.get(rng.nextInt(accounts.size()));
            List<Contact> pool = contactsByAccount.getOrDefault(account.id(), List.of());
            Contact contact = pool.isEmpty() ? null : pool.get(rng.nextInt(pool.size()));
            Map<String, String> vars = vars(rng, account, contact);
            out.add(new Note(id("note", i + 1), account.ownerId(), account.id(),
                    Optional.ofNullable(contact).map(Contact::id), openDeal(account.id()),
                    recent(rng, 180, Duration.ofHours(1)), fill(pick(rng, DemoText.NOTE_TEMPLATES), vars)));
        }
        return out;
    }

    // ---------------------------------------------------------------- slack

    private List<SlackChannel> generateSlackChannels() {
        SplittableRandom rng = random("slack.channels");
        int total = Math.max(2, scaled(30));
        List<SlackChannel> out = new ArrayList<>(total);
        List<String> everyone = ids(employees);
        for (int i = 0; i < total; i++) {
            String[] spec = DemoText.SLACK_CHANNELS.get(i % DemoText.SLACK_CHANNELS.size());
            String name = i < DemoText.SLACK_CHANNELS.size() ? spec[0] : spec[0] + "-" + (i / DemoText.SLACK_CHANNELS.size() + 1);
            List<String> members;
            if (i == 0 || name.equals("random") || name.equals("announcements")) {
                members = everyone;
            } else if (name.equals("sales") || name.equals("deals") || name.equals("wins") || i == total - 1) {
                members = ids(withRole(EmployeeRole.EXECUTIVE, EmployeeRole.SALES_MANAGER, EmployeeRole.ACCOUNT_EXECUTIVE,
                        EmployeeRole.SALES_DEVELOPMENT, EmployeeRole.SOLUTIONS_ENGINEER, EmployeeRole.CUSTOMER_SUCCESS));
            } else {
                members = ids(sample(rng, employees, Math.min(employees.size(), 3 + rng.nextInt(8))));
            }
            out.add(new SlackChannel(id("chn", i + 1), name, spec[1], spec[1], List.copyOf(members),
                    anchor.minus(Duration.ofDays(300 + rng.nextInt(700)))));
        }
        return out;
    }

    private List<SlackMessage> generateSlackMessages(List<SlackChannel> channels) {
        SplittableRandom rng = random("slack.messages");
        int total = Math.max(1, scaled(3000));
        List<SlackMessage> out = new ArrayList<>(total);
        SlackChannel deals = channels.stream().filter(c -> c.name().equals("deals")).findFirst()
                .orElse(channels.get(channels.size() - 1));
        Employee owner = employee(needleAccount.ownerId());
        SlackMessage needle = new SlackMessage(id("msg", 1), deals.id(), owner.id(),
                "Heads up: " + needleAccount.name() + "'s security review is blocking signature. They need our "
                        + "SOC 2 Type II report by Friday. " + pickSolutionsEngineer().firstName() + ", can you send it over?",
                anchor.minus(Duration.ofDays(3)).minus(Duration.ofHours(5)), Optional.empty());
        out.add(needle);
        needles.add(new Needle("soc2-slack-message", "slack_message", List.of(needle.id()),
                Optional.of(needleAccount.id()), "SOC 2 Type II report",
                "Slack message in #" + deals.name() + " about " + needleAccount.name() + " needing the SOC 2 Type II report"));
        Map<String, List<SlackMessage>> parents = new HashMap<>();
        for (int i = 1; i < total; i++) {
            SlackChannel channel = channels.get(rng.nextInt(channels.size()));
            String userId = channel.memberIds().get(rng.nextInt(channel.memberIds().size()));
            List<SlackMessage> roots = parents.computeIfAbsent(channel.id(), k -> new ArrayList<>());
            if (!roots.isEmpty() && rng.nextDouble() < 0.2) {
                SlackMessage parent = roots.get(rng.nextInt(roots.size()));
                Instant at = parent.at().plus(Duration.ofMinutes(1 + rng.nextInt(240)));
                if (at.isAfter(anchor)) {
                    at = anchor.minusSeconds(rng.nextInt(600) + 1);
                }
                out.add(new SlackMessage(id("msg", i + 1), channel.id(), userId, pick(rng, DemoText.SLACK_REPLIES), at,
                        Optional.of(parent.id())));
            } else {
                Account account = accounts.get(rng.nextInt(accounts.size()));
                SlackMessage message = new SlackMessage(id("msg", i + 1), channel.id(), userId,
                        fill(pick(rng, DemoText.SLACK_MESSAGES), vars(rng, account, null)),
                        recent(rng, 180, Duration.ofHours(5)), Optional.empty());
                out.add(message);
                roots.add(message);
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- linear

    private List<LinearTeam> generateLinearTeams() {
        List<LinearTeam> out = new ArrayList<>();
        for (int i = 0; i < DemoText.LINEAR_TEAMS.size(); i++) {
            String[] t = DemoText.LINEAR_TEAMS.get(i);
            out.add(new LinearTeam(id("team", i + 1), t[0], t[1]));
        }
        return out;
    }

    private List<LinearProject> generateLinearProjects(List<LinearTeam> teams) {
        SplittableRandom rng = random("linear.projects");
        List<LinearProject> out = new ArrayList<>();
        List<Employee> leads = withRole(EmployeeRole.ENGINEER, EmployeeRole.SOLUTIONS_ENGINEER);
        String[] states = {"planned", "started", "started", "completed"};
        for (int i = 0; i < DemoText.LINEAR_PROJECTS.size(); i++) {
            out.add(new LinearProject(id("proj", i + 1), DemoText.LINEAR_PROJECTS.get(i), teams.get(i % 2).id(),
                    states[rng.nextInt(states.length)], leads.get(rng.nextInt(leads.size())).id(),
                    LocalDate.ofInstant(anchor, ZoneOffset.UTC).plusDays(rng.nextInt(180) - 60)));
        }
        return out;
    }

    private List<LinearIssue> generateLinearIssues(List<LinearTeam> teams, List<LinearProject> projects) {
        SplittableRandom rng = random("linear.issues");
        int total = Math.max(1, scaled(800));
        List<LinearIssue> out = new ArrayList<>(total);
        Map<String, Integer> numbers = new HashMap<>();
        List<Employee> engineers = withRole(EmployeeRole.ENGINEER, EmployeeRole.SOLUTIONS_ENGINEER);
        LinearTeam eng = teams.get(0);
        int n0 = numbers.merge(eng.id(), 1, Integer::sum);
        Instant needleCreated = anchor.minus(Duration.ofDays(4));
        LinearIssue needle = new LinearIssue(id("iss", 1), eng.key() + "-" + n0, eng.id(), Optional.of(projects.get(4).id()),
                "SSO login fails for users provisioned through Okta SCIM",
                needleAccount.name() + " reports that users provisioned through Okta SCIM cannot log in: the SAML "
                        + "assertion maps to a deactivated user record. Blocking their rollout.",
                "In Progress", 1, Optional.of(engineers.get(0).id()), employee(needleAccount.ownerId()).id(),
                List.of("bug", "customer-request"), needleCreated, needleCreated.plus(Duration.ofDays(1)), Optional.empty());
        out.add(needle);
        needles.add(new Needle("okta-scim-issue", "linear_issue", List.of(needle.id()), Optional.of(needleAccount.id()),
                "Okta SCIM", "Urgent Linear bug: SSO login fails for users provisioned through Okta SCIM"));
        for (int i = 1; i < total; i++) {
            LinearTeam team = teams.get(rng.nextInt(teams.size()));
            int number = numbers.merge(team.id(), 1, Integer::sum);
            String object = pick(rng, DemoText.ISSUE_OBJECTS);
            String title = pick(rng, DemoText.ISSUE_VERBS) + " " + object;
            String state = pick(rng, DemoText.ISSUE_STATES);
            Instant created = recent(rng, 240, Duration.ofDays(1));
            Instant updated = between(rng, created, anchor.minus(Duration.ofMinutes(30)));
            Optional<Instant> completed = state.equals("Done") ? Optional.of(updated) : Optional.empty();
            Optional<String> assignee = state.equals("Backlog") && rng.nextBoolean() ? Optional.empty()
                    : Optional.of(engineers.get(rng.nextInt(engineers.size())).id());
            Optional<String> project = rng.nextDouble() < 0.6
                    ? Optional.of(projects.get(rng.nextInt(projects.size())).id()) : Optional.empty();
            List<String> labels = List.of(pick(rng, DemoText.ISSUE_LABELS));
            String description = "Customers have reported problems with " + object + ". Acceptance: the behaviour is "
                    + "covered by a test and documented in the changelog.";
            out.add(new LinearIssue(id("iss", i + 1), team.key() + "-" + number, team.id(), project, title, description,
                    state, rng.nextInt(5), assignee, employees.get(rng.nextInt(employees.size())).id(), labels, created,
                    updated, completed));
        }
        return out;
    }

    // ---------------------------------------------------------------- github

    private List<GitHubRepo> generateRepos() {
        SplittableRandom rng = random("github.repos");
        int total = Math.max(1, scaled(40));
        List<GitHubRepo> out = new ArrayList<>(total);
        for (int i = 0; i < total; i++) {
            String[] spec = DemoText.REPOS.get(i % DemoText.REPOS.size());
            String name = i < DemoText.REPOS.size() ? spec[0] : spec[0] + "-" + (i / DemoText.REPOS.size() + 1);
            Instant created = anchor.minus(Duration.ofDays(200 + rng.nextInt(1000)));
            out.add(new GitHubRepo(id("repo", i + 1), name, "acme-demo/" + name,
                    "Acme " + name.replace('-', ' ') + " (" + spec[1] + ")", spec[1], rng.nextDouble() < 0.85, "main",
                    created, anchor.minus(Duration.ofHours(1 + rng.nextInt(24 * 30)))));
        }
        return out;
    }

    private List<PullRequest> generatePullRequests(List<GitHubRepo> repos) {
        SplittableRandom rng = random("github.pulls");
        int total = scaled(600);
        List<PullRequest> out = new ArrayList<>(total);
        Map<String, Integer> numbers = new HashMap<>();
        List<Employee> authors = withRole(EmployeeRole.ENGINEER, EmployeeRole.SOLUTIONS_ENGINEER);
        for (int i = 0; i < total; i++) {
            GitHubRepo repo = repos.get(rng.nextInt(repos.size()));
            int number = numbers.merge(repo.id(), 1, Integer::sum);
            String object = pick(rng, DemoText.ISSUE_OBJECTS);
            String title = pick(rng, DemoText.ISSUE_VERBS) + " " + object;
            Instant created = recent(rng, 240, Duration.ofHours(2));
            double r = rng.nextDouble();
            Instant closed = between(rng, created, anchor.minus(Duration.ofMinutes(10)));
            String state = r < 0.2 ? "open" : "closed";
            Optional<Instant> closedAt = state.equals("open") ? Optional.empty() : Optional.of(closed);
            Optional<Instant> mergedAt = r >= 0.3 ? closedAt : Optional.empty();
            Instant updated = state.equals("open") ? between(rng, created, anchor.minus(Duration.ofMinutes(10))) : closed;
            String branch = "feature/" + object.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
            out.add(new PullRequest(id("pr", i + 1), repo.id(), number, title,
                    "This change addresses " + object + ". Tested locally and in staging.", state,
                    authors.get(rng.nextInt(authors.size())).id(), branch, created, updated, closedAt, mergedAt));
        }
        return out;
    }

    private List<Commit> generateCommits(List<GitHubRepo> repos) {
        SplittableRandom rng = random("github.commits");
        int total = scaled(2000);
        List<Commit> out = new ArrayList<>(total);
        List<Employee> authors = withRole(EmployeeRole.ENGINEER, EmployeeRole.SOLUTIONS_ENGINEER);
        for (int i = 0; i < total; i++) {
            StringBuilder sha = new StringBuilder(40);
            for (int k = 0; k < 40; k++) {
                sha.append(Character.forDigit(rng.nextInt(16), 16));
            }
            String message = pick(rng, DemoText.ISSUE_VERBS) + " " + pick(rng, DemoText.ISSUE_OBJECTS);
            out.add(new Commit(sha.toString(), repos.get(rng.nextInt(repos.size())).id(),
                    authors.get(rng.nextInt(authors.size())).id(), message, recent(rng, 240, Duration.ofMinutes(5))));
        }
        return out;
    }

    // ---------------------------------------------------------------- drive

    private List<DriveFile> generateDriveFiles(List<LinearProject> projects) {
        SplittableRandom rng = random("drive");
        int total = Math.max(1, scaled(500));
        List<DriveFile> out = new ArrayList<>(total);
        Employee owner = employee(needleAccount.ownerId());
        Instant created = anchor.minus(Duration.ofDays(12));
        String content = "Mutual Action Plan for " + needleAccount.name() + ".\n1. Security review complete\n"
                + "2. Two-year order form signed\n3. Admin training\n4. Go-live on the first Monday of next month\n"
                + "Owners: " + owner.name() + " (Acme), " + contactsByAccount.get(needleAccount.id()).get(0).name()
                + " (" + needleAccount.name() + ")";
        DriveFile needle = new DriveFile(id("file", 1), needleAccount.name() + " - Mutual Action Plan",
                "application/vnd.google-apps.document", "/Sales/Proposals", owner.id(), created,
                anchor.minus(Duration.ofDays(1)), content.length(), content);
        out.add(needle);
        needles.add(new Needle("vandelay-mutual-action-plan", "drive_file", List.of(needle.id()),
                Optional.of(needleAccount.id()), "Mutual Action Plan",
                "Google Doc with the Mutual Action Plan for " + needleAccount.name()));
        for (int i = 1; i < total; i++) {
            String[] spec = pick(rng, DemoText.DRIVE_FOLDERS);
            Account account = accounts.get(rng.nextInt(accounts.size()));
            Employee person = employees.get(rng.nextInt(employees.size()));
            Map<String, String> vars = vars(rng, account, null);
            vars.put("project", projects.get(rng.nextInt(projects.size())).name());
            vars.put("person", person.name());
            String name = fill(spec[1], vars);
            Instant fileCreated = recent(rng, 365, Duration.ofDays(1));
            Instant modified = between(rng, fileCreated, anchor.minus(Duration.ofMinutes(30)));
            String body = name + ". Prepared by " + person.name() + ". Covers " + vars.get("point") + " and next steps.";
            Employee fileOwner = spec[0].startsWith("/Sales") ? employee(account.ownerId()) : person;
            out.add(new DriveFile(id("file", i + 1), name, spec[2], spec[0], fileOwner.id(), fileCreated, modified,
                    body.length() * 37L, body));
        }
        return out;
    }

    private List<Goal> generateGoals() {
        SplittableRandom rng = random("goals");
        List<Goal> out = new ArrayList<>();
        int year = LocalDate.ofInstant(anchor, ZoneOffset.UTC).getYear();
        for (Employee e : employees) {
            if (!e.role().carriesQuota()) {
                continue;
            }
            for (int q = 1; q <= 4; q++) {
                LocalDate start = LocalDate.of(year, (q - 1) * 3 + 1, 1);
                LocalDate end = start.plusMonths(3).minusDays(1);
                boolean revenue = e.role() == EmployeeRole.ACCOUNT_EXECUTIVE;
                long target = revenue ? (150 + rng.nextInt(26) * 10) * 1000L : 30 + rng.nextInt(31);
                String metric = revenue ? "revenue" : "meetings_booked";
                out.add(new Goal(id("goal", out.size() + 1), e.id(),
                        "Q" + q + " " + year + " " + (revenue ? "revenue quota" : "meetings booked") + " - " + e.name(),
                        metric, target, start, end));
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- small helpers

    private Employee employee(String id) {
        for (Employee e : employees) {
            if (e.id().equals(id)) {
                return e;
            }
        }
        throw new IllegalStateException("no employee " + id);
    }

    private Account account(String id) {
        return accounts.get(Integer.parseInt(id.substring(4)) - 1);
    }

    private Employee pickSolutionsEngineer() {
        List<Employee> se = withRole(EmployeeRole.SOLUTIONS_ENGINEER);
        return se.isEmpty() ? employees.get(0) : se.get(0);
    }

    private Optional<String> openDeal(String accountId) {
        return Optional.ofNullable(latestOpenDealByAccount.get(accountId)).map(Deal::id);
    }

    private Map<String, String> vars(SplittableRandom rng, Account account, Contact contact) {
        Map<String, String> vars = new HashMap<>();
        vars.put("account", account.name());
        vars.put("point", pick(rng, DemoText.POINTS));
        vars.put("point2", pick(rng, DemoText.POINTS));
        vars.put("stakeholder", pick(rng, DemoText.STAKEHOLDERS));
        vars.put("initiative", pick(rng, DemoText.DEAL_INITIATIVES).toLowerCase(Locale.ROOT));
        vars.put("day", pick(rng, DemoText.DAYS));
        vars.put("time", pick(rng, DemoText.TIMES));
        vars.put("priority", pick(rng, DemoText.PRIORITIES));
        vars.put("contact", contact == null ? "the champion" : contact.name());
        return vars;
    }

    private static String fill(String template, Map<String, String> vars) {
        String out = template;
        for (Map.Entry<String, String> e : vars.entrySet()) {
            out = out.replace("{" + e.getKey() + "}", e.getValue());
        }
        return out;
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** A time in the last {@code days} days, 40 % of them in the last 30 days, at least {@code margin} before the anchor. */
    private Instant recent(SplittableRandom rng, int days, Duration margin) {
        long latest = anchor.minus(margin).getEpochSecond();
        long window = rng.nextDouble() < 0.4 ? Math.min(30, days) : days;
        long earliest = anchor.minus(Duration.ofDays(window)).getEpochSecond();
        if (earliest >= latest) {
            return Instant.ofEpochSecond(latest);
        }
        return Instant.ofEpochSecond(earliest + rng.nextLong(latest - earliest));
    }

    /** Moves a time to a half-hour slot between 14:00 and 21:30 UTC (North American business hours). */
    private Instant businessSlot(SplittableRandom rng, Instant day) {
        Instant midnight = day.truncatedTo(ChronoUnit.DAYS);
        Instant slot = midnight.plus(Duration.ofMinutes(14 * 60 + 30L * rng.nextInt(16)));
        return slot.isAfter(anchor.minus(Duration.ofHours(2))) ? slot.minus(Duration.ofDays(1)) : slot;
    }

    private static Instant between(SplittableRandom rng, Instant from, Instant to) {
        long a = from.getEpochSecond();
        long b = to.getEpochSecond();
        return b <= a ? from : Instant.ofEpochSecond(a + rng.nextLong(b - a));
    }

    private static String stamp(int seconds) {
        return "[" + pad(seconds / 3600, 2) + ":" + pad((seconds / 60) % 60, 2) + ":" + pad(seconds % 60, 2) + "]";
    }

    private static String pad(int n, int width) {
        String digits = Integer.toString(n);
        return digits.length() >= width ? digits : "0".repeat(width - digits.length()) + digits;
    }

    private static double log(double v) {
        return Math.log(v);
    }

    static String id(String prefix, int n) {
        return prefix + "-" + pad(n, 6);
    }

    private static <T> T pick(SplittableRandom rng, List<T> list) {
        return list.get(rng.nextInt(list.size()));
    }

    private static <T> List<T> sample(SplittableRandom rng, List<T> list, int n) {
        List<T> copy = new ArrayList<>(list);
        shuffle(copy, rng);
        return copy.subList(0, Math.min(n, copy.size()));
    }

    private static <T> void shuffle(List<T> list, SplittableRandom rng) {
        for (int i = list.size() - 1; i > 0; i--) {
            Collections.swap(list, i, rng.nextInt(i + 1));
        }
    }

    private static List<String> ids(List<Employee> people) {
        return people.stream().map(Employee::id).toList();
    }

    private static List<String> contactIds(List<Contact> people) {
        return people.stream().map(Contact::id).toList();
    }

    private static String roman(int n) {
        String[] numerals = {"", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"};
        return n < numerals.length ? numerals[n] : Integer.toString(n);
    }
}
