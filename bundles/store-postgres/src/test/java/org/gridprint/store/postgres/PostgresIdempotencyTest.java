package org.gridprint.store.postgres;

import java.nio.file.Path;

import org.gridprint.store.contract.IdempotencyContract;
import org.gridprint.store.contract.StoreHarness;

class PostgresIdempotencyTest extends IdempotencyContract {

    @Override
    protected StoreHarness createHarness(Path dir) {
        return new PostgresHarness(getClass(), dir);
    }
}
