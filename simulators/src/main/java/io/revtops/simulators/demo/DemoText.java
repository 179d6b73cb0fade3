package io.revtops.simulators.demo;

import java.util.List;

/**
 * Word lists and sentence templates the generator draws from. None of them may contain a needle
 * phrase ({@code Globex}, {@code 22% discount}, {@code SOC 2 Type II report}, {@code Okta SCIM},
 * {@code Mutual Action Plan}, "objection"), so search tests can rely on the needles being unique.
 */
final class DemoText {

    private DemoText() {
    }

    static final String COMPANY_DOMAIN = "acme-demo.test";
    static final String NEEDLE_ACCOUNT_NAME = "Vandelay Industries";

    static final List<String> ACCOUNT_PREFIXES = List.of(
            "Apex", "Blue Harbor", "Cedar", "Summit", "Northwind", "Brightline", "Ironwood", "Silverline", "Redwood",
            "Pinecrest", "Clearwater", "Stonebridge", "Lakeshore", "Highland", "Evergreen", "Riverbend", "Maple",
            "Oakridge", "Bluepeak", "Crescent", "Horizon", "Keystone", "Lighthouse", "Meridian", "Northstar", "Orchid",
            "Pioneer", "Quantum", "Sterling", "Trident", "Unity", "Vantage", "Westbrook", "Zenith", "Aurora", "Beacon",
            "Cobalt", "Dynamo", "Falcon", "Granite", "Harborview", "Juniper", "Kestrel", "Lumen", "Mosaic", "Nimbus",
            "Onyx", "Polaris", "Radiant", "Sapphire", "Tandem", "Vertex", "Willow", "Alder", "Bramble", "Copperline",
            "Driftwood", "Ember", "Foxglove", "Gullwing", "Hearth", "Inkwell", "Jetstream", "Kindling", "Larkspur");

    static List<String> accountSuffixes(Industry industry) {
        return switch (industry) {
            case SOFTWARE -> List.of("Software", "Labs", "Systems", "Cloud", "Analytics");
            case FINANCIAL_SERVICES -> List.of("Capital", "Financial", "Payments", "Wealth Partners");
            case HEALTH_CARE -> List.of("Health", "Medical Group", "Clinics", "Care Network");
            case LOGISTICS -> List.of("Logistics", "Freight", "Shipping", "Supply Co");
            case RETAIL -> List.of("Outfitters", "Markets", "Retail Group", "Goods");
            case MANUFACTURING -> List.of("Manufacturing", "Robotics", "Industries", "Machining");
            case MARKETING -> List.of("Media", "Creative", "Marketing", "Studios");
            case EDUCATION -> List.of("Learning", "Academy", "Education", "Schools");
            case TELECOM -> List.of("Networks", "Telecom", "Wireless", "Connect");
            case INSURANCE -> List.of("Insurance", "Mutual", "Assurance", "Underwriters");
            case ENERGY -> List.of("Energy", "Power", "Renewables", "Utilities");
            case CONSTRUCTION -> List.of("Builders", "Construction", "Contractors", "Engineering");
        };
    }

    static final List<String[]> CITIES = List.of(
            new String[] {"San Francisco", "United States", "+1-415"}, new String[] {"New York", "United States", "+1-212"},
            new String[] {"Austin", "United States", "+1-512"}, new String[] {"Chicago", "United States", "+1-312"},
            new String[] {"Boston", "United States", "+1-617"}, new String[] {"Seattle", "United States", "+1-206"},
            new String[] {"Denver", "United States", "+1-303"}, new String[] {"Atlanta", "United States", "+1-404"},
            new String[] {"Toronto", "Canada", "+1-416"}, new String[] {"London", "United Kingdom", "+44-20"},
            new String[] {"Berlin", "Germany", "+49-30"}, new String[] {"Amsterdam", "Netherlands", "+31-20"},
            new String[] {"Paris", "France", "+33-1"}, new String[] {"Dublin", "Ireland", "+353-1"},
            new String[] {"Sydney", "Australia", "+61-2"}, new String[] {"Singapore", "Singapore", "+65-6"});

    static final List<String> FIRST_NAMES = List.of(
            "Alex", "Jordan", "Taylor", "Morgan", "Casey", "Riley", "Jamie", "Avery", "Quinn", "Parker", "Drew", "Reese",
            "Olivia", "Liam", "Noah", "Ava", "Isabella", "Mason", "Lucas", "Mia", "Ethan", "Amelia", "Harper", "Elijah",
            "Charlotte", "Benjamin", "Evelyn", "Henry", "Abigail", "Samuel", "Ella", "David", "Scarlett", "Joseph",
            "Aria", "Carter", "Chloe", "Owen", "Nora", "Wyatt", "Lily", "Julian", "Zoe", "Levi", "Hazel", "Isaac",
            "Aisha", "Mateo", "Yuki", "Ravi", "Fatima", "Chen", "Ingrid", "Kofi", "Lucia", "Marek", "Nadia", "Tariq",
            "Elena", "Hiro", "Amara", "Pablo", "Sanjay", "Freya");

