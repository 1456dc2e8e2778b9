package org.gridprint.store.derby.contract;

import java.nio.file.Path;

import org.gridprint.store.contract.WindowStoreContract;
import org.gridprint.store.contract.StoreHarness;
import org.gridprint.store.derby.DerbyHarness;

class DerbyWindowStoreContractTest extends WindowStoreContract {

    @Override
    protected StoreHarness createHarness(Path dir) {
        return new DerbyHarness(dir);
    }
}
