package org.virtualvisits.analytics.visits.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.virtualvisits.analytics.organisation.DefaultOrganisation;
import org.virtualvisits.analytics.organisation.DemoProperties;
import org.virtualvisits.analytics.organisation.Organisation;
import org.virtualvisits.analytics.organisation.Organisations;
import org.virtualvisits.analytics.organisation.StartupTask;
import org.virtualvisits.analytics.visits.EventIngestion;
import org.virtualvisits.analytics.visits.RawEvent;
import org.virtualvisits.analytics.visits.DerivationRounds;

/**
 * Seeds the demo organisations with generated activity, once (only into an organisation that
 * has no events yet), through the same ingestion service the API uses.
 */
@Component
class DemoDataSeeder implements StartupTask {

    private static final Logger log = LoggerFactory.getLogger(DemoDataSeeder.class);
    private static final int BATCH = 1000;

    private final EventIngestion ingestion;
    private final DerivationRounds derivation;
    private final Organisations organisations;
    private final DemoProperties demo;
    private final Clock clock;

    DemoDataSeeder(EventIngestion ingestion, DerivationRounds derivation, Organisations organisations,
                   DemoProperties demo, Clock clock) {
        this.ingestion = ingestion;
        this.derivation = derivation;
        this.organisations = organisations;
        this.demo = demo;
        this.clock = clock;
    }

    @Override
    public void run(Organisation defaultOrganisation, boolean demoEnabled) {
        if (!demoEnabled) {
            return;
        }
        seed(defaultOrganisation, "contoso", demo.visitsPerDay());
        organisations.findBySlug(DefaultOrganisation.SECOND_DEMO_SLUG)
                .ifPresent(second -> seed(second, "northwind", Math.max(1, demo.visitsPerDay() / 6)));
    }

    private void seed(Organisation organisation, String key, int visitsPerDay) {
        if (ingestion.hasEvents(organisation.id())) {
            return;
        }
        long started = System.nanoTime();
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        DemoActivityGenerator generator = new DemoActivityGenerator(key, visitsPerDay,
                organisation.bookingsLicence(), organisation.ehrLicence());
        List<RawEvent> pending = new ArrayList<>();
        int total = 0;
        for (LocalDate day = today.minusDays(demo.days() - 1L); !day.isAfter(today); day = day.plusDays(1)) {
            pending.addAll(generator.eventsOf(day, now));
            if (pending.size() >= BATCH) {
                total += ingestion.ingest(organisation.id(), pending).accepted();
                pending.clear();
            }
        }
        if (!pending.isEmpty()) {
            total += ingestion.ingest(organisation.id(), pending).accepted();
        }
        // The report should show the demo visits as soon as the application reports itself ready.
        derivation.deriveQueued(Duration.ofMinutes(10));
        log.info("Seeded {} demo events over {} days into '{}' in {} ms", total, demo.days(), organisation.name(),
                (System.nanoTime() - started) / 1_000_000);
    }
}