    static final List<String> LAST_NAMES = List.of(
            "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez",
            "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Moore", "Jackson", "Lee", "Perez",
            "Thompson", "White", "Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson", "Walker", "Young",
            "Allen", "King", "Wright", "Scott", "Torres", "Nguyen", "Hill", "Flores", "Green", "Adams", "Nelson",
            "Baker", "Hall", "Rivera", "Campbell", "Mitchell", "Carter", "Roberts", "Patel", "Kowalski", "Schmidt",
            "Dubois", "Tanaka", "Silva", "Novak", "Andersen", "Mensah", "Ivanova", "Fischer", "Moreau", "Sato",
            "Costa", "Haddad", "Bianchi");

    static final List<String> CONTACT_TITLES = List.of(
            "VP Operations", "Director of IT", "Head of Procurement", "CFO", "CTO", "Operations Manager", "IT Manager",
            "Procurement Lead", "VP Engineering", "Head of Sales Operations", "RevOps Manager", "COO",
            "Director of Finance", "Product Manager", "Security Lead", "Head of Customer Success", "Data Analyst",
            "Chief Revenue Officer", "Systems Administrator", "Director of Marketing");

    static final List<String> DEAL_INITIATIVES = List.of(
            "Platform expansion", "New business", "Annual renewal", "Pilot", "Enterprise upgrade", "Analytics add-on",
            "Multi-year agreement", "Team plan", "EMEA rollout", "Security add-on", "Workflow automation",
            "Data warehouse connector");

    static final List<String> POINTS = List.of(
            "reporting dashboards", "the Salesforce integration", "single sign-on", "usage-based pricing tiers",
            "data residency in the EU", "the onboarding timeline", "API rate limits", "user provisioning",
            "the analytics add-on", "custom workflows", "audit logging", "the mobile app", "role-based permissions",
            "the data export schedule", "support response times");

    static final List<String> STAKEHOLDERS = List.of(
            "our CFO", "the IT security team", "our procurement lead", "the VP of Operations", "legal",
            "the executive sponsor", "our CTO");

    static final List<String> REPLIES = List.of(
            "that works for us.", "let me loop in our IT lead.", "can you send over the updated numbers?",
            "we'll review internally and get back to you by Friday.", "looks good, please send the calendar invite.",
            "could we push this to next week?", "the team liked what they saw in the demo.",
            "we need a bit more detail on the implementation plan.", "I've shared this with our budget owner.",
            "Tuesday afternoon works best on our side.");

    static final List<String> DAYS = List.of("Monday", "Tuesday", "Wednesday", "Thursday", "Friday");

    static final List<String> TIMES = List.of("9:30am", "10:00am", "11:00am", "1:00pm", "2:30pm", "3:00pm", "4:00pm");

    /** Email topics for account threads: subject template and first-message body template. */
    static final List<String[]> EMAIL_TOPICS = List.of(
            new String[] {"Following up on our conversation",
                "Thanks for taking the time today. As promised, here is a summary of what we covered: {point}. "
                        + "Let me know if {stakeholder} has questions before our next step."},
            new String[] {"Proposal for {account}",
                "Attached is the proposal for the {initiative} project. It covers {point} and a phased rollout. "
                        + "Happy to walk through it on a call this week."},
            new String[] {"Scheduling a demo for {account}",
                "Would {day} at {time} work for a 45-minute demo with your team? I'll tailor it around {point}."},
            new String[] {"Security questionnaire for {account}",
                "Our security team completed the questionnaire you sent over, including the section on {point}. "
                        + "Let me know if your IT team needs anything else for their review."},
            new String[] {"{account} renewal",
                "Your current agreement renews next quarter. I'd love to set up time to review usage, "
                        + "{point}, and plans for next year."},
            new String[] {"Onboarding plan for {account}",
                "Here is the onboarding plan we discussed. Week one focuses on {point}; your admins will get "
                        + "training sessions in week two."},
            new String[] {"Order form for {account}",
                "Please find the order form for the {initiative} project. Once {stakeholder} signs, we can "
                        + "kick off onboarding the following week."},
            new String[] {"Checking in",
                "Just checking in to see how the evaluation is going. Anything I can help clarify on {point}?"},
            new String[] {"Case study you asked about",
                "Here is the case study from a team in your industry that rolled out {point} in six weeks. "
                        + "Happy to connect you with their admin."},
            new String[] {"Agenda for {day}",
                "Sharing a short agenda for {day}: introductions, your goals for {point}, a live walkthrough, "
                        + "and next steps with {stakeholder}."});

