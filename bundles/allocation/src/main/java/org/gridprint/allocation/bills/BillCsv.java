package org.gridprint.allocation.bills;

import java.io.Reader;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.gridprint.api.allocation.ItemError;
import org.gridprint.api.allocation.UtilityBill;

/**
 * Parses a utility bill file: header {@code site,account,supplier,from,to,kwh,cost,currency} (any order; account,
 * supplier, cost and currency may be left out), dates ISO ({@code 2026-11-01}, both inclusive), decimals with '.'.
 */
final class BillCsv {

    static final String HEADER = "site,account,supplier,from,to,kwh,cost,currency";
    /** Most bills in one file. */
    static final int MAX_BILLS = 10_000;

    record NumberedBill(int line, UtilityBill bill) {
    }

    record Parsed(List<NumberedBill> bills, List<ItemError> errors) {
    }

    private BillCsv() {
    }

    static Parsed parse(String fileName, Reader csv) {
        var bills = new ArrayList<NumberedBill>();
        var errors = new ArrayList<ItemError>();
        int[] tooMany = {0};
        var result = CsvLines.read(fileName, csv, Set.of("site", "from", "to", "kwh"), HEADER, null, line -> {
            var item = "line " + line.number();
            if (line.extraValues()) {
                errors.add(new ItemError(line.number(), item, "", "more values than the header has columns; expected "
                        + HEADER));
                return true;
            }
            var from = date(line.get("from"));
            var to = date(line.get("to"));
            var kwh = decimal(line.get("kwh"));
            var costText = line.get("cost");
            var cost = costText.isEmpty() ? BigDecimal.ZERO : decimal(costText);
            if (from == null || to == null) {
                var field = from == null ? "from" : "to";
                errors.add(new ItemError(line.number(), item, field, field + " '" + line.get(field) + "' is not a date;"
                        + " expected an ISO date such as 2026-11-01"));
            } else if (kwh == null) {
                errors.add(new ItemError(line.number(), item, "kwh", "kwh '" + line.get("kwh") + "' is not a number;"
                        + " expected the kWh billed, e.g. 12840 or 12840.5"));
            } else if (cost == null) {
                errors.add(new ItemError(line.number(), item, "cost", "cost '" + costText + "' is not a number;"
                        + " expected the amount billed, e.g. 2318.40"));
            } else if (bills.size() == MAX_BILLS) {
                tooMany[0] = line.number();
                return false;
            } else {
                bills.add(new NumberedBill(line.number(), new UtilityBill(line.get("site"), line.get("account"),
                        line.get("supplier"), from, to, kwh, cost, line.get("currency"))));
            }
            return true;
        });
        if (tooMany[0] > 0) {
            return new Parsed(List.of(), List.of(new ItemError(tooMany[0], "line " + tooMany[0], "", "file " + fileName
                    + " holds more than " + MAX_BILLS + " bills; expected at most " + MAX_BILLS + " per file (split"
                    + " it); nothing of it was stored")));
        }
        var all = new ArrayList<ItemError>(result.errors());
        all.addAll(errors);
        return new Parsed(bills, all);
    }

    static LocalDate date(String s) {
        try {
            return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static BigDecimal decimal(String s) {
        if (s.isEmpty() || s.length() > 40) {
            return null;
        }
        try {
            return new BigDecimal(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
