package io.revtops.simulators.common;

import java.util.ArrayList;
import java.util.List;

/** The endpoints a simulator declares (Javalin path syntax, {@code {name}} for a path parameter). */
public final class Routes {

    record Definition(String method, String path, Route route, boolean admin) {
    }

    private final List<Definition> definitions = new ArrayList<>();

    public Routes get(String path, Route route) {
        return add("GET", path, route, false);
    }

    public Routes post(String path, Route route) {
        return add("POST", path, route, false);
    }

    public Routes patch(String path, Route route) {
        return add("PATCH", path, route, false);
    }

    public Routes put(String path, Route route) {
        return add("PUT", path, route, false);
    }

    public Routes delete(String path, Route route) {
        return add("DELETE", path, route, false);
    }

    /** A control endpoint under {@code /__sim}: no authentication, no faults, not recorded. */
    public Routes admin(String method, String path, Route route) {
        if (!path.startsWith("/__sim/")) {
            throw new IllegalArgumentException("admin routes live under /__sim/: " + path);
        }
        return add(method, path, route, true);
    }

    private Routes add(String method, String path, Route route, boolean admin) {
        definitions.add(new Definition(method, path, route, admin));
        return this;
    }

    List<Definition> definitions() {
        return List.copyOf(definitions);
    }
}
