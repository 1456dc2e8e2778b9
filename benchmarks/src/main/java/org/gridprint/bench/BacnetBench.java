package org.gridprint.bench;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.gridprint.api.IngestOutcome;
import org.gridprint.api.IngestResult;
import org.gridprint.api.IngestService;
import org.gridprint.driver.bacnet.BacnetDevice;
import org.gridprint.driver.bacnet.BacnetDriver;
import org.gridprint.driver.bacnet.BacnetStack;
import org.gridprint.driver.bacnet.CycleOutcome;
import org.gridprint.driver.bacnet.ObjectRef;
import org.gridprint.driver.bacnet.config.DeviceConfigParser;
import org.gridprint.driver.bacnet.config.ProfileLoader;
import org.gridprint.driver.bacnet.config.StackConfigParser;

import com.serotonin.bacnet4j.LocalDevice;
import com.serotonin.bacnet4j.npdu.ip.IpNetworkBuilder;
import com.serotonin.bacnet4j.obj.AnalogInputObject;
import com.serotonin.bacnet4j.transport.DefaultTransport;
import com.serotonin.bacnet4j.type.enumerated.EngineeringUnits;
import com.serotonin.bacnet4j.type.enumerated.ObjectType;
import com.serotonin.bacnet4j.type.enumerated.PropertyIdentifier;
import com.serotonin.bacnet4j.type.primitive.ObjectIdentifier;
import com.serotonin.bacnet4j.type.primitive.Real;

/**
 * Points read per second from one simulated BACnet device with 1,000 analog inputs (a bacnet4j LocalDevice on
 * 127.0.0.2), by the driver's ReadPropertyMultiple cycle versus one ReadProperty per point, and COV notifications
 * handled per second. Loopback only: the peer's broadcasts go to 127.0.0.1, the driver's to 127.0.0.2.
 *
 * <pre>java -cp ... org.gridprint.bench.BacnetBench [--objects 1000 --cycles 20 --batch 50,200,1000 --single-rounds 3 --cov-rounds 5 --port 47960]</pre>
 */
public final class BacnetBench {

