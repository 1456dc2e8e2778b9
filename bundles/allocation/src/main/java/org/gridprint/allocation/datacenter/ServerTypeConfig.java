package org.gridprint.allocation.datacenter;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Factory PID {@code org.gridprint.allocation.servertype}: one configuration per server type. */
@ObjectClassDefinition(id = ServerTypeParser.PID, name = "Gridprint server type (power model)",
        description = "Power drawn by a server type at a utilisation, for estimated tenant IT energy")
public @interface ServerTypeConfig {

    @AttributeDefinition(name = "Id", description = "The server type's id, named by a data center's servers field")
    String id();

    @AttributeDefinition(name = "Idle watts", description = "Power at 0 % utilisation, W")
    String idleWatts();

    @AttributeDefinition(name = "Max watts", description = "Power at 100 % utilisation, W")
    String maxWatts();

    @AttributeDefinition(name = "Load levels", required = false,
            description = "Optional table utilisation%:watts, ... from 0 to 100 (e.g. 0:120, 50:260, 100:410);"
                    + " empty: linear between idle and max")
    String loadLevels() default "";

    @AttributeDefinition(name = "Source", required = false,
            description = "Where the figures come from (SPECpower result, datasheet, measurement)")
    String source() default "";
}
