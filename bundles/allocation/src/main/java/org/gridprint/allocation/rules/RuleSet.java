package org.gridprint.allocation.rules;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The rules of one site and dimension, ordered by name. Its canonical text (sorted {@code rule.<name>.<field>=value}
 * lines) is what register {@value #REGISTER} versions under the key {@code site/dimension}; a stored period names the
 * version it was computed with, and {@link #parse} rebuilds the rules from that text.
 */
public record RuleSet(String siteId, String dimension, List<Rule> rules) {

    public static final String REGISTER = "allocation-rule";
    private static final String PREFIX = "rule.";

    public RuleSet {
        rules = rules.stream().sorted(Comparator.comparing(Rule::name)).toList();
    }

    /** The rules of one site and dimension, checked together: names unique, one remainder, one tagged, pools apart. */
    public static RuleSet of(String siteId, String dimension, List<Rule> rules, Map<Rule, String> pids) {
        var byName = new HashMap<String, Rule>();
        Rule remainder = null;
        Rule tagged = null;
        var poolMeter = new HashMap<String, Rule>();
        for (var r : rules) {
            String pid = pids.getOrDefault(r, RuleFields.PID);
            var clash = byName.putIfAbsent(r.name(), r);
            if (clash != null) {
                throw new RuleConfigException(pid, RuleFields.NAME, r.name(), "a name no other rule of site " + siteId
                        + " and dimension " + dimension + " has (" + pids.getOrDefault(clash, "another rule")
                        + " has it; set 'name' on one of them)");
            }
            if (r.pool() instanceof Pool.Remainder) {
                if (remainder != null) {
                    throw new RuleConfigException(pid, RuleFields.POOL, r.pool().text(), "one 'remainder' rule per site"
                            + " and dimension (" + pids.getOrDefault(remainder, "rule " + remainder.name())
                            + " already splits the remainder of " + siteId + " by " + dimension + ")");
                }
                remainder = r;
            } else if (r.pool() instanceof Pool.Tagged) {
                if (tagged != null) {
                    throw new RuleConfigException(pid, RuleFields.POOL, r.pool().text(), "one 'tagged' submeter rule per"
                            + " site and dimension (" + pids.getOrDefault(tagged, "rule " + tagged.name())
                            + " already takes the tagged submeters)");
                }
                tagged = r;
            } else if (r.pool() instanceof Pool.Meters m) {
                for (var id : m.ids()) {
                    var other = poolMeter.putIfAbsent(id, r);
                    if (other != null) {
                        throw new RuleConfigException(pid, RuleFields.POOL, r.pool().text(), "meters no other rule of "
                                + siteId + "/" + dimension + " splits (" + id + " is in the pool of "
                                + pids.getOrDefault(other, "rule " + other.name()) + ": its energy would count twice)");
                    }
                }
            }
        }
        return new RuleSet(siteId, dimension, rules);
    }

    /** The register key: {@code site/dimension}. */
    public String key() {
        return siteId + "/" + dimension;
    }

    /** Sorted {@code rule.<name>.<field>=value} lines, one per field, each ending with a line break. */
    public String canonicalText() {
        var lines = new TreeMap<String, String>();
        for (var r : rules) {
            for (var f : r.fields().entrySet()) {
                lines.put(PREFIX + r.name() + "." + f.getKey(), f.getValue());
            }
        }
        var sb = new StringBuilder();
        lines.forEach((k, v) -> sb.append(k).append('=').append(v.replace("\n", " ")).append('\n'));
        return sb.toString();
    }

    /** Rebuilds a rule set from its canonical text (a stored version). */
    public static RuleSet parse(String siteId, String dimension, String text, long ref) {
        var fields = new LinkedHashMap<String, Map<String, String>>();
        int lineNo = 0;
        for (var line : text.split("\n")) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            int eq = line.indexOf('=');
            int dot = eq < 0 ? -1 : line.lastIndexOf('.', eq);
            if (!line.startsWith(PREFIX) || eq < 0 || dot <= PREFIX.length()) {
                throw new IllegalStateException("rule set " + siteId + "/" + dimension + " (register " + REGISTER
                        + " ref " + ref + "), line " + lineNo + ": '" + line + "' is not rule.<name>.<field>=value");
            }
            String name = line.substring(PREFIX.length(), dot);
            fields.computeIfAbsent(name, n -> new HashMap<>()).put(line.substring(dot + 1, eq), line.substring(eq + 1));
        }
        var rules = new ArrayList<Rule>();
        for (var e : fields.entrySet()) {
            var props = new HashMap<String, Object>(e.getValue());
            props.put(RuleFields.NAME, e.getKey());
            rules.add(RuleParser.parse(REGISTER + " ref " + ref + " rule " + e.getKey(), props));
        }
        return new RuleSet(siteId, dimension, rules);
    }
}
