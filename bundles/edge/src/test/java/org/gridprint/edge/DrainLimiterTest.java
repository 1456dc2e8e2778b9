package org.gridprint.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DrainLimiterTest {

    @Test
    void aFullBucketGivesOneSecondsWorthThenRefillsAtTheRate() {
        var l = new DrainLimiter(1000, 0); // 1000 readings/s = 1 per ms
        assertEquals(0, l.take(500, 0));
        assertEquals(0, l.take(500, 0));
        assertEquals(500, l.take(500, 0), "empty: 500 readings need 500 ms");
        assertEquals(300, l.take(500, 200), "200 ms later 200 are there: 300 ms to go");
        assertEquals(0, l.take(500, 500));
    }

    @Test
    void theBucketNeverHoldsMoreThanOneSecond() {
        var l = new DrainLimiter(1000, 0);
        assertEquals(0, l.take(1000, 60_000), "an idle minute gives no burst larger than a second's worth");
        assertEquals(100, l.take(100, 60_000));
    }

    @Test
    void aBatchLargerThanOneSecondWaitsForAFullBucketOnly() {
        var l = new DrainLimiter(100, 0);
        assertEquals(0, l.take(500, 0), "500 > 100/s: sent with a full bucket");
        assertEquals(1000, l.take(500, 0), "then the bucket needs a full second again");
    }
}
