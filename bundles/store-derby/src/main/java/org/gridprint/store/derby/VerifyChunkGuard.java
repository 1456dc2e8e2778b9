package org.gridprint.store.derby;

import java.util.concurrent.Callable;

/**
 * Runs one chunk of a verify with a stable set of block and WAL rows: it holds the read side of the flush lock, so
 * no flush commits while the chunk runs (appends go on; only the background flush waits). Keep chunks short: a flush
 * waiting behind a chunk lets the memtable grow.
 */
@FunctionalInterface
interface VerifyChunkGuard {

    <T> T run(Callable<T> chunk) throws Exception;
}
