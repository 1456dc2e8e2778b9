package org.gridprint.ledger;

import java.util.List;
import java.util.Set;

import org.gridprint.api.Quality;
import org.gridprint.api.carbon.WindowFlag;

/**
 * The pre-summed columns a store keeps beside a window block so that totals over whole blocks need no decoding.
 * Derived data: verify recomputes it from the payload and names the block when it differs.
 *
 * @param windows         windows in the block
 * @param countedWindows  windows counted in totals ({@link org.gridprint.api.carbon.EmissionWindow#counted()})
 * @param amountNano      sum of the counted windows' amounts
 * @param co2eMicrograms  sum of the counted windows' CO2e
 * @param flagBits        union of all windows' flags as a bit set ({@link WindowBlockCodec#flagBits})
 * @param worstQuality    worst quality of all windows (ordinal)
 * @param siteId          the site when all windows name the same one, else null (mixed: decode for SITE totals)
 * @param firstStart      smallest start, epoch ms
 * @param lastStart       greatest start, epoch ms
 */
public record BlockSummary(int windows, int countedWindows, long amountNano, long co2eMicrograms, int flagBits,
        int worstQuality, String siteId, long firstStart, long lastStart) {

    /** Summarizes the windows of a block (non-empty). */
    public static BlockSummary of(List<StoredWindow> block) {
        if (block.isEmpty()) {
            throw new IllegalArgumentException("a window block holds at least one window");
        }
        int counted = 0;
        long amount = 0;
        long co2e = 0;
        int bits = 0;
        int worst = 0;
        String site = block.get(0).window().siteId();
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (var s : block) {
            var w = s.window();
            if (w.counted()) {
                counted++;
                amount = Math.addExact(amount, w.amountNano());
                co2e = Math.addExact(co2e, w.co2eMicrograms());
            }
            bits |= WindowBlockCodec.flagBits(w.flags());
            worst = Math.max(worst, w.quality().ordinal());
            if (site != null && !site.equals(w.siteId())) {
                site = null;
            }
            long start = w.start().toEpochMilli();
            first = Math.min(first, start);
            last = Math.max(last, start);
        }
        return new BlockSummary(block.size(), counted, amount, co2e, bits, worst, site, first, last);
    }

    public Set<WindowFlag> flags() {
        return WindowBlockCodec.flags(flagBits);
    }

    public Quality quality() {
        return Quality.values()[worstQuality];
    }
}
