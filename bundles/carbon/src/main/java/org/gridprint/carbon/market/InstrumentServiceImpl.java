package org.gridprint.carbon.market;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.gridprint.api.carbon.Instrument;
import org.gridprint.api.carbon.InstrumentService;
import org.gridprint.api.carbon.Offset;
import org.gridprint.api.store.RecordRegister;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The instruments (register {@code instrument}, key = instrument id) and offsets (register {@code offset}, key =
 * serial) registers. Both are ledgered by the store; an entry is never changed: the same content again is a no-op, a
 * different content under a registered id is refused (a correction is a new instrument id). Remaining quantities
 * come from the draws in register {@code instrument-use} ({@link InstrumentDraws}).
 */
@Component(service = InstrumentService.class, immediate = true)
public class InstrumentServiceImpl implements InstrumentService {

    public static final String OFFSETS = "offset";
    private static final Logger LOG = LoggerFactory.getLogger(InstrumentServiceImpl.class);

    private final RecordRegister register;

    @Activate
    public InstrumentServiceImpl(@Reference RecordRegister register) {
        this.register = register;
    }

    @Override
    public Instrument register(Instrument instrument) {
        var valid = InstrumentText.validate(instrument);
        var text = InstrumentText.format(valid);
        var stored = register.putIfVersion(MarketPricingImpl.INSTRUMENTS, valid.id(), text, "registered", 0);
        if (stored.isEmpty()) {
            var current = register.get(MarketPricingImpl.INSTRUMENTS, valid.id());
            if (current.isEmpty() || !current.get().text().equals(text)) {
                throw new IllegalArgumentException("instrument '" + valid.id() + "' is already registered with"
                        + " different content; registered instruments are never changed (register a corrected one"
                        + " under a new id)" + current.map(r -> ": registered " + oneLine(r.text())).orElse(""));
            }
        }
        LOG.info("instrument '{}' registered: {} {} MWh, vintage {} .. {}, market {}", valid.id(), valid.type(),
                InstrumentText.plain(valid.mwh()), valid.vintageFrom(), valid.vintageTo(), valid.market());
        return valid;
    }

    @Override
    public List<Instrument> instruments() {
        var out = new ArrayList<Instrument>();
        for (var r : register.list(MarketPricingImpl.INSTRUMENTS)) {
            out.add(InstrumentText.parseInstrument(r.text(), r.key()));
        }
        out.sort(Comparator.comparing(Instrument::id));
        return out;
    }

    @Override
    public BigDecimal remainingMwh(String instrumentId) {
        var r = register.get(MarketPricingImpl.INSTRUMENTS, instrumentId).orElseThrow(() ->
                new IllegalArgumentException("instrument '" + instrumentId + "' is not registered"));
        var in = InstrumentText.parseInstrument(r.text(), r.key());
        long left = InstrumentDraws.capacityNano(in.mwh()) - new InstrumentDraws(register).drawnNano(instrumentId);
        return InstrumentDraws.mwh(Math.max(0, left));
    }

    @Override
    public Offset registerOffset(Offset offset) {
        var valid = InstrumentText.validate(offset);
        var text = InstrumentText.format(valid);
        var stored = register.putIfVersion(OFFSETS, valid.serial(), text, "registered", 0);
        if (stored.isEmpty()) {
            var current = register.get(OFFSETS, valid.serial());
            if (current.isEmpty() || !current.get().text().equals(text)) {
                throw new IllegalArgumentException("offset '" + valid.serial() + "' is already registered with"
                        + " different content; registered offsets are never changed"
                        + current.map(r -> ": registered " + oneLine(r.text())).orElse(""));
            }
        }
        LOG.info("offset '{}' registered: {} t CO2e ({}), retired {} as {}", valid.serial(),
                InstrumentText.plain(valid.tonnesCo2e()), valid.standard(), valid.retiredOn(), valid.retirementId());
        return valid;
    }

    @Override
    public List<Offset> offsets() {
        var out = new ArrayList<Offset>();
        for (var r : register.list(OFFSETS)) {
            out.add(InstrumentText.parseOffset(r.text(), r.key()));
        }
        out.sort(Comparator.comparing(Offset::serial));
        return out;
    }

    private static String oneLine(String text) {
        return text.strip().replace('\n', ' ');
    }
}
