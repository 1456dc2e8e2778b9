package org.gridprint.store.derby.contract;

import java.nio.file.Path;

import org.gridprint.store.contract.WindowTotalsContract;
import org.gridprint.store.contract.StoreHarness;
import org.gridprint.store.derby.DerbyHarness;

class DerbyWindowTotalsContractTest extends WindowTotalsContract {

    @Override
    protected StoreHarness createHarness(Path dir) {
        return new DerbyHarness(dir);
    }
}
