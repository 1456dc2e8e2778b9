package org.gridprint.http.allocation;

import java.io.InputStreamReader;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Locale;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.gridprint.api.allocation.ItemError;
import org.gridprint.api.allocation.JobService;
import org.gridprint.api.allocation.JobStamp;
import org.gridprint.api.allocation.UtilityBill;
import org.gridprint.api.allocation.UtilityBillService;
import org.gridprint.http.ApiServices;
import org.gridprint.http.HttpApiSettings;
import org.gridprint.http.ingest.JsonLimits;
import org.gridprint.http.web.ApiException;
import org.gridprint.http.web.Call;
import org.gridprint.http.web.Reply;

/**
 * POST /jobs (job start/stop stamps, JSON array or CSV), /utility-bills (JSON array or CSV) and /meter-logs (a
 * UPS/PDU CSV file): handed to the allocation bundle's {@link JobService} and {@link UtilityBillService}, which keep
 * them idempotently; 503 naming the service while it is not running.
 */
public final class AllocationEndpoints {

    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9._-]{1,100}");
    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final ApiServices services;
    private final HttpApiSettings settings;
    private final JsonLimits json;
    private final ObjectMapper mapper;

    public AllocationEndpoints(ApiServices services, HttpApiSettings settings, JsonLimits json, ObjectMapper mapper) {
        this.services = services;
        this.settings = settings;
        this.json = json;
        this.mapper = mapper;
    }

    public Reply jobs(Call call, byte[] body) {
        var jobs = services.jobs().orElseThrow(() -> ApiException.unavailable("no job service "
                + "(org.gridprint.api.allocation.JobService) is running; is the gridprint-allocation feature installed?"));
        var source = "http:" + call.caller().user();
        if (isCsv(call)) {
            return SubmitReplies.reply(mapper, jobs.submitCsv(fileName(call, "jobs.csv"), reader(body)), null,
                    java.util.List.of(), -1);
        }
        requireJson(call, "/jobs");
        var items = JsonItems.array(json, body, Math.min(settings.maxItems(), JobService.MAX_BATCH), "job stamp");
        var good = new ArrayList<JobStamp>();
        var goodIndex = new int[items.size()];
        var refused = new ArrayList<ItemError>();
        for (int i = 0; i < items.size(); i++) {
            var node = items.get(i);
            var item = "item " + i;
            try {
                if (!node.isObject()) {
                    throw new JsonItems.Bad("", node, "an object {machine, job, kind, at, product?, quantity?}");
                }
                var machine = JsonItems.text(node, "machine", true);
                var job = JsonItems.text(node, "job", true);
                item = "job " + job;
                var kindText = JsonItems.text(node, "kind", true).toUpperCase(Locale.ROOT);
                JobStamp.Kind kind;
                try {
                    kind = JobStamp.Kind.valueOf(kindText);
                } catch (IllegalArgumentException e) {
                    throw new JsonItems.Bad("kind", node.get("kind"), "START or STOP");
                }
                item = "job " + job + " " + kind.name().toLowerCase(Locale.ROOT);
                var at = JsonItems.instant(node, "at");
                var product = JsonItems.text(node, "product", false);
                var quantity = JsonItems.decimal(node, "quantity", false).doubleValue();
                if (!Double.isFinite(quantity) || quantity < 0) {
                    throw new JsonItems.Bad("quantity", node.get("quantity"), "a finite number >= 0");
                }
                goodIndex[good.size()] = i;
                good.add(new JobStamp(machine, job, kind, at, product, quantity, source));
            } catch (JsonItems.Bad b) {
                refused.add(new ItemError(i, item, b.field, "item " + i + ": " + b.getMessage()));
            }
        }
        var report = good.isEmpty() ? new org.gridprint.api.allocation.SubmitReport(0, 0, java.util.List.of())
                : jobs.submit(good);
        return SubmitReplies.reply(mapper, report, java.util.Arrays.copyOf(goodIndex, good.size()), refused,
                items.size());
    }

    public Reply bills(Call call, byte[] body) {
        var bills = services.bills().orElseThrow(() -> ApiException.unavailable("no utility bill service "
                + "(org.gridprint.api.allocation.UtilityBillService) is running; is the gridprint-allocation feature "
                + "installed?"));
        var reason = call.param("reason").orElse("submitted over HTTPS by " + call.caller().user());
        if (reason.length() > 500) {
            throw ApiException.badRequest("query parameter 'reason' has " + reason.length() + " characters; expected "
                    + "at most 500");
        }
        if (isCsv(call)) {
            return SubmitReplies.reply(mapper, bills.submitBillsCsv(fileName(call, "bills.csv"), reader(body), reason),
                    null, java.util.List.of(), -1);
        }
        requireJson(call, "/utility-bills");
        var items = JsonItems.array(json, body, settings.maxItems(), "utility bill");
        var good = new ArrayList<UtilityBill>();
        var goodIndex = new int[items.size()];
        var refused = new ArrayList<ItemError>();
        for (int i = 0; i < items.size(); i++) {
            var node = items.get(i);
            var item = "item " + i;
            try {
                if (!node.isObject()) {
                    throw new JsonItems.Bad("", node, "an object {site, account, supplier, from, to, kwh, cost?, "
                            + "currency?}");
                }
                var site = JsonItems.text(node, "site", true);
                var account = JsonItems.text(node, "account", false);
                item = "bill " + site + (account.isEmpty() ? "" : " " + account);
                var from = JsonItems.date(node, "from");
                var to = JsonItems.date(node, "to");
                if (to.isBefore(from)) {
                    throw new JsonItems.Bad("to", node.get("to"), "a date on or after 'from' (" + from + ")");
                }
                var kwh = JsonItems.decimal(node, "kwh", true);
                if (kwh.signum() < 0) {
                    throw new JsonItems.Bad("kwh", node.get("kwh"), "a number >= 0");
                }
                var cost = JsonItems.decimal(node, "cost", false);
                var currency = JsonItems.text(node, "currency", false).toUpperCase(Locale.ROOT);
                if (!currency.isEmpty() && !currency.matches("[A-Z]{3}")) {
                    throw new JsonItems.Bad("currency", node.get("currency"), "an ISO 4217 code such as USD");
                }
                goodIndex[good.size()] = i;
                good.add(new UtilityBill(site, account, JsonItems.text(node, "supplier", false), from, to, kwh, cost,
                        currency));
            } catch (JsonItems.Bad b) {
                refused.add(new ItemError(i, item, b.field, "item " + i + ": " + b.getMessage()));
            }
        }
        var report = good.isEmpty() ? new org.gridprint.api.allocation.SubmitReport(0, 0, java.util.List.of())
                : bills.submitBills(good, reason);
        return SubmitReplies.reply(mapper, report, java.util.Arrays.copyOf(goodIndex, good.size()), refused,
                items.size());
    }

    public Reply meterLogs(Call call, byte[] body) {
        var bills = services.bills().orElseThrow(() -> ApiException.unavailable("no meter log import "
                + "(org.gridprint.api.allocation.UtilityBillService) is running; is the gridprint-allocation feature "
                + "installed?"));
        if (!isCsv(call)) {
            throw new ApiException(415, "Content-Type '" + call.mediaType() + "' is not accepted for /meter-logs; "
                    + "expected text/csv (the UPS/PDU log file as it is)");
        }
        var format = call.param("format").orElse("");
        if (!format.isEmpty() && !FORMAT.matcher(format).matches()) {
            throw ApiException.badRequest("query parameter 'format' is '" + JsonItems.abbreviate(format)
                    + "'; expected a format name of letters, digits, '-' and '_'");
        }
        return SubmitReplies.reply(mapper, bills.importMeterLog(fileName(call, "meter-log.csv"), format, reader(body)),
                null, java.util.List.of(), -1);
    }

    private static boolean isCsv(Call call) {
        return call.mediaType().equals("text/csv");
    }

    private static void requireJson(Call call, String path) {
        if (!call.mediaType().equals("application/json")) {
            throw new ApiException(415, "Content-Type '" + call.mediaType() + "' is not accepted for " + path
                    + "; expected application/json (an array) or text/csv");
        }
    }

    private static String fileName(Call call, String fallback) {
        var name = call.param("name").orElse(fallback);
        if (!FILE_NAME.matcher(name).matches()) {
            throw ApiException.badRequest("query parameter 'name' is '" + JsonItems.abbreviate(name) + "'; expected a "
                    + "file name of letters, digits, '.', '_' and '-' (at most 100)");
        }
        return name;
    }

    private static java.io.Reader reader(byte[] body) {
        return new InputStreamReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8);
    }
}
