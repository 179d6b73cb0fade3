package io.revtops.simulators;

import io.revtops.simulators.apollo.ApolloSimulator;
import io.revtops.simulators.common.Faults;
import io.revtops.simulators.common.RequestLog;
import io.revtops.simulators.common.TokenRegistry;
import io.revtops.simulators.common.VendorSimulator;
import io.revtops.simulators.demo.DemoCompany;
import io.revtops.simulators.gmail.GmailSimulator;
import io.revtops.simulators.hubspot.HubSpotSimulator;
import io.revtops.simulators.nango.NangoSimulator;
import io.revtops.simulators.salesforce.SalesforceSimulator;
import io.revtops.simulators.slack.SlackSimulator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Starts every vendor simulator for one demo company, each on its own port so base URLs look like the
 * vendor's, sharing one token registry (tokens Nango hands out work at HubSpot and Salesforce).
 * Nango already holds a connection per CRM ({@link #nangoConnectionId(String)}).
 */
public final class Simulators implements AutoCloseable {

    /** Vendor slugs, in port order. */
    public static final List<String> SLUGS = List.of(HubSpotSimulator.SLUG, SalesforceSimulator.SLUG,
            ApolloSimulator.SLUG, NangoSimulator.SLUG, GmailSimulator.SLUG, SlackSimulator.SLUG);

    private final DemoCompany company;
    private final TokenRegistry tokens;
    private final HubSpotSimulator hubspot;
    private final SalesforceSimulator salesforce;
    private final ApolloSimulator apollo;
    private final NangoSimulator nango;
    private final GmailSimulator gmail;
    private final SlackSimulator slack;
    private final Map<String, VendorSimulator> bySlug = new LinkedHashMap<>();

    private Simulators(DemoCompany company, SimulatorOptions options) {
        this.company = company;
        this.tokens = new TokenRegistry(options.clock());
        this.hubspot = new HubSpotSimulator(company, tokens, options.clock());
        this.salesforce = new SalesforceSimulator(company, tokens, options.clock());
        this.apollo = new ApolloSimulator(company, tokens, options.clock());
        this.nango = new NangoSimulator(company.seed(), tokens, options.clock()).tokenTtl(options.nangoTokenTtl());
        this.gmail = new GmailSimulator(company, tokens, options.clock());
        this.slack = new SlackSimulator(company, tokens, options.clock());
        bySlug.put(HubSpotSimulator.SLUG, hubspot);
        bySlug.put(SalesforceSimulator.SLUG, salesforce);
        bySlug.put(ApolloSimulator.SLUG, apollo);
        bySlug.put(NangoSimulator.SLUG, nango);
        bySlug.put(GmailSimulator.SLUG, gmail);
        bySlug.put(SlackSimulator.SLUG, slack);
    }

    /** Starts all simulators on {@code 127.0.0.1}; {@code port} 0 picks free ports, else ports port…port+5. */
    public static Simulators start(DemoCompany company, int port) {
        return start(company, SimulatorOptions.defaults().withBasePort(port));
    }

    public static Simulators start(DemoCompany company, SimulatorOptions options) {
        Simulators simulators = new Simulators(company, options);
        List<VendorSimulator> started = new ArrayList<>();
        try {
            int offset = 0;
            for (VendorSimulator simulator : simulators.bySlug.values()) {
                int port = options.basePort() == 0 ? 0 : options.basePort() + offset;
                simulator.start(options.host(), port);
                started.add(simulator);
                offset++;
            }
        } catch (RuntimeException e) {
            started.forEach(VendorSimulator::close);
            throw e;
        }
        simulators.connectCrmsInNango();
        return simulators;
    }

    private void connectCrmsInNango() {
        nango.addConnection(nangoConnectionId(HubSpotSimulator.SLUG), HubSpotSimulator.SLUG, HubSpotSimulator.SLUG,
                HubSpotSimulator.SLUG, Map.of("portalId", hubspot.portalId()));
        nango.addConnection(nangoConnectionId(SalesforceSimulator.SLUG), SalesforceSimulator.SLUG,
                SalesforceSimulator.SLUG, SalesforceSimulator.SLUG, Map.of("instance_url", salesforce.baseUrl()));
    }

    /** Base URL of a vendor's API, e.g. {@code baseUrl("hubspot")} → {@code http://127.0.0.1:41234}. */
    public String baseUrl(String slug) {
        return simulator(slug).baseUrl();
    }

    /**
     * The long-lived credential valid for the demo org: HubSpot private-app token, Salesforce session
     * token, Apollo API key, Nango secret key, the OAuth token of the first employee's Gmail mailbox, Slack bot token.
     */
    public String credential(String slug) {
        return switch (slug) {
            case HubSpotSimulator.SLUG -> hubspot.privateAppToken();
            case SalesforceSimulator.SLUG -> salesforce.sessionToken();
            case ApolloSimulator.SLUG -> apollo.apiKey();
            case NangoSimulator.SLUG -> nango.secretKey();
            case GmailSimulator.SLUG -> gmail.tokenFor(gmail.mailboxes().getFirst());
            case SlackSimulator.SLUG -> slack.botToken();
            default -> throw unknown(slug);
        };
    }

    /** The Nango connection id (provider_config_key = slug) that hands out OAuth tokens for a CRM. */
    public String nangoConnectionId(String slug) {
        if (!slug.equals(HubSpotSimulator.SLUG) && !slug.equals(SalesforceSimulator.SLUG)) {
            throw new IllegalArgumentException("Nango holds connections for hubspot and salesforce, not " + slug);
        }
        return "acme-demo-" + slug;
    }

    public Faults faults(String slug) {
        return simulator(slug).faults();
    }

    public RequestLog requests(String slug) {
        return simulator(slug).requests();
    }

    public VendorSimulator simulator(String slug) {
        VendorSimulator simulator = bySlug.get(slug.toLowerCase(Locale.ROOT));
        if (simulator == null) {
            throw unknown(slug);
        }
        return simulator;
    }

    public HubSpotSimulator hubspot() {
        return hubspot;
    }

    public SalesforceSimulator salesforce() {
        return salesforce;
    }

    public ApolloSimulator apollo() {
        return apollo;
    }

    public NangoSimulator nango() {
        return nango;
    }

    public GmailSimulator gmail() {
        return gmail;
    }

    public SlackSimulator slack() {
        return slack;
    }

    public TokenRegistry tokens() {
        return tokens;
    }

    public DemoCompany company() {
        return company;
    }

    /** Environment variables that point the Revtops server at these simulators. */
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("REVTOPS_HUBSPOT_BASE_URL", hubspot.baseUrl());
        env.put("REVTOPS_SALESFORCE_BASE_URL", salesforce.baseUrl());
        env.put("REVTOPS_APOLLO_BASE_URL", apollo.baseUrl());
        env.put("REVTOPS_GMAIL_BASE_URL", gmail.baseUrl());
        env.put("REVTOPS_SLACK_BASE_URL", slack.apiUrl());
        env.put("NANGO_BASE_URL", nango.baseUrl());
        env.put("NANGO_SECRET_KEY", nango.secretKey());
        return env;
    }

    @Override
    public void close() {
        bySlug.values().forEach(VendorSimulator::close);
    }

    private static IllegalArgumentException unknown(String slug) {
        return new IllegalArgumentException("no simulator '" + slug + "'; known: " + SLUGS);
    }
}
