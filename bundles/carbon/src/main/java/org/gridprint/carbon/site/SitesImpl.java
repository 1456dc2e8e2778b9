package org.gridprint.carbon.site;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.gridprint.api.Alarm;
import org.gridprint.api.AlarmKind;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.EventAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configured sites ({@link Sites}, bundle-internal service) over every {@link SiteConfiguration}.
 *
 * <p><b>One site id, one configuration.</b> If two configurations have the same id, the site would depend on bind
 * order, so neither is used: {@link #site} answers empty for it (its meters get no windows) and a
 * {@code gridprint/alarms/CONFIG_ERROR} naming the id and both PIDs is logged and posted once per conflict. Removing
 * one gives the other back.
 */
@Component(service = Sites.class, immediate = true)
public class SitesImpl implements Sites {

    private static final Logger LOG = LoggerFactory.getLogger(SitesImpl.class);

    private final List<SiteConfiguration> configurations = new CopyOnWriteArrayList<>();
    private final Set<String> reported = ConcurrentHashMap.newKeySet();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile EventAdmin eventAdmin;

    /** For DS. */
    public SitesImpl() {
    }

    /** Plain wiring. */
    public SitesImpl(Collection<SiteConfiguration> configurations, EventAdmin eventAdmin) {
        this.eventAdmin = eventAdmin;
        configurations.forEach(this::addConfiguration);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "removeConfiguration")
    public void addConfiguration(SiteConfiguration configuration) {
        configurations.add(configuration);
        checkDuplicates();
    }

    public void removeConfiguration(SiteConfiguration configuration) {
        configurations.remove(configuration);
        checkDuplicates();
    }

    private TreeMap<String, List<SiteConfiguration>> byId() {
        var byId = new TreeMap<String, List<SiteConfiguration>>();
        for (var c : configurations) {
            if (!c.siteId().isEmpty()) {
                byId.computeIfAbsent(c.siteId(), k -> new ArrayList<>()).add(c);
            }
        }
        return byId;
    }

    private void checkDuplicates() {
        var current = new java.util.HashSet<String>();
        byId().forEach((id, list) -> {
            if (list.size() > 1) {
                var pids = list.stream().map(SiteConfiguration::pid).sorted().toList();
                var message = "site id '" + id + "' is configured more than once (" + String.join(", ", pids)
                        + "); neither configuration is used and the site's meters get no emission windows until only"
                        + " one is left";
                current.add(message);
                if (reported.add(message)) {
                    LOG.error(message);
                    SiteConfiguration.post(eventAdmin, Alarm.of(AlarmKind.CONFIG_ERROR, message, Instant.now())
                            .withSource(pids.get(0)));
                }
            }
        });
        reported.retainAll(current);
    }

    @Override
    public Optional<Site> site(String id) {
        var list = byId().get(id);
        if (list == null || list.size() != 1) {
            return Optional.empty();
        }
        return list.get(0).site();
    }

    @Override
    public Collection<Site> sites() {
        var out = new ArrayList<Site>();
        byId().forEach((id, list) -> {
            if (list.size() == 1) {
                list.get(0).site().ifPresent(out::add);
            }
        });
        out.sort(Comparator.comparing(Site::id));
        return out;
    }

    /** Why a site id has no usable site (unknown, invalid or duplicate), for the engine's messages. */
    public String problem(String id) {
        var list = byId().get(id);
        if (list == null) {
            return "site '" + id + "' is not configured (no " + SiteConfiguration.PID + " configuration with id '" + id
                    + "')";
        }
        if (list.size() > 1) {
            return "site id '" + id + "' is configured more than once";
        }
        var r = list.get(0).result();
        return r instanceof SiteConfigResult.Invalid i ? "site '" + id + "' has an invalid configuration: "
                + i.message() : "site '" + id + "' is usable";
    }
}
