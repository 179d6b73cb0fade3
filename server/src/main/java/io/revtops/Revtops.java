package io.revtops;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;

/** Entry point of the one Revtops binary; the first argument picks the command. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class Revtops {

    static final String USAGE = """
            Usage: revtops <command>
              start     run everything in one process (api + worker), embedded database unless DATABASE_URL is set;
                        with the embedded database the demo company is seeded and synced too (REVTOPS_DEMO=false: off)
              demo      start with the demo company from the vendor simulators, also with DATABASE_URL
              api       serve the REST API, the web app and the chat socket
              worker    run background jobs (syncs, workflows, embeddings)
              scheduler same as worker (db-scheduler claims jobs with row locks, so any number can run)
              migrate   apply database migrations and exit
              ask       answer one question in the terminal: revtops ask "How many open deals do we have?"
              reindex   rebuild every search embedding with the active model (progress on stderr)
            """;

    public static void main(String[] args) {
        String command = args.length == 0 || args[0].startsWith("-") ? "start" : args[0];
        String[] rest = args.length == 0 || args[0].startsWith("-") ? args : Arrays.copyOfRange(args, 1, args.length);
        Map<String, Object> defaults = new LinkedHashMap<>();
        switch (command) {
            case "start" -> { }
            case "demo" -> defaults.put("revtops.demo.mode", "true");
            case "api" -> defaults.put("revtops.roles", "api");
            case "worker", "scheduler" -> defaults.put("revtops.roles", "worker");
            case "migrate", "ask", "reindex" -> {
                defaults.put("revtops.roles", "none");
                defaults.put("server.port", "0");
                defaults.put("logging.level.root", command.equals("migrate") ? "INFO" : "ERROR");
            }
            case "help", "--help", "-h" -> {
                System.out.print(USAGE);
                return;
            }
            default -> {
                System.err.println("Unknown command '" + command + "'.");
                System.err.print(USAGE);
                System.exit(2);
            }
        }
        if (command.equals("ask")
                && io.revtops.agent.model.ModelClients.fromEnvironment() instanceof io.revtops.agent.model.ModelSetup.ModelNotConfigured n) {
            // say what to configure before starting anything
            System.err.println(n.message());
            System.err.println("Set one of: " + String.join(", ", n.variables()));
            System.exit(io.revtops.agent.AskCommand.NOT_CONFIGURED);
        }
        // a command's choice wins over application.yml but not over an explicit REVTOPS_ROLES (migrate always wins)
        List<String> argv = new ArrayList<>();
        defaults.forEach((key, value) -> {
            if (!key.equals("revtops.roles") || System.getenv("REVTOPS_ROLES") == null || command.equals("migrate")) {
                argv.add("--" + key + "=" + value);
            }
        });
        if (!command.equals("ask") && !command.equals("reindex")) argv.addAll(Arrays.asList(rest));
        ConfigurableApplicationContext context = new SpringApplication(Revtops.class).run(argv.toArray(String[]::new));
        if (command.equals("migrate")) {
            System.out.println("Migrations applied.");
            System.exit(SpringApplication.exit(context));
        }
        if (command.equals("reindex")) {
            int code = context.getBean(io.revtops.search.ReindexCommand.class).run(System.out, System.err);
            SpringApplication.exit(context);
            System.exit(code);
        }
        if (command.equals("ask")) {
            String email = System.getenv().getOrDefault("REVTOPS_USER_EMAIL", "admin@revtops.local");
            int code = context.getBean(io.revtops.agent.AskCommand.class).run(String.join(" ", rest), email, System.out, System.err);
            SpringApplication.exit(context);
            System.exit(code);
        }
    }
}
