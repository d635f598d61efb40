package org.virtualvisits.analytics.report.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class DurationTextTest {

    @Test
    void durationsReadAsPeopleSayThem() {
        assertThat(DurationText.of(1625L)).isEqualTo("27 min 05 s");
        assertThat(DurationText.of(3720L)).isEqualTo("1 h 02 min");
        assertThat(DurationText.of(3600L)).isEqualTo("1 h 00 min");
        assertThat(DurationText.of(59L)).isEqualTo("59 s");
        assertThat(DurationText.of(60L)).isEqualTo("1 min 00 s");
        assertThat(DurationText.of(0L)).isEqualTo("0 s");
        assertThat(DurationText.of(90_000L)).isEqualTo("25 h 00 min");
    }

    @Test
    void noWaitIsEmptyNotZero() {
        assertThat(DurationText.of(null)).isEmpty();
    }

    @Test
    void digitsStayLatinWhateverTheDefaultLocale() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.forLanguageTag("ar-EG-u-nu-arab"));
            assertThat(DurationText.of(1625L)).isEqualTo("27 min 05 s");
        } finally {
            Locale.setDefault(before);
        }
    }
}
