package org.gridprint.allocation.rules;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.gridprint.api.Alarm;
import org.gridprint.api.AlarmKind;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@value RuleFields#PID} factory configuration, parsed. Registered (bundle-internal) also when it is bad, so the
 * allocation of its site and dimension can refuse with the error instead of silently computing without the rule; the
 * error is logged at ERROR once and posted as {@code gridprint/alarms/CONFIG_ERROR}; other sites keep working.
 */
@Designate(ocd = RuleConfig.class, factory = true)
@Component(name = RuleFields.PID, service = RuleConfiguration.class, configurationPolicy = ConfigurationPolicy.REQUIRE,
        immediate = true)
public class RuleConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(RuleConfiguration.class);

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile EventAdmin eventAdmin;

    private volatile String pid = RuleFields.PID;
    private volatile String site = "";
    private volatile String dimension = "department";
    private volatile Rule rule;
    private volatile String error;

    /** For DS. */
    public RuleConfiguration() {
    }

    /** Plain wiring (tests, tools): from raw properties as DS would give them. */
    public static RuleConfiguration of(String pid, Map<String, ?> properties) {
        return of(pid, properties, null);
    }

    /** Plain wiring with an EventAdmin that gets the CONFIG_ERROR alarm of a bad configuration. */
    public static RuleConfiguration of(String pid, Map<String, ?> properties, EventAdmin eventAdmin) {
        var c = new RuleConfiguration();
        c.eventAdmin = eventAdmin;
        var props = new java.util.HashMap<String, Object>(properties);
        props.put("service.pid", pid);
        c.configure(props);
        return c;
    }

    @Activate
    void activate(Map<String, Object> properties) {
        configure(properties);
    }

    private void configure(Map<String, ?> properties) {
        Object p = properties.get("service.pid");
        pid = p == null ? RuleFields.PID : p.toString();
        site = RuleParser.text(properties, RuleFields.SITE);
        var d = RuleParser.text(properties, RuleFields.DIMENSION);
        dimension = d.isEmpty() ? "department" : d;
        try {
            rule = RuleParser.parse(pid, properties);
            LOG.info("allocation rule '{}' ({}): site {}, dimension {}, pool {}, method {}", rule.name(), pid,
                    rule.siteId(), rule.dimension(), rule.pool().text(), rule.method().configName());
        } catch (RuleConfigException e) {
            rule = null;
            error = e.getMessage();
            var message = "allocation rule not usable, " + site + "/" + dimension + " is not allocated until it is"
                    + " fixed: " + error;
            LOG.error(message);
            var ea = eventAdmin;
            if (ea != null) {
                try {
                    var alarm = Alarm.of(AlarmKind.CONFIG_ERROR, message, Instant.now()).withSource(pid);
                    ea.postEvent(new Event(alarm.topic(), alarm.toEventProperties()));
                } catch (RuntimeException ex) {
                    LOG.warn("could not post {}: {}", AlarmKind.CONFIG_ERROR, ex.toString());
                }
            }
        }
    }

    public String pid() {
        return pid;
    }

    /** The site named (also by a bad configuration, if readable). */
    public String site() {
        return site;
    }

    public String dimension() {
        return dimension;
    }

    public Optional<Rule> rule() {
        return Optional.ofNullable(rule);
    }

    /** The configuration error, if the rule is not usable. */
    public Optional<String> error() {
        return Optional.ofNullable(error);
    }

    @Override
    public String toString() {
        return "RuleConfiguration[" + pid + ", " + site + "/" + dimension + (rule == null ? ", invalid" : "") + "]";
    }
}
