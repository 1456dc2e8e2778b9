package org.gridprint.http;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * PID {@value HttpApiSettings#PID}: limits of the HTTPS API. The listener itself (address, port, TLS, certificate,
 * timeouts) is Pax Web's: etc/org.ops4j.pax.web.cfg. See the bundle README for every field.
 */
@ObjectClassDefinition(name = "Gridprint HTTPS API", description = "Limits of the /api/v1 servlet: body size, items "
        + "per request, JSON limits, rate limit per user, idempotency cache")
public @interface HttpApiConfig {

    @AttributeDefinition(description = "Largest request body in bytes; a larger one is answered 413 before it is read "
            + "(and the connection closed)")
    long maxBodyBytes() default HttpApiSettings.DEFAULT_MAX_BODY_BYTES;

    @AttributeDefinition(description = "Longest time a request body may take to arrive, in seconds; a slower one "
            + "(a slow-loris client dribbling bytes) is answered 408 and the connection closed")
    int maxBodySeconds() default HttpApiSettings.DEFAULT_MAX_BODY_SECONDS;

    @AttributeDefinition(description = "Largest number of items (readings, stamps, bills, log lines) per request")
    int maxItems() default HttpApiSettings.DEFAULT_MAX_ITEMS;

    @AttributeDefinition(description = "Deepest JSON nesting accepted (an array of reading objects with metadata is 3)")
    int maxJsonDepth() default HttpApiSettings.DEFAULT_MAX_JSON_DEPTH;

    @AttributeDefinition(description = "Longest JSON string value accepted, in characters")
    int maxStringChars() default HttpApiSettings.DEFAULT_MAX_STRING_CHARS;

    @AttributeDefinition(description = "Requests per second each user may make on average (token bucket refill)")
    double requestsPerSecond() default HttpApiSettings.DEFAULT_REQUESTS_PER_SECOND;

    @AttributeDefinition(description = "Requests a user may make at once before the rate applies (token bucket size)")
    int burst() default HttpApiSettings.DEFAULT_BURST;

    @AttributeDefinition(description = "Responses kept per user for Idempotency-Key replays (least recently used dropped)")
    int idempotencyEntriesPerUser() default HttpApiSettings.DEFAULT_IDEMPOTENCY_ENTRIES;

    @AttributeDefinition(description = "Readings with a timestamp further ahead of the clock than this are refused")
    long maxFutureSeconds() default HttpApiSettings.DEFAULT_MAX_FUTURE_SECONDS;

    @AttributeDefinition(description = "Most rows one GET /readings or /windows answers")
    int maxQueryRows() default HttpApiSettings.DEFAULT_MAX_QUERY_ROWS;
}
