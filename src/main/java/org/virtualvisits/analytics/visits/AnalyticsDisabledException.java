package org.virtualvisits.analytics.visits;

/** The organisation switched virtual-visits analytics off: incoming events are refused. */
public class AnalyticsDisabledException extends RuntimeException {

    public AnalyticsDisabledException() {
        super("Virtual visits analytics is switched off for this organisation; events are not accepted. "
                + "An administrator can switch it on in the report settings.");
    }
}
