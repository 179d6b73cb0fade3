package io.revtops.messaging;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the chat socket and the fan-out between api processes ({@code revtops.socket.*}).
 *
 * @param maxFrameBytes       largest client frame we act on; bigger ones get an error frame (64 KiB)
 * @param containerFrameBytes largest frame the container buffers at all; beyond it the socket closes with 1009
 * @param sendBufferBytes     frames queued for a slow client before its socket is closed
 * @param sendTimeLimit       how long one send may block before the socket is considered dead
 * @param allowedOrigins      Origin patterns allowed to open the socket; the token, not a cookie, authenticates,
 *                            so any origin is safe by default
 * @param channel             the PostgreSQL LISTEN/NOTIFY channel shared by all api processes
 */
@ConfigurationProperties(prefix = "revtops.socket")
public record SocketProperties(int maxFrameBytes, int containerFrameBytes, int sendBufferBytes, Duration sendTimeLimit,
                               List<String> allowedOrigins, String channel) {
    public SocketProperties {
        if (maxFrameBytes <= 0) maxFrameBytes = 64 * 1024;
        // Tomcat allocates this buffer per socket (as chars): keep it near our own limit so 1 000 sockets fit in a small heap
        if (containerFrameBytes < maxFrameBytes) containerFrameBytes = maxFrameBytes + 8 * 1024;
        if (sendBufferBytes <= 0) sendBufferBytes = 1024 * 1024;
        if (sendTimeLimit == null || sendTimeLimit.isNegative() || sendTimeLimit.isZero()) sendTimeLimit = Duration.ofSeconds(10);
        if (allowedOrigins == null || allowedOrigins.isEmpty()) allowedOrigins = List.of("*");
        if (channel == null || channel.isBlank()) channel = "revtops_task_events";
        if (!channel.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("revtops.socket.channel must be a lower-case SQL identifier, got '" + channel + "'");
        }
    }
}
