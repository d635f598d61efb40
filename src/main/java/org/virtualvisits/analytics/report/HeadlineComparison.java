package org.virtualvisits.analytics.report;

/** The headline figures of a range and of the period of equal length just before it. */
public record HeadlineComparison(Headlines current, Headlines previous) {

    /** Relative change of a figure, e.g. 0.25 for +25%; null when there is nothing to compare with. */
    public static Double change(Number current, Number previous) {
        if (current == null || previous == null || previous.doubleValue() == 0) {
            return null;
        }
        return (current.doubleValue() - previous.doubleValue()) / previous.doubleValue();
    }
}
