package org.virtualvisits.analytics.report.rollup;

import java.util.List;

/**
 * The lobby waits of a range as a histogram, ascending by wait, and the figures the headlines take
 * from it, computed as PostgreSQL's {@code percentile_cont} does, so they are the same to the last bit.
 */
record WaitHistogram(List<Bin> bins) {

    /** {@code visits} visits waited exactly {@code seconds}. */
    record Bin(long seconds, long visits) {
    }

    WaitHistogram {
        bins = List.copyOf(bins);
    }

    long total() {
        return bins.stream().mapToLong(Bin::visits).sum();
    }

    /** How many visits waited longer than {@code thresholdSeconds}. */
    long over(int thresholdSeconds) {
        return bins.stream().filter(bin -> bin.seconds() > thresholdSeconds).mapToLong(Bin::visits).sum();
    }

    /** PostgreSQL's {@code percentile_cont(percentile)} over the histogram's values; null when empty. */
    Double percentileCont(double percentile) {
        long total = total();
        if (total == 0) {
            return null;
        }
        double position = percentile * (total - 1);
        long firstRow = (long) Math.floor(position);
        long secondRow = (long) Math.ceil(position);
        double first = valueAt(firstRow);
        double second = secondRow == firstRow ? first : valueAt(secondRow);
        double proportion = position - firstRow;
        return first + proportion * (second - first);
    }

    private double valueAt(long row) {
        long seen = 0;
        for (Bin bin : bins) {
            seen += bin.visits();
            if (row < seen) {
                return bin.seconds();
            }
        }
        throw new IllegalStateException("Row " + row + " is past the histogram's end");
    }
}
