package org.gridprint.carbon.window;

/**
 * Receives the closed windows of a {@link WindowSplitter}, in time order, as primitives (no allocation per window).
 */
@FunctionalInterface
public interface WindowConsumer {

    /**
     * One closed window {@code [startMs, endMs)}.
     *
     * @param amountNano     energy (or volume) that fell into the window, in 10^-9 of the canonical unit, >= 0
     * @param flags          bit set of {@link org.gridprint.api.carbon.WindowFlag} ordinals
     *                       ({@link WindowSplitter#GAP_SPANNED}, {@link WindowSplitter#SUSPECT_SPIKE},
     *                       {@link WindowSplitter#ROLLOVER}, {@link WindowSplitter#COUNTER_RESET})
     * @param quality        worst {@link org.gridprint.api.Quality} ordinal of the intervals behind the window
     * @param firstReadingMs the earliest reading used (at or before {@code startMs} unless the series starts inside)
     * @param lastReadingMs  the latest reading used (at or after {@code endMs})
     */
    void window(long startMs, long endMs, long amountNano, int flags, int quality, long firstReadingMs,
            long lastReadingMs);
}
