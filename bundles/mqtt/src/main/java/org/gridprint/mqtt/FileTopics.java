package org.gridprint.mqtt;

import java.util.List;
import java.util.Map;

/**
 * Where production-job stamps, utility bills and meter-log files arrive over MQTT and where the per-item reports go
 * (fields {@code filesTopicPrefix} and {@code replyTopicPrefix} of {@value BrokerSettings#PID}; off while
 * {@code filesTopicPrefix} is empty):
 * <ul>
 * <li>{@code <prefix>jobs[/...]}: JSON array (or object) of stamps, or a CSV file of stamps;</li>
 * <li>{@code <prefix>utility-bills[/...]}: JSON array (or object) of bills, or a CSV file of bills;</li>
 * <li>{@code <prefix>meter-logs/<file name>} or {@code <prefix>meter-logs/<format>/<file name>}: a UPS/PDU log (CSV).</li>
 * </ul>
 * The report of each message goes to {@code <replyTopicPrefix><kind>/<the rest of the topic>}.
 */
record FileTopics(String prefix, String replyPrefix) {

    static final String JOBS = "jobs";
    static final String BILLS = "utility-bills";
    static final String METER_LOGS = "meter-logs";

    boolean enabled() {
        return !prefix.isEmpty();
    }

    /** The filters to subscribe: one per kind, each with its sub-levels. */
    List<String> filters() {
        return enabled() ? List.of(prefix + JOBS + "/#", prefix + BILLS + "/#", prefix + METER_LOGS + "/#") : List.of();
    }

    /** @throws IllegalArgumentException naming PID, field, value and what is expected */
    static FileTopics parse(Map<String, ?> props) {
        var pid = text(props, "service.pid", BrokerSettings.PID);
        var prefix = text(props, "filesTopicPrefix", "");
        var reply = text(props, "replyTopicPrefix", "gridprint/out/replies/");
        for (var field : List.of("filesTopicPrefix", "replyTopicPrefix")) {
            var value = field.equals("filesTopicPrefix") ? prefix : reply;
            if (value.contains("+") || value.contains("#")) {
                throw new IllegalArgumentException(pid + ": field '" + field + "' is '" + value + "'; expected a "
                        + "topic prefix without wildcards '+' or '#'");
            }
            if (!value.isEmpty() && !value.endsWith("/")) {
                throw new IllegalArgumentException(pid + ": field '" + field + "' is '" + value + "'; expected a "
                        + "prefix ending with '/', e.g. gridprint/in/");
            }
        }
        if (!prefix.isEmpty() && reply.isEmpty()) {
            throw new IllegalArgumentException(pid + ": field 'replyTopicPrefix' is empty; expected a prefix for the "
                    + "per-item reports of filesTopicPrefix '" + prefix + "'");
        }
        if (!prefix.isEmpty() && (reply.startsWith(prefix) || prefix.startsWith(reply))) {
            throw new IllegalArgumentException(pid + ": fields 'filesTopicPrefix' (" + prefix + ") and "
                    + "'replyTopicPrefix' (" + reply + ") overlap; expected separate topic trees (replies would be "
                    + "read back as files)");
        }
        return new FileTopics(prefix, reply);
    }

    private static String text(Map<String, ?> props, String key, String def) {
        var v = props.get(key);
        return v == null ? def : v.toString().trim();
    }
}
