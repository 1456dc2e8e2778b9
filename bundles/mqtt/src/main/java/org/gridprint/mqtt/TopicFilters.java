package org.gridprint.mqtt;

/** MQTT topic filter matching (MQTT 3.1.1 section 4.7, MQTT 5 section 4.7): '+' one level, '#' this level and below. */
final class TopicFilters {

    private TopicFilters() {
    }

    static boolean matches(String filter, String topic) {
        var f = filter.split("/", -1);
        var t = topic.split("/", -1);
        for (int i = 0; i < f.length; i++) {
            if (f[i].equals("#")) {
                return true; // also matches the parent level itself ("a/#" matches "a")
            }
            if (i >= t.length) {
                return false;
            }
            if (!f[i].equals("+") && !f[i].equals(t[i])) {
                return false;
            }
        }
        return f.length == t.length;
    }
}
