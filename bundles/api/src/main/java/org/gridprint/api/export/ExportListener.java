package org.gridprint.api.export;

/**
 * Progress of a running export. An export is cancelled by interrupting the thread that runs it (Ctrl-C in the
 * console): it then throws {@link java.util.concurrent.CancellationException}, leaves no file under the target name
 * and leaves the store working.
 *
 * @since 1.1.0
 */
@FunctionalInterface
public interface ExportListener {

    ExportListener NONE = (rows, meters, metersTotal) -> {
    };

    /**
     * Called now and then (at most a few times a second) while rows are written.
     *
     * @param rows        rows written so far
     * @param meters      meters done so far
     * @param metersTotal meters to export
     */
    void progress(long rows, int meters, int metersTotal);
}