    static final List<String> INBOUND_OPENERS = List.of(
            "quick question about {point}.", "our team has been discussing {point} and would like a call.",
            "can you share more detail on {point}?", "we are comparing options for {point} this quarter.");

    static final List<String[]> INTERNAL_EMAIL_TOPICS = List.of(
            new String[] {"Pipeline review prep",
                "Before Thursday's review, please update close dates and next steps on your open deals, "
                        + "especially anything in Contract sent."},
            new String[] {"Deal desk: {account}",
                "{account} is asking for extended payment terms on the {initiative} deal. Can we approve net-60?"},
            new String[] {"Customer feedback from {account}",
                "Notes from my call with {account}: they love {point} but want faster exports. Logging it for product."},
            new String[] {"Forecast for this quarter",
                "Sharing the updated forecast. Commit is tracking slightly ahead of plan; best case depends on "
                        + "two late-stage deals."},
            new String[] {"Release notes draft",
                "Draft release notes are in the shared drive. Highlights: {point} and several fixes to exports."},
            new String[] {"Hiring update",
                "We have two final-round candidates for the AE role next week. Please send feedback by Friday."});

    static final List<String> MEETING_TITLES = List.of(
            "Discovery call: {account} <> Acme", "Product demo for {account}", "{account} - Pricing review",
            "QBR with {account}", "Onboarding kickoff - {account}", "{account} technical deep dive",
            "{account} - Next steps", "Implementation check-in with {account}");

    static final List<String> INTERNAL_MEETING_TITLES = List.of(
            "Weekly pipeline review", "Product sync", "Sprint planning", "Sales team standup", "Forecast call",
            "Customer success sync", "Engineering all-hands", "Deal review");

    static final List<String> PRIORITIES = List.of(
            "consolidating our reporting", "reducing manual data entry", "improving forecast accuracy",
            "getting visibility across regions", "cutting onboarding time for new hires", "tightening access controls");

    static final List<String> CALL_OUTCOMES = List.of("Connected", "Left voicemail", "No answer", "Connected", "Busy",
            "Connected");

    static final List<String> NOTE_TEMPLATES = List.of(
            "Champion is {contact}; economic buyer is {stakeholder}. Main driver: {priority}.",
            "Spoke with {contact} about {point}. They want a follow-up with {stakeholder} next week.",
            "Budget confirmed for this fiscal year. Timeline depends on {point}.",
            "Risk: {contact} mentioned a reorg that could delay the decision.",
            "{contact} asked for references in their industry and more detail on {point}.",
            "Trial going well; 14 active users. Next step is a pricing review.");

    static final List<String[]> SLACK_CHANNELS = List.of(
            new String[] {"general", "Company-wide announcements and chatter"},
            new String[] {"sales", "Sales team discussion"},
            new String[] {"deals", "Live deal updates and deal desk requests"},
            new String[] {"wins", "Closed-won celebrations"},
            new String[] {"cs-escalations", "Customer escalations that need eyes"},
            new String[] {"eng", "Engineering discussion"},
            new String[] {"product", "Product planning and feedback"},
            new String[] {"support", "Support questions"},
            new String[] {"marketing", "Campaigns and content"},
            new String[] {"announcements", "Official announcements"},
            new String[] {"pipeline-review", "Weekly pipeline review threads"},
            new String[] {"competitors", "Competitive intel"},
            new String[] {"customer-feedback", "Feedback from customers"},
            new String[] {"security", "Security questions and reviews"},
            new String[] {"hiring", "Recruiting coordination"},
            new String[] {"design", "Design reviews"},
            new String[] {"ops", "Business operations"},
            new String[] {"finance", "Finance and billing questions"},
            new String[] {"partnerships", "Partner deals"},
            new String[] {"leadership", "Leadership team"},
            new String[] {"onboarding", "Customer onboarding coordination"},
            new String[] {"releases", "Release coordination"},
            new String[] {"incidents", "Production incidents"},
            new String[] {"qa", "Quality assurance"},
            new String[] {"data", "Data and analytics"},
            new String[] {"devops", "Infrastructure"},
            new String[] {"frontend", "Web app"},
            new String[] {"backend", "Services and APIs"},
            new String[] {"mobile", "Mobile apps"},
            new String[] {"random", "Non-work banter"});

    static final List<String> SLACK_MESSAGES = List.of(
            "Just got off a call with {account}, they want to move forward with {point}.",
            "Can someone from engineering join the {account} technical deep dive on {day}?",
            "{account} renewal is at risk, usage dropped 30% last month.",
            "Closed {account}! Great work everyone.",
            "Reminder: update your close dates before the forecast call.",
            "Anyone have a good case study for {point}?",
            "Deploying the new export service at {time}, expect a short blip.",
            "Heads up, the {point} docs were updated.",
            "Who owns the {account} account now?",
            "Nice job on the demo today, the {account} team was impressed.",
            "Is the staging environment down for anyone else?",
            "Customer asked about {point} again, can we prioritize it?",
            "Lunch is here!",
            "Quick poll: should the pipeline review move to Wednesdays?",
            "PR for the billing fix is up for review.");

