package org.gridprint.http.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Jackson with the API's limits (nesting depth, string length, number length) and the translation of Jackson's
 * parse errors into the API's words: where (line, column) and what was expected, not the library's text.
 */
public final class JsonLimits {

    private static final int MAX_NUMBER_CHARS = 64;

    private final ObjectMapper mapper;
    private final int maxDepth;
    private final int maxStringChars;

    public JsonLimits(int maxDepth, int maxStringChars, long maxDocumentBytes) {
        this.maxDepth = maxDepth;
        this.maxStringChars = maxStringChars;
        var factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(maxDepth)
                        .maxStringLength(maxStringChars).maxNumberLength(MAX_NUMBER_CHARS)
                        .maxDocumentLength(maxDocumentBytes).build())
                .build();
        this.mapper = new ObjectMapper(factory);
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    /** Jackson's exception in the API's words, e.g. "not valid JSON at line 3, column 17". */
    public String explain(JsonProcessingException e) {
        var at = at(e.getLocation());
        if (e instanceof StreamConstraintsException) {
            var m = String.valueOf(e.getOriginalMessage());
            if (m.contains("nesting depth")) {
                return "JSON nested deeper than " + maxDepth + " levels" + at + "; expected an array of flat objects "
                        + "(org.gridprint.http maxJsonDepth)";
            }
            if (m.contains("String value length")) {
                return "a JSON string longer than " + maxStringChars + " characters" + at
                        + " (org.gridprint.http maxStringChars)";
            }
            if (m.contains("Number value length")) {
                return "a JSON number longer than " + MAX_NUMBER_CHARS + " characters" + at;
            }
            return "JSON document beyond the API's limits" + at;
        }
        return "not valid JSON" + at;
    }

    private static String at(JsonLocation loc) {
        if (loc == null || loc.getLineNr() < 1) {
            return "";
        }
        return " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
    }
}
