/**
 * The model port: one {@link io.revtops.agent.model.ModelClient} interface and its adapters
 * (Anthropic Messages, any OpenAI-compatible Chat Completions endpoint, and a deterministic
 * scripted model), plus the values they exchange.
 *
 * <h2>Conventions</h2>
 * <ul>
 *   <li>Every value is an immutable record; closed sets of variants are sealed interfaces
 *       ({@link io.revtops.agent.model.ContentPart}, {@link io.revtops.agent.model.ModelEvent},
 *       {@link io.revtops.agent.model.ModelFailure}) meant to be handled with {@code switch}.</li>
 *   <li>No public method returns or accepts {@code null}: absent values are {@link java.util.Optional}
 *       or empty collections.</li>
 *   <li><b>JSON values are raw JSON text ({@code String})</b>: tool input schemas
 *       ({@link io.revtops.agent.model.ToolSpec#inputSchemaJson()}), tool-call arguments
 *       ({@link io.revtops.agent.model.ContentPart.ToolUse#inputJson()}). Raw text keeps this API
 *       free of both Jackson 2 (inside the vendor SDKs) and Jackson 3 (Spring Boot 4), survives a
 *       model's invalid JSON unchanged, and persists as-is. {@link io.revtops.agent.model.ToolSpec#of}
 *       accepts a {@code Map} schema for convenience.</li>
 *   <li>Adapters never retry: a failure is thrown once as a {@link io.revtops.agent.model.ModelException}
 *       whose {@link io.revtops.agent.model.ModelFailure} says whether it is retryable; callers retry
 *       with {@link io.revtops.agent.model.ModelRetry} (Resilience4j, backoff with jitter, Retry-After).</li>
 *   <li>{@link io.revtops.agent.model.ModelClients} picks the adapter from settings (environment).</li>
 * </ul>
 */
package io.revtops.agent.model;
