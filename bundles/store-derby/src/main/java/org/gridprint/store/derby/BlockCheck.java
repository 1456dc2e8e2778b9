package org.gridprint.store.derby;

/** The metadata a READING_BLOCK row keeps for speed, checked against the payload it describes. */
final class BlockCheck {

    private BlockCheck() {
    }

    /** What in FIRST_TS/LAST_TS contradicts the payload, or null. */
    static String rangeProblem(long firstTs, long lastTs, Run run) {
        if (run.size == 0) {
            return "the payload holds no reading";
        }
        for (int i = 1; i < run.size; i++) {
            if (run.ts[i] <= run.ts[i - 1]) {
                return "payload record " + i + " (timestamp " + run.ts[i] + ") is not after record " + (i - 1)
                        + " (" + run.ts[i - 1] + ")";
            }
        }
        if (firstTs != run.ts[0] || lastTs != run.ts[run.size - 1]) {
            return "FIRST_TS..LAST_TS " + firstTs + ".." + lastTs + " contradict the payload, which holds "
                    + run.ts[0] + ".." + run.ts[run.size - 1];
        }
        return null;
    }

    /** What in any metadata column contradicts the payload, or null. */
    static String problem(long firstTs, long lastTs, int count, long minBatch, long maxBatch, Run run) {
        var range = rangeProblem(firstTs, lastTs, run);
        if (range != null) {
            return range;
        }
        if (count != run.size) {
            return "READING_COUNT " + count + " but the payload holds " + run.size + " readings";
        }
        long min = run.minBatch(0, run.size);
        long max = run.maxBatch(0, run.size);
        if (minBatch != min || maxBatch != max) {
            return "MIN_BATCH_ID..MAX_BATCH_ID " + minBatch + ".." + maxBatch + " but the payload's readings are of "
                    + "batches " + min + ".." + max;
        }
        return null;
    }
}
