package org.gridprint.allocation.datacenter;

import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One data center per factory configuration. A bad configuration is logged once at ERROR and posted as
 * gridprint/alarms/CONFIG_ERROR (PID, field, value, what is
 * expected) and the data center is listed with its error; other data centers are unaffected.
 */
@Designate(ocd = DataCenterConfig.class, factory = true)
@Component(configurationPid = DataCenterConfigParser.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = DataCenterSite.class)
public class DataCenterSiteImpl implements DataCenterSite {

    private static final Logger LOG = LoggerFactory.getLogger(DataCenterSiteImpl.class);

    private volatile String id = "";
    private volatile Optional<DataCenterDefinition> definition = Optional.empty();
    private volatile String error = "";

    @Reference(cardinality = ReferenceCardinality.OPTIONAL)
    EventAdmin events;

    @Activate
    void activate(Map<String, Object> props) {
        var name = Texts.string(props, "id");
        id = name.isEmpty() ? DataCenterConfigParser.PID + "/" + props.getOrDefault("service.pid", "?") : name;
        try {
            definition = Optional.of(DataCenterConfigParser.parse(props));
            error = "";
            var d = definition.get();
            LOG.info("data center {} on site {}: facility {}, {} tenants with IT meters, {} estimated servers{}",
                    d.id(), d.siteId(), d.facilityMeters(), d.itMeters().size(), d.servers().size(),
                    d.itByTenantTag() ? ", IT meters by tenant tag (" + d.itAssetTypes() + ")" : "");
        } catch (IllegalArgumentException e) {
            definition = Optional.empty();
            error = e.getMessage();
            LOG.error("{}", error);
            ConfigAlarms.post(events, DataCenterConfigParser.PID, error);
        }
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Optional<DataCenterDefinition> definition() {
        return definition;
    }

    @Override
    public String error() {
        return error;
    }
}
