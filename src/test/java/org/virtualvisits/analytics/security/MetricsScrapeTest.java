package org.virtualvisits.analytics.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;
import org.virtualvisits.analytics.IntegrationTest;
import org.virtualvisits.analytics.TestFixture;

/** {@code /actuator/prometheus}: the scrape token only (decision 0015); every other actuator path stays closed. */
@IntegrationTest
class MetricsScrapeTest {

    @Autowired
    MockMvc mvc;

    @Value("${app.metrics.scrape-token}")
    String scrapeToken;

    @Value("${app.bootstrap.token}")
    String apiTokenWithEveryScope;

    @Test
    void theScraperGetsTheInstancesMetricsInPrometheusFormat() throws Exception {
        String body = mvc.perform(get("/actuator/prometheus").header("Authorization", "Bearer " + scrapeToken))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("text/plain"))
                .andReturn().getResponse().getContentAsString();
        assertThat(body).contains("visits_derivation_lag_seconds", "visits_derivation_meetings_total",
                "visits_ingestion_throttled_seconds", "jvm_memory_used_bytes");
        assertThat(mvc.perform(get("/actuator/prometheus").header("Authorization", "bearer  " + scrapeToken + " "))
                .andReturn().getResponse().getStatus()).as("scheme case and spaces").isEqualTo(200);
    }

    @Test
    void anyoneElseIsRefusedWithAClearProblem() throws Exception {
        mvc.perform(get("/actuator/prometheus"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", "Bearer"))
                .andExpect(jsonPath("$.detail").value("Send the metrics scrape token as 'Authorization: Bearer <token>'."));
        mvc.perform(get("/actuator/prometheus").header("Authorization", "Bearer " + scrapeToken + "x"))
                .andExpect(status().isUnauthorized());
        // Only the exact path is the metrics chain's; anything below or beside it falls under /actuator/** (closed).
        for (String path : new String[] {"/actuator/prometheus/", "/actuator/prometheus/x", "/actuator/prometheus.txt"}) {
            assertThat(mvc.perform(get(path)).andReturn().getResponse().getStatus()).as(path).isNotEqualTo(200);
        }
        mvc.perform(get("/actuator/prometheus").header("Authorization", "Basic " + scrapeToken))
                .andExpect(status().isUnauthorized());
        // An API token belongs to one organisation; the metrics are the whole instance's.
        mvc.perform(get("/actuator/prometheus").header("Authorization", "Bearer " + apiTokenWithEveryScope))
                .andExpect(status().isUnauthorized());
        // So are a global admin's: the endpoint is stateless and ignores sessions.
        MockHttpSession admin = TestFixture.signInByForm(mvc, Persona.GLOBAL_ADMIN.username, Persona.PASSWORD);
        mvc.perform(get("/actuator/prometheus").session(admin)).andExpect(status().isUnauthorized());
    }

    @Test
    void theScrapeTokenOpensNoOtherActuatorEndpoint() throws Exception {
        for (String path : new String[] {"/actuator/metrics", "/actuator/env", "/actuator/beans", "/actuator",
                "/actuator/prometheus/"}) {
            int status = mvc.perform(get(path).header("Authorization", "Bearer " + scrapeToken))
                    .andReturn().getResponse().getStatus();
            assertThat(status).as(path).isNotEqualTo(200);
        }
    }

    @Test
    void withoutAConfiguredTokenNobodyIsLetIn() throws Exception {
        ScrapeTokenFilter off = new ScrapeTokenFilter(new MetricsScrapeProperties("  "));
        for (String sent : new String[] {"Bearer ", "Bearer null", "Bearer  "}) {
            MockHttpServletRequest request = new MockHttpServletRequest("GET", "/actuator/prometheus");
            request.addHeader("Authorization", sent);
            off.doFilter(request, new MockHttpServletResponse(), new MockFilterChain());
            assertThat(SecurityContextHolder.getContext().getAuthentication()).as(sent).isNull();
            SecurityContextHolder.clearContext();
        }
    }

    @Test
    void aShortTokenIsRefusedAtStartUp() {
        assertThatThrownBy(() -> new MetricsScrapeProperties("too-short-for-a-secret"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 32 characters");
        assertThat(new MetricsScrapeProperties(null).enabled()).isFalse();
        assertThat(new MetricsScrapeProperties("x".repeat(32)).enabled()).isTrue();
    }
}