    static final List<String> SLACK_REPLIES = List.of(
            "On it.", "Thanks for flagging!", "I can take this.", "Let's discuss in standup.", "+1",
            "Looping in the account owner.", "Done, shipped it.", "Good catch.");

    static final List<String[]> LINEAR_TEAMS = List.of(
            new String[] {"ENG", "Engineering"}, new String[] {"PRD", "Product"}, new String[] {"CX", "Customer Experience"});

    static final List<String> LINEAR_PROJECTS = List.of(
            "Reporting 2.0", "Mobile app v3", "Billing migration", "Reliability sprint", "Integrations hub",
            "Onboarding revamp", "Search improvements", "Data export");

    static final List<String> ISSUE_VERBS = List.of(
            "Fix", "Add", "Improve", "Refactor", "Investigate", "Update", "Remove", "Document");

    static final List<String> ISSUE_OBJECTS = List.of(
            "pagination in reports export", "rate limiting on public API", "CSV import validation",
            "dashboard load time", "webhook retries", "timezone handling in scheduler", "email notification templates",
            "audit log filters", "billing proration", "mobile push notifications", "search indexing lag",
            "role permissions editor", "dark mode contrast", "bulk edit for contacts", "Salesforce field mapping",
            "HubSpot sync errors", "session timeout", "PDF report layout", "API key rotation", "two-factor enrollment");

    static final List<String> ISSUE_STATES = List.of("Backlog", "Todo", "In Progress", "In Review", "Done", "Done",
            "Done", "Canceled");

    static final List<String> ISSUE_LABELS = List.of("bug", "feature", "improvement", "tech-debt", "customer-request");

    static final List<String[]> REPOS = List.of(
            new String[] {"web-app", "TypeScript"}, new String[] {"api-gateway", "Go"}, new String[] {"billing-service", "Java"},
            new String[] {"auth-service", "Java"}, new String[] {"mobile-app", "Kotlin"}, new String[] {"ios-app", "Swift"},
            new String[] {"data-pipeline", "Python"}, new String[] {"reporting-service", "Java"}, new String[] {"search-service", "Go"},
            new String[] {"notifications", "TypeScript"}, new String[] {"infra", "HCL"}, new String[] {"design-system", "TypeScript"},
            new String[] {"docs", "MDX"}, new String[] {"sync-engine", "Java"}, new String[] {"webhooks", "Go"},
            new String[] {"export-service", "Python"}, new String[] {"admin-console", "TypeScript"}, new String[] {"cli", "Go"},
            new String[] {"sdk-python", "Python"}, new String[] {"sdk-node", "TypeScript"}, new String[] {"sdk-java", "Java"},
            new String[] {"ml-scoring", "Python"}, new String[] {"scheduler", "Java"}, new String[] {"audit-log", "Go"},
            new String[] {"feature-flags", "TypeScript"}, new String[] {"marketing-site", "TypeScript"},
            new String[] {"email-templates", "HTML"}, new String[] {"load-tests", "Python"}, new String[] {"helm-charts", "YAML"},
            new String[] {"terraform-modules", "HCL"}, new String[] {"analytics-dbt", "SQL"}, new String[] {"integrations", "Java"},
            new String[] {"file-service", "Go"}, new String[] {"pdf-renderer", "Java"}, new String[] {"chat-widget", "TypeScript"},
            new String[] {"status-page", "TypeScript"}, new String[] {"support-bot", "Python"}, new String[] {"ci-actions", "YAML"},
            new String[] {"security-policies", "Markdown"}, new String[] {"playground", "TypeScript"});

    static final List<String[]> DRIVE_FOLDERS = List.of(
            new String[] {"/Sales/Proposals", "{account} - Proposal", "application/vnd.google-apps.document"},
            new String[] {"/Sales/Proposals", "{account} - Pricing", "application/vnd.google-apps.spreadsheet"},
            new String[] {"/Sales/Contracts", "{account} - Order Form.pdf", "application/pdf"},
            new String[] {"/Customer Success/QBRs", "{account} QBR", "application/vnd.google-apps.presentation"},
            new String[] {"/Engineering/Specs", "{project} - Technical Spec", "application/vnd.google-apps.document"},
            new String[] {"/Marketing", "Case study - {account}", "application/vnd.google-apps.document"},
            new String[] {"/Finance", "Forecast - {project}", "application/vnd.google-apps.spreadsheet"},
            new String[] {"/People", "Onboarding checklist - {person}", "application/vnd.google-apps.document"});
}
