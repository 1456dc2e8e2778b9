package org.gridprint.api.allocation;

import java.io.Reader;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Utility bills (ledgered register; a corrected bill is a new version with a reason) and meter log files (UPS/PDU CSV
 * exports) imported as readings through the ingest service, idempotently: importing a file twice stores nothing the
 * second time.
 */
@ProviderType
public interface UtilityBillService {

    SubmitReport submitBills(List<UtilityBill> bills, String reason);

    /** Header {@code site,account,supplier,from,to,kwh,cost,currency}; bad lines refused by number. */
    SubmitReport submitBillsCsv(String fileName, Reader csv, String reason);

    List<UtilityBill> bills(String siteId);

    /**
     * Imports a UPS/PDU log (CSV: {@code meter,timestamp,quantity,value[,unit]} or a device format named by
     * {@code format}) as readings; each line's outcome is counted, bad lines refused by number.
     */
    SubmitReport importMeterLog(String fileName, String format, Reader csv);
}
