package org.gridprint.driver.bacnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.gridprint.driver.bacnet.config.ProfileLoader;
import org.gridprint.driver.bacnet.config.StackConfigParser;
import org.junit.jupiter.api.Test;

import com.serotonin.bacnet4j.LocalDevice;
import com.serotonin.bacnet4j.npdu.ip.IpNetwork;
import com.serotonin.bacnet4j.npdu.ip.IpNetworkBuilder;
import com.serotonin.bacnet4j.transport.DefaultTransport;

/**
 * Foreign-device registration with a real BBMD: a bacnet4j device on 127.0.0.4:47920 with its BBMD function
 * enabled; the driver's stack on 127.0.0.1:47920 registers with it (bacnet4j re-registers every max(15, TTL - 30)
 * seconds). A stack whose BBMD does not answer still opens, raises one alarm and retries.
 */
class ForeignDeviceTest {

    static final int PORT = 47920;

    @Test
    void registersWithABbmdAndReachesItsDeviceByAddress() throws Exception {
        // the registrations that must succeed get a 3 s answer timeout: on a loaded 2-core build machine a 500 ms
        // one was seen to expire before the BBMD's answer was handled (the unanswered BBMD below keeps 500 ms)
        var net = (IpNetwork) new IpNetworkBuilder().withLocalBindAddress("127.0.0.4").withBroadcast("127.0.0.1", 32)
                .withPort(PORT).build();
        var bbmd = new LocalDevice(2001, new DefaultTransport(net));
        bbmd.initialize();
        net.enableBBMD();
        var driver = new BacnetDriver(Clock.systemUTC());
        driver.open(new ProfileLoader(null, BacnetDriver.class.getClassLoader()));
        try {
            var stack = StackConfigParser.parse(Map.of("id", "fd", "bindAddress", "127.0.0.1", "port",
                    String.valueOf(PORT), "localDeviceInstance", "4194002", "bbmdAddress", "127.0.0.4:" + PORT,
                    "foreignTtlSeconds", "60", "timeoutMillis", "3000"));
            assertEquals(null, driver.defineStack(stack.settings()));
            var s = driver.stack("fd").orElseThrow();
            assertTrue(s.foreignRegistration().startsWith("registered with BBMD 127.0.0.4:" + PORT + " (TTL 60 s"),
                    s.foreignRegistration());
            // the default broadcast stays on the machine
            assertEquals("127.255.255.255", s.settings().broadcastAddress());
            var found = driver.discover("fd", 2001, 2001, Optional.of("127.0.0.4:" + PORT), Duration.ofMillis(500));
            assertEquals(1, found.size(), found.toString());
            // renewal: with TTL 30 the stack re-registers every max(15, 30 - 30) = 15 s; the BBMD hears from it
            // again within a bounded 25 s although the driver sends nothing else
            var renewing = StackConfigParser.parse(Map.of("id", "fd-renew", "bindAddress", "127.0.0.1", "port",
                    String.valueOf(PORT + 2), "localDeviceInstance", "4194004", "bbmdAddress", "127.0.0.4:" + PORT,
                    "foreignTtlSeconds", "30", "timeoutMillis", "3000"));
            assertEquals(null, driver.defineStack(renewing.settings()));
            assertTrue(driver.stack("fd-renew").orElseThrow().foreignRegistration().contains("renewed every 15 s"));
            driver.undefineStack("fd", "org.gridprint.driver.bacnet.stack"); // only fd-renew talks to the BBMD now
            Thread.sleep(300);
            long before = net.getBytesIn();
            long until = System.currentTimeMillis() + 25_000;
            while (net.getBytesIn() == before && System.currentTimeMillis() < until) {
                Thread.sleep(200);
            }
            assertTrue(net.getBytesIn() > before, "no re-registration reached the BBMD within 25 s");
            var nowhere = StackConfigParser.parse(Map.of("id", "fd2", "bindAddress", "127.0.0.1", "port",
                    String.valueOf(PORT + 1), "localDeviceInstance", "4194003", "bbmdAddress", "127.0.0.5:" + (PORT + 1),
                    "timeoutMillis", "500"));
            assertEquals(null, driver.defineStack(nowhere.settings()));
            var failed = driver.stack("fd2").orElseThrow();
            assertTrue(failed.isOpen());
            assertTrue(failed.foreignRegistration().startsWith("registration with BBMD 127.0.0.5:" + (PORT + 1)
                    + " failed"), failed.foreignRegistration());
            assertEquals(1, failed.activeAlarms().size());
            assertEquals(org.gridprint.api.AlarmKind.DEVICE_ERROR, failed.activeAlarms().get(0).kind());
        } finally {
            driver.close();
            bbmd.terminate();
        }
    }
}
