package org.gridprint.store.derby;

import java.util.concurrent.Callable;

/**
 * Runs one chunk of a verify (one flush window, or the entries still in the write-ahead log) with a stable set of
 * block and WAL rows. The store's guard ({@code Session.verifyGuard()}) holds the read side of the flush lock, so no
 * flush (nor a retention roll-up) commits while the chunk runs; appends go on, only the background flush waits. Keep
 * chunks short: a flush waiting behind a chunk lets the memtable grow. {@link #DIRECT} runs a chunk as it is (tests).
 */
@FunctionalInterface
interface VerifyChunkGuard {

    VerifyChunkGuard DIRECT = new VerifyChunkGuard() {
        @Override
        public <T> T run(Callable<T> chunk) throws Exception {
            return chunk.call();
        }
    };

    <T> T run(Callable<T> chunk) throws Exception;
}
