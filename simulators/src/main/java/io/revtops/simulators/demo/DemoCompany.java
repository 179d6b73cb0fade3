package io.revtops.simulators.demo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The deterministic "Acme demo" company every simulator serves: the same seed, scale and anchor give
 * byte-identical data. Counts at scale 1: 12 employees, 300 accounts, 1 500 contacts (5 per account),
 * 7 pipeline stages, 400 deals, 20 000 emails, 1 500 meetings, 1 000 calls, 800 notes, 30 Slack
 * channels with 3 000 messages, 3 Linear teams, 8 projects, 800 issues, 40 repositories, 600 pull
 * requests, 2 000 commits, 500 Drive files and 24 quarterly goals. {@code scale} multiplies every count
 * (never fewer than one; employees never fewer than 12). All timestamps are at or before the anchor,
 * except the close dates of open deals.
 */
public final class DemoCompany {

    /** Anchor used by {@link #generate(long, double)}: a fixed instant, never the wall clock. */
    public static final Instant DEFAULT_ANCHOR = Instant.parse("2026-01-15T12:00:00Z");

    /** Domain of the demo company's own mailboxes. */
    public static final String DOMAIN = DemoText.COMPANY_DOMAIN;

    private final long seed;
    private final double scale;
    private final Instant anchor;
    private final List<Employee> employees;
    private final List<Account> accounts;
    private final List<Contact> contacts;
    private final List<PipelineStage> pipelineStages;
    private final List<Deal> deals;
    private final List<Email> emails;
    private final List<Meeting> meetings;
    private final List<Call> calls;
    private final List<Note> notes;
    private final List<SlackChannel> slackChannels;
    private final List<SlackMessage> slackMessages;
    private final List<LinearTeam> linearTeams;
    private final List<LinearProject> linearProjects;
    private final List<LinearIssue> linearIssues;
    private final List<GitHubRepo> githubRepos;
    private final List<PullRequest> pullRequests;
    private final List<Commit> commits;
    private final List<DriveFile> driveFiles;
    private final List<Goal> goals;
    private final List<Needle> needles;
    private final Map<String, Employee> employeesById;
    private final Map<String, Account> accountsById;
    private final Map<String, Contact> contactsById;

    DemoCompany(long seed, double scale, Instant anchor, List<Employee> employees, List<Account> accounts,
                List<Contact> contacts, List<PipelineStage> pipelineStages, List<Deal> deals, List<Email> emails,
                List<Meeting> meetings, List<Call> calls, List<Note> notes, List<SlackChannel> slackChannels,
                List<SlackMessage> slackMessages, List<LinearTeam> linearTeams, List<LinearProject> linearProjects,
                List<LinearIssue> linearIssues, List<GitHubRepo> githubRepos, List<PullRequest> pullRequests,
                List<Commit> commits, List<DriveFile> driveFiles, List<Goal> goals, List<Needle> needles) {
        this.seed = seed;
        this.scale = scale;
        this.anchor = anchor;
        this.employees = List.copyOf(employees);
        this.accounts = List.copyOf(accounts);
        this.contacts = List.copyOf(contacts);
        this.pipelineStages = List.copyOf(pipelineStages);
        this.deals = List.copyOf(deals);
        this.emails = List.copyOf(emails);
        this.meetings = List.copyOf(meetings);
        this.calls = List.copyOf(calls);
        this.notes = List.copyOf(notes);
        this.slackChannels = List.copyOf(slackChannels);
        this.slackMessages = List.copyOf(slackMessages);
        this.linearTeams = List.copyOf(linearTeams);
        this.linearProjects = List.copyOf(linearProjects);
        this.linearIssues = List.copyOf(linearIssues);
        this.githubRepos = List.copyOf(githubRepos);
        this.pullRequests = List.copyOf(pullRequests);
        this.commits = List.copyOf(commits);
        this.driveFiles = List.copyOf(driveFiles);
        this.goals = List.copyOf(goals);
        this.needles = List.copyOf(needles);
        this.employeesById = index(this.employees, Employee::id);
        this.accountsById = index(this.accounts, Account::id);
        this.contactsById = index(this.contacts, Contact::id);
    }

    /** Generates the company at {@link #DEFAULT_ANCHOR}. */
    public static DemoCompany generate(long seed, double scale) {
        return generate(seed, scale, DEFAULT_ANCHOR);
    }

    /**
     * Generates the company with every timestamp placed relative to {@code anchor} (pass today's date to
     * make recent data fall in the last 30 days).
     *
     * @param scale count multiplier, between 0.01 and 100 (0.1 for fast tests, 10 for benchmarks)
     */
    public static DemoCompany generate(long seed, double scale, Instant anchor) {
        if (!(scale >= 0.01 && scale <= 100)) {
            throw new IllegalArgumentException("scale must be between 0.01 and 100, was " + scale);
        }
        return new DemoCompanyGenerator(seed, scale, anchor).generate();
    }

