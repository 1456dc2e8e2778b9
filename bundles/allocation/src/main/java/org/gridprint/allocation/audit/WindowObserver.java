package org.gridprint.allocation.audit;

/** Receives each compared window of a family in time order (for the UNMETERED_ENERGY alarm). */
@FunctionalInterface
public interface WindowObserver {

    WindowObserver NONE = (family, start, parentNano, remainderNano, over) -> { };

    void window(Family family, long startMillis, long parentNano, long remainderNano, boolean over);
}
