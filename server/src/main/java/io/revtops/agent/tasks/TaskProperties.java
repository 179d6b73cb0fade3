package io.revtops.agent.tasks;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of agent tasks: this process's node id ({@code revtops.node-id}, {@code REVTOPS_NODE_ID}; default
 * hostname-pid-random) and how the chunk log batches its writes ({@code revtops.tasks.*}).
 */
@ConfigurationProperties(prefix = "revtops")
public record TaskProperties(String nodeId, Tasks tasks) {

    /**
     * Chunk-log batching: flush at most every {@code flushInterval} or at {@code flushBatch} chunks. Liveness: this
     * node touches its running tasks every {@code heartbeatEvery}; a running task not touched for {@code staleAfter}
     * (its node died and never came back with the same node id) is failed by whichever node notices.
     */
    public record Tasks(Duration flushInterval, int flushBatch, Duration cancelGrace, Duration heartbeatEvery,
                        Duration staleAfter) {
        public Tasks {
            if (flushInterval == null || flushInterval.isNegative() || flushInterval.isZero()) flushInterval = Duration.ofMillis(25);
            if (flushBatch <= 0) flushBatch = 500;
            if (cancelGrace == null || cancelGrace.isNegative()) cancelGrace = Duration.ofMillis(500);
            if (heartbeatEvery == null || heartbeatEvery.isNegative() || heartbeatEvery.isZero()) heartbeatEvery = Duration.ofSeconds(30);
            if (staleAfter == null || staleAfter.compareTo(heartbeatEvery.multipliedBy(3)) < 0) {
                staleAfter = Duration.ofMinutes(2).compareTo(heartbeatEvery.multipliedBy(3)) < 0
                        ? heartbeatEvery.multipliedBy(3) : Duration.ofMinutes(2);
            }
        }
    }

    public TaskProperties {
        if (nodeId == null || nodeId.isBlank()) nodeId = defaultNodeId();
        // application_name and log lines stay readable; the id is compared, never parsed
        if (nodeId.length() > 60) nodeId = nodeId.substring(0, 60);
        if (tasks == null) tasks = new Tasks(null, 0, null, null, null);
    }

    static String defaultNodeId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "node";
        }
        long pid = ManagementFactory.getRuntimeMXBean().getPid();
        byte[] random = new byte[3];
        ThreadLocalRandom.current().nextBytes(random);
        return host + "-" + pid + "-" + HexFormat.of().formatHex(random);
    }
}
