package org.virtualvisits.analytics.report.ui;

/** Durations as people read them: "27 min 05 s", "1 h 02 min", empty when there is none. */
public final class DurationText {

    private DurationText() {
    }

    public static String of(Long seconds) {
        if (seconds == null) {
            return "";
        }
        long s = Math.max(0, seconds);
        if (s >= 3600) {
            return String.format(java.util.Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60);
        }
        if (s >= 60) {
            return String.format(java.util.Locale.ROOT, "%d min %02d s", s / 60, s % 60);
        }
        return s + " s";
    }
}
