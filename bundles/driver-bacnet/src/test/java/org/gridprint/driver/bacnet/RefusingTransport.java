package org.gridprint.driver.bacnet;

import java.util.concurrent.atomic.AtomicInteger;

import com.serotonin.bacnet4j.apdu.APDU;
import com.serotonin.bacnet4j.apdu.Abort;
import com.serotonin.bacnet4j.apdu.ConfirmedRequest;
import com.serotonin.bacnet4j.apdu.Reject;
import com.serotonin.bacnet4j.npdu.NPDU;
import com.serotonin.bacnet4j.npdu.Network;
import com.serotonin.bacnet4j.service.confirmed.ReadPropertyMultipleRequest;
import com.serotonin.bacnet4j.transport.DefaultTransport;
import com.serotonin.bacnet4j.type.enumerated.AbortReason;
import com.serotonin.bacnet4j.type.enumerated.RejectReason;
import com.serotonin.bacnet4j.util.sero.ByteQueue;

/**
 * The transport of a test device that behaves like a small controller bacnet4j cannot imitate by configuration: a
 * ReadPropertyMultiple asking for more than {@code limit} properties is answered with an Abort
 * (segmentation-not-supported) or a Reject (buffer-overflow) PDU, sent on the real socket; everything else goes to
 * bacnet4j's own request handling.
 */
final class RefusingTransport extends DefaultTransport {

    private final int limit;
    private final boolean reject;
    final AtomicInteger refused = new AtomicInteger();
    /** While true, every ReadPropertyMultiple is answered with an Error PDU services/service-request-denied. */
    volatile boolean denyAll;

    RefusingTransport(Network network, int limit, boolean reject) {
        super(network);
        this.limit = limit;
        this.reject = reject;
    }

    @Override
    public void incoming(NPDU npdu) {
        if (!npdu.isNetworkMessage() && getLocalDevice() != null) {
            try {
                var copy = (ByteQueue) npdu.getNetworkMessageData().clone();
                APDU apdu = APDU.createAPDU(getLocalDevice().getServicesSupported(), copy);
                if (apdu instanceof ConfirmedRequest req && !req.isSegmentedMessage()
                        && req.getServiceChoice() == ReadPropertyMultipleRequest.TYPE_ID) {
                    req.parseServiceData();
                    var rpm = (ReadPropertyMultipleRequest) req.getServiceRequest();
                    if (denyAll) {
                        getNetwork().sendAPDU(npdu.getFrom(), npdu.getLinkService(), new com.serotonin.bacnet4j.apdu.Error(
                                req.getInvokeId(), req.getServiceChoice(), new com.serotonin.bacnet4j.type.error.ErrorClassAndCode(
                                        com.serotonin.bacnet4j.type.enumerated.ErrorClass.services,
                                        com.serotonin.bacnet4j.type.enumerated.ErrorCode.serviceRequestDenied)), false);
                        return;
                    }
                    if (rpm.getNumberOfProperties() > limit) {
                        refused.incrementAndGet();
                        APDU answer = reject ? new Reject(req.getInvokeId(), RejectReason.bufferOverflow)
                                : new Abort(true, req.getInvokeId(), AbortReason.segmentationNotSupported);
                        getNetwork().sendAPDU(npdu.getFrom(), npdu.getLinkService(), answer, false);
                        return;
                    }
                }
            } catch (Exception e) {
                // not a request this transport decides: bacnet4j handles it
            }
        }
        super.incoming(npdu);
    }
}
