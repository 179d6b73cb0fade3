package io.revtops.simulators.common;

import java.util.LinkedHashMap;
import java.util.Map;

/** What a simulator answers: status, headers and a (JSON) body. */
public record SimResponse(int status, Map<String, String> headers, String body, String contentType) {

    public static final String JSON = "application/json;charset=utf-8";

    public SimResponse {
        headers = Map.copyOf(headers);
        body = body == null ? "" : body;
    }

    public static SimResponse json(int status, Object value) {
        return new SimResponse(status, Map.of(), Json.write(value), JSON);
    }

    public static SimResponse ok(Object value) {
        return json(200, value);
    }

    public static SimResponse empty(int status) {
        return new SimResponse(status, Map.of(), "", "");
    }

    public SimResponse withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new SimResponse(status, copy, body, contentType);
    }

    public SimResponse withHeaders(Map<String, String> extra) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.putAll(extra);
        return new SimResponse(status, copy, body, contentType);
    }

    /** The same response with its body cut in the middle, as a dropped connection would leave it. */
    public SimResponse truncated() {
        return new SimResponse(status, headers, body.substring(0, body.length() / 2), contentType);
    }
}
