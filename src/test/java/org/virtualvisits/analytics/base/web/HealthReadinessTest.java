package org.virtualvisits.analytics.base.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.virtualvisits.analytics.IntegrationTest;
import org.virtualvisits.analytics.StartupOrderRecorder;

/**
 * {@code /actuator/health} follows the readiness state: Spring Boot accepts traffic only after the
 * application runners (first admin, bootstrap token, demo data) have finished, so "UP" means usable.
 */
@IntegrationTest
class HealthReadinessTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    StartupOrderRecorder startup;

    @Test
    void healthWasOutOfServiceWhileTheStartUpRunnersRanAndIsUpAfterThem() throws Exception {
        // Recorded by the test context's last runner, after the bootstrap (first admin, demo data) ran.
        assertThat(startup.adminExistedThen()).as("the bootstrap ran before the last runner").isTrue();
        assertThat(startup.healthDuringStartup()).isEqualTo("OUT_OF_SERVICE");
        mvc.perform(get("/actuator/health")).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("UP"));
    }
}
