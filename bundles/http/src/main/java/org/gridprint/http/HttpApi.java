package org.gridprint.http;

import java.util.Map;

/** The HTTPS API as a service: its counters and limits, for the console and tests. */
public interface HttpApi {

    /** Answers by HTTP status since the component started. */
    Map<Integer, Long> answersByStatus();

    /** Reading items by outcome since the component started. */
    Map<String, Long> readingItems();

    HttpApiSettings settings();
}
