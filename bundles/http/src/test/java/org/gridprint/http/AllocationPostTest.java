package org.gridprint.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.gridprint.api.allocation.ItemError;
import org.gridprint.api.allocation.Job;
import org.gridprint.api.allocation.JobService;
import org.gridprint.api.allocation.JobStamp;
import org.gridprint.api.allocation.SubmitReport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** POST /jobs: stamps the API refuses by index, the others handed to the job service, its errors mapped back. */
class AllocationPostTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    ApiHarness api;
    final Jobs jobs = new Jobs();

    /** A job service following the contract: unknown machines refused, the same stamp again a duplicate. */
    static final class Jobs implements JobService {
        final Set<String> seen = new HashSet<>();
        final List<String> csv = new ArrayList<>();

        @Override
        public synchronized SubmitReport submit(List<JobStamp> stamps) {
            int accepted = 0;
            int duplicates = 0;
            var errors = new ArrayList<ItemError>();
            for (int i = 0; i < stamps.size(); i++) {
                var s = stamps.get(i);
                if (!s.machine().startsWith("hq/")) {
                    errors.add(new ItemError(i, "job " + s.jobId(), "machine", "unknown machine " + s.machine()));
                } else if (seen.add(s.jobId() + s.kind())) {
                    accepted++;
                } else {
                    duplicates++;
                }
            }
            return new SubmitReport(accepted, duplicates, errors);
        }

        @Override
        public SubmitReport submitCsv(String fileName, Reader in) {
            try {
                var b = new StringBuilder();
                int c;
                while ((c = in.read()) >= 0) {
                    b.append((char) c);
                }
                csv.add(fileName + ":" + b);
                return new SubmitReport(b.toString().split("\n").length - 1, 0, List.of(new ItemError(3, "line 3",
                        "at", "not a time")));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public List<Job> jobs(Instant from, Instant to) {
            return List.of();
        }
    }

    @BeforeEach
    void start() throws Exception {
        api = new ApiHarness(dir, HttpApiSettings.defaults());
    }

    @AfterEach
    void stop() throws Exception {
        api.close();
    }

    @Test
    void jobStampsAsJsonAndCsv() throws Exception {
        var operator = api.token("olga", "operator");
        var body = "[{\"machine\":\"hq/press-1\",\"job\":\"J-1\",\"kind\":\"START\",\"at\":\"2026-11-01T08:00:00Z\","
                + "\"product\":\"bracket\"},"
                + "{\"machine\":\"hq/press-1\",\"job\":\"J-1\",\"kind\":\"PAUSE\",\"at\":\"2026-11-01T09:00:00Z\"},"
                + "{\"machine\":\"lab/x\",\"job\":\"J-2\",\"kind\":\"start\",\"at\":\"2026-11-01T08:00:00Z\"},"
                + "{\"machine\":\"hq/press-1\",\"job\":\"J-1\",\"kind\":\"STOP\",\"at\":\"later\"}]";
        var unavailable = api.post("/jobs", operator, "application/json", body);
        assertEquals(503, unavailable.statusCode());
        assertTrue(unavailable.body().contains("org.gridprint.api.allocation.JobService"));

        api.services.jobs(jobs);
        var resp = api.post("/jobs", operator, "application/json", body);
        assertEquals(400, resp.statusCode(), resp.body());
        var json = JSON.readTree(resp.body());
        assertEquals(4, json.at("/counts/items").asInt());
        assertEquals(1, json.at("/counts/accepted").asInt());
        assertEquals(3, json.at("/counts/refused").asInt());
        var errors = json.get("errors");
        assertEquals(1, errors.get(0).get("index").asInt());
        assertEquals("kind", errors.get(0).get("field").asText());
        assertTrue(errors.get(0).get("reason").asText().contains("expected START or STOP"));
        assertEquals(2, errors.get(1).get("index").asInt(), "the service's index 1 is the body's item 2");
        assertEquals("machine", errors.get(1).get("field").asText());
        assertEquals(3, errors.get(2).get("index").asInt());
        assertEquals("at", errors.get(2).get("field").asText());

        var again = JSON.readTree(api.post("/jobs", operator, "application/json", body).body());
        assertEquals(0, again.at("/counts/accepted").asInt());
        assertEquals(1, again.at("/counts/duplicate").asInt());

        var csv = api.post("/jobs?name=shift-1.csv", operator, "text/csv", "machine,job,kind,at,product,quantity\n"
                + "hq/press-1,J-3,START,2026-11-01T10:00:00Z,bracket,\nhq/press-1,J-3,STOP,x,,\n");
        assertEquals(400, csv.statusCode());
        assertEquals(3, JSON.readTree(csv.body()).at("/errors/0/line").asInt());
        assertTrue(jobs.csv.get(0).startsWith("shift-1.csv:machine,job"));
        var badName = api.post("/jobs?name=../../etc/passwd", operator, "text/csv", "x\n");
        assertEquals(400, badName.statusCode());
    }
}
