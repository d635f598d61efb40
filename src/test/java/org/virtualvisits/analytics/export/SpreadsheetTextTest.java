package org.virtualvisits.analytics.export;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SpreadsheetTextTest {

    @ParameterizedTest
    @ValueSource(strings = {"=HYPERLINK(\"http://x\")", "+1", "-1+2", "@SUM(A1)", "\tcmd", "\rcmd", "=", "-"})
    void valuesThatWouldStartAFormulaGetAQuote(String value) {
        assertThat(SpreadsheetText.neutralise(value)).isEqualTo("'" + value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"m-1", "Cardiology", " =not first", "a=b", "'quoted", "1.5", "Ünïcødé", "x\t"})
    void otherValuesStayAsTheyAre(String value) {
        assertThat(SpreadsheetText.neutralise(value)).isEqualTo(value);
    }

    @Test
    void nullAndEmptyStayAsTheyAre() {
        assertThat(SpreadsheetText.neutralise(null)).isNull();
        assertThat(SpreadsheetText.neutralise("")).isEmpty();
    }
}
