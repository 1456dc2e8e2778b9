package org.gridprint.edge;

import java.time.Instant;
import java.util.Optional;

import org.gridprint.api.edge.OutboxStatus;

/**
 * The forwarder and its outbox at a glance ({@code gridprint:outbox}).
 *
 * @param outbox          depth, oldest entry, capacity, policy, dropped and refused counts
 * @param connected       the MQTT link is up (and the acknowledgement topic subscribed)
 * @param inFlight        batches sent and not yet acknowledged
 * @param lastAck         when the last acknowledgement arrived
 * @param lastAckSequence the last entry id it acknowledged
 * @param forwardRate     readings acknowledged per second over the last minute
 * @param sentBatches     batches published since start (re-sends included)
 * @param resentBatches   batches sent again after an acknowledgement timeout or a reconnect
 * @param acknowledged    readings acknowledged since start
 * @param centralDuplicates readings the central already held (re-sends), counted by its idempotency
 * @param centralRefused  readings the central refused (unknown meter there, conflict): acknowledged, not stored
 * @param connectAttempts connection attempts to the broker since start (the reconnect rate limit bounds them)
 */
public record ForwardStatus(String edgeId, String serverUri, OutboxStatus outbox, boolean connected, int inFlight,
        Optional<Instant> lastAck, long lastAckSequence, double forwardRate, long sentBatches, long resentBatches,
        long acknowledged, long centralDuplicates, long centralRefused, long connectAttempts, String lastError) {
}
