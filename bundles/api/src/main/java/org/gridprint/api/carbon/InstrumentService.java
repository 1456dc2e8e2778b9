package org.gridprint.api.carbon;

import java.math.BigDecimal;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Market-based instruments and offsets registers. An instrument's MWh are applied once: never to two meters, sites
 * or periods; a certificate outside the consumption period's vintage rule or market is refused with a reason.
 *
 * @since 1.2.0
 */
@ProviderType
public interface InstrumentService {

    /** Registers an instrument (idempotent on id with the same content; a different content under the id is refused). */
    Instrument register(Instrument instrument);

    List<Instrument> instruments();

    /** MWh not yet applied. */
    BigDecimal remainingMwh(String instrumentId);

    Offset registerOffset(Offset offset);

    List<Offset> offsets();
}
