package org.gridprint.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.regex.Pattern;

import org.gridprint.api.Meter;
import org.gridprint.api.store.EmissionWindowStore;
import org.gridprint.api.store.RecordRegister;
import org.gridprint.store.derby.DerbyStore;
import org.gridprint.store.derby.StoreOptions;

/**
 * A store for CarbonBench's phases (b) and (c): the real Derby store or the real PostgreSQL store (bundles/store-
 * postgres, opened without OSGi as its README describes, in a schema of its own that is dropped at the end), with
 * a way to measure the bytes it holds.
 */
interface CarbonTarget extends AutoCloseable {

    String name();

    EmissionWindowStore windows();

    RecordRegister register();

    void registerMeter(Meter meter);

    /** Closes cleanly and opens again (the next query is a cold one). */
    void reopen();

    /** Bytes held: Derby's database directory after a clean close; PostgreSQL's relations of the schema. */
    long bytes();

    @Override
    void close();

    /** Derby in {@code dir} (created). */
    static CarbonTarget derby(Path dir) {
        return new CarbonTarget() {
            private DerbyStore store = DerbyStore.open(dir, Clock.systemUTC(), StoreOptions.defaults());

            @Override
            public String name() {
                return "Derby " + dir;
            }

            @Override
            public EmissionWindowStore windows() {
                return store;
            }

            @Override
            public RecordRegister register() {
                return store;
            }

            @Override
            public void registerMeter(Meter meter) {
                store.registerMeter(meter);
            }

            @Override
            public void reopen() {
                store.close();
                store = DerbyStore.open(dir, Clock.systemUTC(), StoreOptions.defaults());
            }

            @Override
            public long bytes() {
                store.close(); // a clean close: what is on disk is the database, not pending pages
                long size;
                try (var files = Files.walk(dir)) {
                    size = files.filter(Files::isRegularFile).mapToLong(p -> {
                        try {
                            return Files.size(p);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }).sum();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                store = DerbyStore.open(dir, Clock.systemUTC(), StoreOptions.defaults());
                return size;
            }

            @Override
            public void close() {
                store.close();
            }
        };
    }

    /** PostgreSQL at {@code url} (jdbc:postgresql://127.0.0.1:PORT/db?user=postgres), schema gridprint_carbon. */
    static CarbonTarget postgres(String url, Path anchors) throws Exception {
        var schema = "gridprint_carbon";
        var probe = new PgServerProbe(url);
        if (probe.schemaExists(schema)) {
            probe.close();
            throw new SQLException("schema " + schema + " exists (left by an interrupted run? then DROP SCHEMA " + schema
                    + " CASCADE)");
        }
        Files.createDirectories(anchors);
        return new CarbonTarget() {
            private Object store = open(url, anchors, schema);

            @Override
            public String name() {
                return "PostgreSQL " + url.replaceAll("[?&]password=[^&]*", "");
            }

            @Override
            public EmissionWindowStore windows() {
                return (EmissionWindowStore) store;
            }

            @Override
            public RecordRegister register() {
                return (RecordRegister) store;
            }

            @Override
            public void registerMeter(Meter meter) {
                ((org.gridprint.api.store.ReadingStore) store).registerMeter(meter);
            }

            @Override
            public void reopen() {
                closeStore();
                try {
                    store = open(url, anchors, schema);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public long bytes() {
                return probe.single("SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0)::bigint FROM pg_class c"
                        + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = '" + schema + "'"
                        + " AND c.relkind IN ('r', 'm')");
            }

            private void closeStore() {
                try {
                    ((AutoCloseable) store).close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public void close() {
                closeStore();
                try {
                    probe.dropSchema(schema);
                    probe.close();
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }
        };
    }

    private static Object open(String url, Path anchors, String schema) throws Exception {
        var user = Pattern.compile("[?&]user=([^&]*)").matcher(url);
        var password = Pattern.compile("[?&]password=([^&]*)").matcher(url);
        var plainUrl = url.replaceAll("[?&](user|password)=[^&]*", "").replaceFirst("^([^?]*)&", "$1?");
        var pkg = "org.gridprint.store.postgres.";
        var optionsType = Class.forName(pkg + "PostgresOptions");
        var sinkType = Class.forName(pkg + "AlarmSink");
        try {
            var options = optionsType.getMethod("of", String.class, String.class, String.class, Path.class)
                    .invoke(null, plainUrl, user.find() ? user.group(1) : "postgres",
                            password.find() ? password.group(1) : "", anchors);
            options = optionsType.getMethod("withSchema", String.class).invoke(options, schema);
            return Class.forName(pkg + "PostgresStore").getMethod("open", optionsType, Clock.class, sinkType)
                    .invoke(null, options, Clock.systemUTC(), sinkType.getField("NONE").get(null));
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }
}
