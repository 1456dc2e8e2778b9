package org.gridprint.bench;

import java.nio.file.Path;

/** Phases (b) and (c) of CarbonBench: written once the Derby window store is available (wstore branch). */
final class CarbonStoreRun {

    private CarbonStoreRun() {
    }

    static void run(int meters, int sites, Path dir) {
        throw new UnsupportedOperationException("phase store: not available yet");
    }
}
