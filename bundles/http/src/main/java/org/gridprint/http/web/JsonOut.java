package org.gridprint.http.web;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A JSON answer written as it is produced (GET results can be long): status 200, then the generator. */
public final class JsonOut {

    private JsonOut() {
    }

    public static JsonGenerator start(Call call, ObjectMapper mapper) throws IOException {
        var resp = call.response();
        resp.setStatus(200);
        resp.setContentType("application/json");
        resp.setCharacterEncoding("UTF-8");
        resp.setHeader("Cache-Control", "no-store");
        return mapper.createGenerator(resp.getOutputStream());
    }
}
