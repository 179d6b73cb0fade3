package io.revtops.platform.security;

import io.revtops.platform.config.RevtopsProperties;
import io.revtops.platform.errors.ErrorBody;
import io.revtops.platform.web.JsonResponses;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;

/** Bearer-token security for /api; public: health, the web app, API docs, dev login, signed webhooks and the socket. */
@Configuration(proxyBeanMethods = false)
public class SecurityConfig {

    @Bean
    JwtDecoder jwtDecoder(RevtopsProperties props, DevTokens devTokens) {
        return JwtDecoders.forSettings(props.auth(), devTokens);
    }

    @Bean
    SecurityFilterChain api(HttpSecurity http, JsonResponses json) throws Exception {
        http.csrf(c -> c.disable())
                .cors(Customizer.withDefaults())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .formLogin(f -> f.disable())
                .httpBasic(b -> b.disable())
                .logout(l -> l.disable())
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/api/auth/dev-login", "/api/auth/config").permitAll()
                        .requestMatchers("/api/openapi.json", "/api/openapi.json/**", "/api/docs", "/api/docs/**",
                                "/swagger-ui/**", "/api/swagger-ui/**", "/v3/api-docs/**").permitAll()
                        .requestMatchers("/api/connectors/webhook/**", "/api/slack/**").permitAll()
                        .requestMatchers("/api/share/**").permitAll()
                        .requestMatchers("/api/**").authenticated()
                        // the socket checks its token itself, before the upgrade is accepted
                        .anyRequest().permitAll())
                .oauth2ResourceServer(o -> o
                        .jwt(Customizer.withDefaults())
                        .authenticationEntryPoint((req, res, e) -> json.write(res, 401,
                                ErrorBody.of("unauthorized", "Sign in again: the token is missing, expired or not valid")))
                        .accessDeniedHandler((req, res, e) -> json.write(res, 403,
                                ErrorBody.of("forbidden", "You may not do this"))))
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((req, res, ex) -> json.write(res, 401,
                                ErrorBody.of("unauthorized", "Sign in first: send 'Authorization: Bearer <token>'")))
                        .accessDeniedHandler((req, res, ex) -> json.write(res, 403,
                                ErrorBody.of("forbidden", "You may not do this"))));
        return http.build();
    }
}
