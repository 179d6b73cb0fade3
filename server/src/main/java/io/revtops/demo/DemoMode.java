package io.revtops.demo;

import io.revtops.simulators.SimulatorOptions;
import io.revtops.simulators.Simulators;
import io.revtops.simulators.demo.DemoCompany;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * {@code REVTOPS_DEMO=true} / {@code revtops demo}: starts the vendor simulators in this process with the
 * deterministic Acme demo company (dated to end today), seeds the demo organization and syncs it through the real
 * connectors. Sign in with any {@code @acme-demo.test} email.
 */
@Component
public class DemoMode implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DemoMode.class);
    private final DemoProperties props;
    private final DemoCompanySetup setup;
    private final boolean enabled;
    private volatile Simulators simulators;

    public DemoMode(DemoProperties props, DemoCompanySetup setup, io.revtops.platform.config.RevtopsProperties revtops) {
        this.props = props;
        this.setup = setup;
        this.enabled = props.enabled(revtops.hasExternalDatabase()) && !revtops.hasRole("none");
    }

    @EventListener(ApplicationReadyEvent.class)
    public void start() {
        if (!enabled) return;
        long t0 = System.nanoTime();
        Instant anchor = Instant.now().truncatedTo(ChronoUnit.DAYS);
        DemoCompany company = DemoCompany.generate(props.seed(), props.scale(), anchor);
        simulators = Simulators.start(company, SimulatorOptions.defaults().withBasePort(props.portBase()));
        var seeded = setup.seed(simulators);
        log.info("event=demo_ready org_id={} ms={} hint=\"sign in with any @{} email, e.g. {}\"", seeded.orgId(),
                (System.nanoTime() - t0) / 1_000_000, DemoCompanySetup.DOMAIN, company.employees().getFirst().email());
        System.out.println("Demo company ready: sign in as " + company.employees().getFirst().email()
                + " (syncing " + String.join(", ", seeded.syncs().stream().map(s -> s.provider()).toList()) + " in the background)");
    }

    /** The running simulators, when demo mode is on. */
    public java.util.Optional<Simulators> simulators() {
        return java.util.Optional.ofNullable(simulators);
    }

    @Override
    public void close() {
        if (simulators != null) simulators.close();
    }
}
