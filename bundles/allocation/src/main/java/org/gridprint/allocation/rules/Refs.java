package org.gridprint.allocation.rules;

import java.util.ArrayList;
import java.util.TreeSet;

/**
 * Register refs (factor versions, instruments) as compact text: sorted, consecutive refs as ranges
 * ({@code 12-731, 900}), so that a month of hourly intensity values stays a short line.
 */
final class Refs {

    private Refs() {
    }

    static String text(java.util.Set<Long> set) {
        var refs = new TreeSet<Long>(set);
        var out = new ArrayList<String>();
        long first = -1;
        long last = -1;
        for (long r : refs) {
            if (first < 0) {
                first = r;
            } else if (r != last + 1) {
                out.add(first == last ? Long.toString(first) : first + "-" + last);
                first = r;
            }
            last = r;
        }
        if (first >= 0) {
            out.add(first == last ? Long.toString(first) : first + "-" + last);
        }
        return String.join(", ", out);
    }

    static TreeSet<Long> parse(String text) {
        var out = new TreeSet<Long>();
        if (text == null || text.isBlank()) {
            return out;
        }
        for (var part : text.split(",")) {
            var p = part.trim();
            int dash = p.indexOf('-');
            if (dash > 0) {
                long a = Long.parseLong(p.substring(0, dash));
                long b = Long.parseLong(p.substring(dash + 1));
                for (long r = a; r <= b; r++) {
                    out.add(r);
                }
            } else {
                out.add(Long.parseLong(p));
            }
        }
        return out;
    }

}
