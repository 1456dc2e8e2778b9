package org.gridprint.driver.modbus;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** One Modbus bridge (factory PID {@code org.gridprint.driver.modbus.bridge}); parsed by {@link BridgeConfigParser}. */
@ObjectClassDefinition(name = "Gridprint Modbus bridge",
        description = "One transport endpoint (TCP, serial RTU, RTU over TCP, UDP) shared by the devices (unit ids) on it")
public @interface BridgeConfig {

    @AttributeDefinition(name = "Bridge id", description = "Referenced by devices as bridge = <id>, e.g. gw-1")
    String id();

    @AttributeDefinition(name = "Type", options = {
            @org.osgi.service.metatype.annotations.Option(label = "Modbus TCP", value = "tcp"),
            @org.osgi.service.metatype.annotations.Option(label = "RTU on a serial line", value = "rtu"),
            @org.osgi.service.metatype.annotations.Option(label = "RTU frames over TCP (serial gateway)", value = "rtu-tcp"),
            @org.osgi.service.metatype.annotations.Option(label = "Modbus UDP", value = "udp") })
    String type() default "tcp";

    @AttributeDefinition(name = "Host", required = false)
    String host();

    @AttributeDefinition(name = "Port", min = "1", max = "65535")
    int port() default 502;

    @AttributeDefinition(name = "Serial port", required = false, description = "e.g. /dev/ttyUSB0")
    String serialPort();

    @AttributeDefinition(name = "Serial settings", required = false, description = "baud data parity stop, e.g. 9600 8E1")
    String serial();

    @AttributeDefinition(name = "Turnaround timeout (ms)", min = "10", max = "60000")
    int timeoutMillis() default 1000;

    @AttributeDefinition(name = "Inter-frame delay (ms)", description = "Silence between transactions; default "
            + "3.5 characters on serial lines, 0 on TCP/UDP", min = "0", max = "10000")
    int interFrameDelayMillis();

    @AttributeDefinition(name = "First reconnect wait (ms)", min = "0")
    int reconnectMinMillis() default 1000;

    @AttributeDefinition(name = "Longest reconnect wait (ms)", min = "0")
    int reconnectMaxMillis() default 60000;
}
