package org.gridprint.http;

import java.util.ArrayList;
import java.util.List;

/**
 * The checked values of {@link HttpApiConfig}. A bad value is named (PID, field, value, what is expected) and the
 * default is kept for that field; the other fields still apply.
 */
public record HttpApiSettings(long maxBodyBytes, int maxBodySeconds, int maxItems, int maxJsonDepth, int maxStringChars,
        double requestsPerSecond, int burst, int idempotencyEntriesPerUser, long maxFutureSeconds, int maxQueryRows) {

    public static final String PID = "org.gridprint.http";
    public static final long DEFAULT_MAX_BODY_BYTES = 8L * 1024 * 1024;
    public static final int DEFAULT_MAX_BODY_SECONDS = 30;
    public static final int DEFAULT_MAX_ITEMS = 10_000;
    public static final int DEFAULT_MAX_JSON_DEPTH = 8;
    public static final int DEFAULT_MAX_STRING_CHARS = 1_024;
    public static final double DEFAULT_REQUESTS_PER_SECOND = 50;
    public static final int DEFAULT_BURST = 100;
    public static final int DEFAULT_IDEMPOTENCY_ENTRIES = 1_000;
    public static final long DEFAULT_MAX_FUTURE_SECONDS = 86_400;
    public static final int DEFAULT_MAX_QUERY_ROWS = 100_000;

    public static HttpApiSettings defaults() {
        return new HttpApiSettings(DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_BODY_SECONDS, DEFAULT_MAX_ITEMS, DEFAULT_MAX_JSON_DEPTH,
                DEFAULT_MAX_STRING_CHARS, DEFAULT_REQUESTS_PER_SECOND, DEFAULT_BURST, DEFAULT_IDEMPOTENCY_ENTRIES,
                DEFAULT_MAX_FUTURE_SECONDS, DEFAULT_MAX_QUERY_ROWS);
    }

    /** The settings of a configuration, and one message per refused field. */
    public record Checked(HttpApiSettings settings, List<String> problems) {
        public Checked {
            problems = List.copyOf(problems);
        }
    }

    public static Checked of(HttpApiConfig c) {
        var problems = new ArrayList<String>();
        var d = defaults();
        long body = c.maxBodyBytes();
        if (body < 1024 || body > 1L << 30) {
            problems.add(problem("maxBodyBytes", body, "1024 .. 1073741824 bytes", d.maxBodyBytes()));
            body = d.maxBodyBytes();
        }
        int seconds = c.maxBodySeconds();
        if (seconds < 1 || seconds > 3600) {
            problems.add(problem("maxBodySeconds", seconds, "1 .. 3600 seconds", d.maxBodySeconds()));
            seconds = d.maxBodySeconds();
        }
        int items = c.maxItems();
        if (items < 1 || items > 100_000) {
            problems.add(problem("maxItems", items, "1 .. 100000", d.maxItems()));
            items = d.maxItems();
        }
        int depth = c.maxJsonDepth();
        if (depth < 3 || depth > 64) {
            problems.add(problem("maxJsonDepth", depth, "3 .. 64 (an array of reading objects with metadata needs 3)",
                    d.maxJsonDepth()));
            depth = d.maxJsonDepth();
        }
        int chars = c.maxStringChars();
        if (chars < 64 || chars > 1_000_000) {
            problems.add(problem("maxStringChars", chars, "64 .. 1000000", d.maxStringChars()));
            chars = d.maxStringChars();
        }
        double rate = c.requestsPerSecond();
        if (!(rate > 0) || rate > 1_000_000) {
            problems.add(problem("requestsPerSecond", rate, "a number > 0 and <= 1000000", d.requestsPerSecond()));
            rate = d.requestsPerSecond();
        }
        int burst = c.burst();
        if (burst < 1 || burst > 1_000_000) {
            problems.add(problem("burst", burst, "1 .. 1000000", d.burst()));
            burst = d.burst();
        }
        int idem = c.idempotencyEntriesPerUser();
        if (idem < 0 || idem > 100_000) {
            problems.add(problem("idempotencyEntriesPerUser", idem, "0 .. 100000 (0 turns replays off)",
                    d.idempotencyEntriesPerUser()));
            idem = d.idempotencyEntriesPerUser();
        }
        long future = c.maxFutureSeconds();
        if (future < 0 || future > 366L * 86_400) {
            problems.add(problem("maxFutureSeconds", future, "0 .. 31622400 seconds", d.maxFutureSeconds()));
            future = d.maxFutureSeconds();
        }
        int rows = c.maxQueryRows();
        if (rows < 1 || rows > 10_000_000) {
            problems.add(problem("maxQueryRows", rows, "1 .. 10000000", d.maxQueryRows()));
            rows = d.maxQueryRows();
        }
        return new Checked(new HttpApiSettings(body, seconds, items, depth, chars, rate, burst, idem, future, rows), problems);
    }

    private static String problem(String field, Object value, String expected, Object kept) {
        return PID + " " + field + " = " + value + " is out of range; expected " + expected + "; keeping " + kept;
    }
}