    public long seed() {
        return seed;
    }

    public double scale() {
        return scale;
    }

    public Instant anchor() {
        return anchor;
    }

    public List<Employee> employees() {
        return employees;
    }

    public List<Account> accounts() {
        return accounts;
    }

    public List<Contact> contacts() {
        return contacts;
    }

    public List<PipelineStage> pipelineStages() {
        return pipelineStages;
    }

    public List<Deal> deals() {
        return deals;
    }

    public List<Email> emails() {
        return emails;
    }

    public List<Meeting> meetings() {
        return meetings;
    }

    public List<Call> calls() {
        return calls;
    }

    public List<Note> notes() {
        return notes;
    }

    public List<SlackChannel> slackChannels() {
        return slackChannels;
    }

    public List<SlackMessage> slackMessages() {
        return slackMessages;
    }

    public List<LinearTeam> linearTeams() {
        return linearTeams;
    }

    public List<LinearProject> linearProjects() {
        return linearProjects;
    }

    public List<LinearIssue> linearIssues() {
        return linearIssues;
    }

    public List<GitHubRepo> githubRepos() {
        return githubRepos;
    }

    public List<PullRequest> pullRequests() {
        return pullRequests;
    }

    public List<Commit> commits() {
        return commits;
    }

    public List<DriveFile> driveFiles() {
        return driveFiles;
    }

    public List<Goal> goals() {
        return goals;
    }

    /** Known planted records for search tests, each with a phrase that appears nowhere else. */
    public List<Needle> needles() {
        return needles;
    }

    public Needle needle(String key) {
        return needles.stream().filter(n -> n.key().equals(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no needle " + key));
    }

    public Optional<Employee> employee(String id) {
        return Optional.ofNullable(employeesById.get(id));
    }

    public Optional<Account> account(String id) {
        return Optional.ofNullable(accountsById.get(id));
    }

    public Optional<Contact> contact(String id) {
        return Optional.ofNullable(contactsById.get(id));
    }

    public PipelineStage stage(String id) {
        return pipelineStages.stream().filter(s -> s.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no stage " + id));
    }

    /** Emails the CRM simulators also serve as logged email engagements. */
    public List<Email> crmLoggedEmails() {
        return emails.stream().filter(Email::loggedInCrm).toList();
    }

    /** Meetings with an account: the ones the CRM simulators serve. */
    public List<Meeting> externalMeetings() {
        return meetings.stream().filter(Meeting::external).toList();
    }

    /** Record counts per kind, in a stable order. */
    public Map<String, Integer> counts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("employees", employees.size());
        counts.put("accounts", accounts.size());
        counts.put("contacts", contacts.size());
        counts.put("pipeline_stages", pipelineStages.size());
        counts.put("deals", deals.size());
        counts.put("emails", emails.size());
        counts.put("emails_logged_in_crm", crmLoggedEmails().size());
        counts.put("meetings", meetings.size());
        counts.put("meetings_external", externalMeetings().size());
        counts.put("calls", calls.size());
        counts.put("notes", notes.size());
        counts.put("slack_channels", slackChannels.size());
        counts.put("slack_messages", slackMessages.size());
        counts.put("linear_teams", linearTeams.size());
        counts.put("linear_projects", linearProjects.size());
        counts.put("linear_issues", linearIssues.size());
        counts.put("github_repos", githubRepos.size());
        counts.put("pull_requests", pullRequests.size());
        counts.put("commits", commits.size());
        counts.put("drive_files", driveFiles.size());
        counts.put("goals", goals.size());
        counts.put("needles", needles.size());
        return counts;
    }

    /** SHA-256 (hex) over every record in order; equal fingerprints mean identical data. */
    public String fingerprint() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((seed + "|" + scale + "|" + anchor + "\n").getBytes(StandardCharsets.UTF_8));
            for (List<?> section : List.of(employees, accounts, contacts, pipelineStages, deals, emails, meetings, calls,
                    notes, slackChannels, slackMessages, linearTeams, linearProjects, linearIssues, githubRepos,
                    pullRequests, commits, driveFiles, goals, needles)) {
                for (Object record : section) {
                    digest.update(record.toString().getBytes(StandardCharsets.UTF_8));
                    digest.update((byte) '\n');
                }
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    private static <T> Map<String, T> index(List<T> list, Function<T, String> id) {
        return list.stream().collect(Collectors.toMap(id, t -> t, (a, b) -> a, LinkedHashMap::new));
    }

    @Override
    public String toString() {
        return "DemoCompany[seed=" + seed + ", scale=" + scale + ", anchor=" + anchor + ", counts=" + counts() + "]";
    }
}
