package org.gridprint.allocation.tree;

/** A meter's energy over a period: the sum of its counted windows (nano-kWh) and how many there were. */
public record Energy(long nano, long windows) {
}
