package org.gridprint.allocation.datacenter;

import java.util.Map;
import java.util.Optional;

import org.gridprint.api.allocation.ServerPowerModel;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One server type per factory configuration; a bad one is logged once and listed with its error. */
@Designate(ocd = ServerTypeConfig.class, factory = true)
@Component(configurationPid = ServerTypeParser.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = ServerType.class)
public class ServerTypeImpl implements ServerType {

    private static final Logger LOG = LoggerFactory.getLogger(ServerTypeImpl.class);

    private volatile String id = "";
    private volatile Optional<ServerPowerModel> model = Optional.empty();
    private volatile String error = "";

    @Reference(cardinality = ReferenceCardinality.OPTIONAL)
    EventAdmin events;

    @Activate
    void activate(Map<String, Object> props) {
        var name = Texts.string(props, "id");
        id = name.isEmpty() ? ServerTypeParser.PID + "/" + props.getOrDefault("service.pid", "?") : name;
        try {
            model = Optional.of(ServerTypeParser.parse(props));
            error = "";
        } catch (IllegalArgumentException e) {
            model = Optional.empty();
            error = e.getMessage();
            LOG.error("{}", error);
            ConfigAlarms.post(events, ServerTypeParser.PID, error);
        }
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Optional<ServerPowerModel> model() {
        return model;
    }

    @Override
    public String error() {
        return error;
    }
}
