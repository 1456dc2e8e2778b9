package org.gridprint.carbon.market;

import org.gridprint.api.carbon.Instrument;

/** A registered instrument that concerns a site: the instrument, its register ref and its quantity in nano-kWh. */
record Candidate(Instrument instrument, long ref, long capacityNano) {

    String id() {
        return instrument.id();
    }
}