    public static void main(String[] args) throws Exception {
        var opt = new HashMap<String, String>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            opt.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        int objects = Integer.parseInt(opt.getOrDefault("objects", "1000"));
        int cycles = Integer.parseInt(opt.getOrDefault("cycles", "20"));
        int singleRounds = Integer.parseInt(opt.getOrDefault("single-rounds", "3"));
        int covRounds = Integer.parseInt(opt.getOrDefault("cov-rounds", "5"));
        int port = Integer.parseInt(opt.getOrDefault("port", "47960"));
        var batches = opt.getOrDefault("batch", "50,200,1000").split(",");

        var net = new IpNetworkBuilder().withLocalBindAddress("127.0.0.2").withBroadcast("127.0.0.1", 32)
                .withPort(port).build();
        var peer = new LocalDevice(1001, new DefaultTransport(net));
        peer.initialize();
        for (int i = 0; i < objects; i++) {
            new AnalogInputObject(peer, i, "ai" + i, i, EngineeringUnits.kilowatts, false).supportCovReporting(0f);
        }
        var driver = new BacnetDriver(Clock.systemUTC());
        driver.open(new ProfileLoader(null, BacnetDriver.class.getClassLoader()));
        var stack = StackConfigParser.parse(Map.of("id", "bench", "bindAddress", "127.0.0.1", "port",
                String.valueOf(port), "broadcastAddress", "127.0.0.2", "broadcastPrefix", "32",
                "localDeviceInstance", "4194000", "timeoutMillis", "3000"));
        var err = driver.defineStack(stack.settings());
        if (err != null) {
            throw new IllegalStateException(err);
        }
        var counted = new AtomicLong();
        IngestService ingest = (source, batch) -> {
            counted.addAndGet(batch.size());
            return new IngestResult(batch.stream().<IngestOutcome>map(IngestOutcome.Accepted::new).toList(),
                    Optional.empty());
        };
        var points = new StringBuilder();
        for (int i = 0; i < objects; i++) {
            points.append(i == 0 ? "" : ",").append("meter=bench/p").append(i)
                    .append(";quantity=ACTIVE_POWER;object=ai:").append(i).append(";unit=kW");
        }
        System.out.printf("BACnet bench: %d analog inputs on 127.0.0.2:%d, driver on 127.0.0.1:%d, Java %s, %d cores%n",
                objects, port, port, System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
        System.out.println("| mode | properties per request | requests per cycle | cycles | points | seconds | points/s |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (var b : batches) {
            var device = device(driver, "rpm-" + b, points, b, "none", ingest);
            device.pollOnce(); // warm-up: the device lookup and nothing else differs
            for (int w = 0; w < 3; w++) {
                device.pollOnce();
            }
            counted.set(0);
            long t0 = System.nanoTime();
            int requests = 0;
            for (int c = 0; c < cycles; c++) {
                var out = (CycleOutcome.Polled) device.pollOnce();
                if (!out.failures().isEmpty()) {
                    throw new IllegalStateException(out.failures().toString());
                }
                requests = out.requests();
            }
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf("| ReadPropertyMultiple (driver cycle) | %s | %d | %d | %d | %.3f | %.0f |%n", b,
                    requests, cycles, counted.get(), s, counted.get() / s);
            device.stop();
            driver.release(device);
        }
        // single reads: one ReadProperty per point, the same 1,000 points
        var st = driver.stack("bench").orElseThrow();
        var rd = st.remote(1001, Optional.empty(), Duration.ofSeconds(3));
        var requests = new ArrayList<BacnetStack.Request>();
        for (int i = 0; i < objects; i++) {
            requests.add(new BacnetStack.Request(new ObjectRef(ObjectType.analogInput, i), PropertyIdentifier.presentValue));
        }
        for (var r : requests.subList(0, Math.min(100, objects))) {
            st.readOne(rd, r); // warm-up
        }
        long t0 = System.nanoTime();
        long n = 0;
        for (int round = 0; round < singleRounds; round++) {
            for (var r : requests) {
                st.readOne(rd, r);
                n++;
            }
        }
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf("| ReadProperty, one per point | 1 | %d | %d | %d | %.3f | %.0f |%n", objects, singleRounds, n,
                s, n / s);

        // COV: every object subscribed, then each round changes every present value once
        System.out.println();
        System.out.println("| COV notifications | changes made | handled | seconds to the last one | notifications/s |");
        System.out.println("|---|---|---|---|---|");
        for (var mode : List.of("unconfirmed", "confirmed")) {
            var cov = device(driver, "cov-" + mode, points, "200", mode, ingest);
            cov.pollOnce();
            quiet(cov::covNotifications, 20_000); // the initial notification of each subscription
            long before = cov.covNotifications();
            long expected = (long) objects * covRounds;
            t0 = System.nanoTime();
            for (int round = 1; round <= covRounds; round++) {
                for (int i = 0; i < objects; i++) {
                    peer.getObject(new ObjectIdentifier(ObjectType.analogInput, i)).writePropertyInternal(
                            PropertyIdentifier.presentValue, new Real(i + round * 0.5f + (mode.equals("confirmed") ? 0.25f : 0)));
                }
            }
            long last = quiet(cov::covNotifications, 60_000);
            s = (last - t0) / 1e9;
            long got = cov.covNotifications() - before;
            System.out.printf("| %s, %d subscriptions, %d rounds | %d | %d | %.3f | %.0f |%n", mode,
                    cov.covSubscribed(), covRounds, expected, got, s, got / s);
            cov.stop();
            driver.release(cov);
        }
        driver.close();
        peer.terminate();
    }

    private static BacnetDevice device(BacnetDriver driver, String id, CharSequence points, String batch, String cov,
            IngestService ingest) {
        var props = new HashMap<String, Object>(Map.of("service.pid", "bench~" + id, "id", id, "stack", "bench",
                "deviceInstance", "1001", "points", points.toString(), "maxReadsPerRequest", batch, "cov", cov,
                "covLifetimeSeconds", "600", "pollIntervalSeconds", "60"));
        return driver.device(DeviceConfigParser.parse(props, driver.profiles()), () -> ingest, a -> { });
    }

    /** Waits until {@code count} has not grown for 2 s (at most {@code maxMillis}); returns when it last grew (nanoTime). */
    private static long quiet(java.util.function.LongSupplier count, long maxMillis) throws InterruptedException {
        long until = System.currentTimeMillis() + maxMillis;
        long seen = count.getAsLong();
        long lastGrowth = System.nanoTime();
        while (System.currentTimeMillis() < until && System.nanoTime() - lastGrowth < 2_000_000_000L) {
            Thread.sleep(5);
            long now = count.getAsLong();
            if (now != seen) {
                seen = now;
                lastGrowth = System.nanoTime();
            }
        }
        return lastGrowth;
    }

    private BacnetBench() {
    }
}
