package org.gridprint.driver.bacnet;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Metatype of a stack (factory PID {@code org.gridprint.driver.bacnet.stack}); parsed by StackConfigParser. */
@ObjectClassDefinition(name = "Gridprint BACnet/IP stack",
        description = "One local BACnet/IP endpoint (UDP address and port) shared by the BACnet devices that name it.")
public @interface StackConfig {

    @AttributeDefinition(name = "Stack id", description = "Devices name it with stack = <id>")
    String id();

    @AttributeDefinition(name = "Bind address", description = "Local IPv4 address of the UDP socket; 0.0.0.0 = all "
            + "interfaces (needed to receive broadcasts)")
    String bindAddress() default "0.0.0.0";

    @AttributeDefinition(name = "Port", min = "1", max = "65535")
    int port() default 47808;

    @AttributeDefinition(name = "Broadcast address", description = "Where Who-Is goes: the site subnet's broadcast, "
            + "e.g. 192.168.10.255. The default stays on this machine; 255.255.255.255 only when set here")
    String broadcastAddress() default "127.255.255.255";

    @AttributeDefinition(name = "Broadcast prefix", description = "Subnet prefix length of the broadcast address", min = "0", max = "32")
    int broadcastPrefix() default 8;

    @AttributeDefinition(name = "Local device instance", description = "Gridprint's own device instance, unique on the network", min = "0", max = "4194302")
    int localDeviceInstance();

    @AttributeDefinition(name = "BBMD", required = false, description = "host:port of a BBMD to register with as a foreign device")
    String bbmdAddress();

    @AttributeDefinition(name = "Foreign registration TTL (s)", min = "30", max = "65535")
    int foreignTtlSeconds() default 300;

    @AttributeDefinition(name = "APDU timeout (ms)", min = "100", max = "60000")
    int timeoutMillis() default 3000;

    @AttributeDefinition(name = "APDU retries", min = "0", max = "10")
    int retries() default 1;

    @AttributeDefinition(name = "Segment timeout (ms)", min = "100", max = "60000")
    int segmentTimeoutMillis() default 2000;

    @AttributeDefinition(name = "Segment window", min = "1", max = "127")
    int segmentWindow() default 16;
}
