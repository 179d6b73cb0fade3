package io.revtops.simulators;

import io.revtops.simulators.demo.DemoCompany;
import java.io.PrintStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the simulators standalone: {@code java -cp … io.revtops.simulators.SimulatorsMain --port-base 9100
 * --scale 1 [--seed 42] [--host 127.0.0.1] [--anchor today|<ISO instant>]}. Prints base URLs and
 * credentials, then serves until interrupted. The default anchor is today (00:00 UTC) so recent data
 * falls in the last 30 days; the same anchor and seed give the same data.
 */
public final class SimulatorsMain {

    private SimulatorsMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        int portBase = 9100;
        double scale = 1;
        long seed = 42;
        String host = "127.0.0.1";
        Instant anchor = Instant.now().truncatedTo(ChronoUnit.DAYS);
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : "";
            switch (args[i]) {
                case "--port-base" -> portBase = Integer.parseInt(value);
                case "--scale" -> scale = Double.parseDouble(value);
                case "--seed" -> seed = Long.parseLong(value);
                case "--host" -> host = value;
                case "--anchor" -> anchor = value.equals("today") ? anchor : Instant.parse(value);
                case "--help", "-h" -> {
                    usage(System.out);
                    return;
                }
                default -> {
                    usage(System.err);
                    throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            i++;
        }
        DemoCompany company = DemoCompany.generate(seed, scale, anchor);
        Simulators simulators = Simulators.start(company, SimulatorOptions.defaults().withHost(host).withBasePort(portBase));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulators.close();
            stopped.countDown();
        }));
        System.out.println("Acme demo company: seed=" + seed + " scale=" + scale + " anchor=" + anchor);
        System.out.println("counts: " + company.counts());
        for (String slug : Simulators.SLUGS) {
            System.out.printf("%-11s %s  credential=%s%n", slug, simulators.baseUrl(slug), simulators.credential(slug));
        }
        System.out.println("nango connections: hubspot=" + simulators.nangoConnectionId("hubspot")
                + " salesforce=" + simulators.nangoConnectionId("salesforce"));
        System.out.println("gmail mailboxes (token each): " + simulators.gmail().mailboxes().size()
                + ", e.g. " + simulators.gmail().mailboxes().getFirst());
        simulators.environment().forEach((k, v) -> System.out.println("export " + k + "=" + v));
        stopped.await();
    }

    private static void usage(PrintStream out) {
        out.println("usage: SimulatorsMain [--port-base 9100] [--scale 1] [--seed 42] [--host 127.0.0.1] "
                + "[--anchor today|2026-01-15T12:00:00Z]");
    }
}
