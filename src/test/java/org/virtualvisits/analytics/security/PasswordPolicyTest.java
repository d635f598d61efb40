package org.virtualvisits.analytics.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.virtualvisits.analytics.security.PasswordPolicy.Violation;

class PasswordPolicyTest {

    @Test
    void atLeastTwelveCharacters() {
        assertThat(PasswordPolicy.check("elevenchars", "u")).contains(Violation.TOO_SHORT);
        assertThat(PasswordPolicy.check("twelve chars", "u")).isEmpty();
        assertThat(PasswordPolicy.check(null, "u")).contains(Violation.TOO_SHORT);
        // Counted in characters, not UTF-16 units or bytes.
        assertThat(PasswordPolicy.check("😀😀😀😀😀😀😀😀😀😀😀", "u")).contains(Violation.TOO_SHORT);
    }

    @Test
    void atMostWhatBcryptReads() {
        assertThat(PasswordPolicy.check("x".repeat(72), "u")).isEmpty();
        assertThat(PasswordPolicy.check("x".repeat(73), "u")).contains(Violation.TOO_LONG);
        assertThat(PasswordPolicy.check("é".repeat(37), "u")).contains(Violation.TOO_LONG);
    }

    @Test
    void notTheUsername() {
        assertThat(PasswordPolicy.check("Dana.Smith-2026!", "dana.smith")).contains(Violation.CONTAINS_USERNAME);
    }

    @Test
    void generatedPasswordsPassThePolicyAndDiffer() {
        String one = PasswordPolicy.generate();
        assertThat(PasswordPolicy.check(one, "someone")).isEmpty();
        assertThat(one).hasSize(16).isNotEqualTo(PasswordPolicy.generate());
    }
}
