package io.revtops.simulators.common;

/** One vendor endpoint: turns a request into a response. */
@FunctionalInterface
public interface Route {
    SimResponse handle(SimRequest request);
}
