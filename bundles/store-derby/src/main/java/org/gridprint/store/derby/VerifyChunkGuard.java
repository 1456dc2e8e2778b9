package org.gridprint.store.derby;

import java.util.concurrent.Callable;

/**
 * Runs one chunk of a verify (one flush window, or the entries still in the write-ahead log). The store decides
 * what a chunk must not overlap with: e.g. holding a flush lock, so that a chunk sees a stable set of block and WAL
 * rows while ingest goes on. {@link #DIRECT} runs it as it is.
 */
interface VerifyChunkGuard {

    VerifyChunkGuard DIRECT = new VerifyChunkGuard() {
        @Override
        public <T> T run(Callable<T> chunk) throws Exception {
            return chunk.call();
        }
    };

    <T> T run(Callable<T> chunk) throws Exception;
}
