package org.gridprint.api.driver;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executor;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Runs poll tasks on wall-clock slots: the multiples of the period since the epoch (period 15 min: …:00, …:15,
 * …:30, …:45 UTC). A task is handed to its own {@link Executor} (e.g. the one thread of a field-bus bridge) once
 * per slot; while a run of the task is queued or running, later slots of that task are skipped, never caught up
 * in a burst.
 */
@ProviderType
public interface PollScheduler {

    /** One poll, stamped with its slot. Must not block forever; exceptions are logged and the schedule goes on. */
    @FunctionalInterface
    interface SlotTask {
        void poll(Instant slot);
    }

    /** A scheduled task; {@link #cancel()} drops its future slots (a run in progress is not interrupted). */
    interface Registration extends AutoCloseable {
        void cancel();

        /** Slots skipped because the previous run of this task had not ended. */
        long skippedSlots();

        @Override
        default void close() {
            cancel();
        }
    }

    /**
     * Schedules {@code task} on every slot of {@code period} from the next one on, run by {@code executor}.
     *
     * @param name for logs, e.g. {@code modbus/panel-3}
     */
    Registration schedule(String name, Duration period, Executor executor, SlotTask task);
}
