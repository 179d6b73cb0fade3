package io.revtops.messaging;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

/** Mounts the chat socket at {@code /ws/chat}, authenticated at the handshake, with the container's frame limits. */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class ChatSocketConfig implements WebSocketConfigurer {
    private final ChatSocketHandler handler;
    private final SocketAuthInterceptor auth;
    private final SocketProperties props;

    ChatSocketConfig(ChatSocketHandler handler, SocketAuthInterceptor auth, SocketProperties props) {
        this.handler = handler;
        this.auth = auth;
        this.props = props;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(handler, "/ws/chat")
                .addInterceptors(auth)
                .setAllowedOriginPatterns(props.allowedOrigins().toArray(String[]::new));
    }

    /**
     * The container buffers frames up to {@code containerFrameBytes} (72 KiB) so that a frame over our own 64 KiB
     * limit still reaches the handler and gets an error frame; only a frame beyond the container's buffer closes the
     * socket (1009).
     */
    @Bean
    ServletServerContainerFactoryBean webSocketContainer(SocketProperties props) {
        ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
        container.setMaxTextMessageBufferSize(props.containerFrameBytes());
        container.setMaxBinaryMessageBufferSize(8 * 1024);
        container.setAsyncSendTimeout(props.sendTimeLimit().toMillis());
        return container;
    }
}
