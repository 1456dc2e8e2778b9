package org.gridprint.carbon.market;

import java.util.List;

/** Instruments registered from CSV files (bundle-private service). */
public interface InstrumentFiles {

    /** What one scan did: files read (changed since the last scan), rows registered or already held, problems. */
    record Scan(int filesRead, int rowsRegistered, List<String> problems) {
        public Scan {
            problems = List.copyOf(problems);
        }
    }

    /** Reads the files changed since the last scan and registers their instruments. */
    Scan scan();
}
