package io.revtops.platform.web;

import io.revtops.platform.errors.ErrorBody;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Writes JSON error bodies from places outside controllers (filters, security entry points). */
@Component
public class JsonResponses {
    private final JsonMapper mapper;

    public JsonResponses(JsonMapper mapper) {
        this.mapper = mapper;
    }

    public void write(HttpServletResponse response, int status, ErrorBody body) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        mapper.writeValue(response.getOutputStream(), body);
    }
}
