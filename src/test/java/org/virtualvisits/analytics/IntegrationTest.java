package org.virtualvisits.analytics;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * The one Spring test set-up: full context on a throw-away embedded PostgreSQL, MockMvc for
 * the HTTP API. Every integration test uses exactly this, so Spring caches a single context
 * (and a single database) for the whole run.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest
@AutoConfigureMockMvc
// Metrics as in production (Spring Boot's tests otherwise swap every registry for a simple one), so that
// /actuator/prometheus exists: MetricsScrapeTest
@AutoConfigureObservability(tracing = false)
@ActiveProfiles("test")
@Import({TestFixture.class, TestClock.class, StartupOrderRecorder.class, TestDatabaseOutage.class})
public @interface IntegrationTest {
}
