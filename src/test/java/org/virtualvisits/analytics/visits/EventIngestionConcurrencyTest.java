package org.virtualvisits.analytics.visits;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.virtualvisits.analytics.ApiTestSupport;
import org.virtualvisits.analytics.IntegrationTest;
import org.virtualvisits.analytics.organisation.Organisation;
import org.virtualvisits.analytics.visits.demo.DemoActivityGenerator;
import org.virtualvisits.analytics.visits.store.DerivationQueue;
import org.virtualvisits.analytics.visits.store.MeetingEvents;
import org.virtualvisits.analytics.visits.store.MeetingLocks;
import org.virtualvisits.analytics.visits.store.VisitStore;

/**
 * Batches that share meetings and events, sent at the same time while several workers derive: the
 * stored visits must be what one sequential derivation of all distinct events gives, and conflicting meeting types must still
 * be refused when they arrive in two concurrent batches.
 */
@IntegrationTest
class EventIngestionConcurrencyTest extends ApiTestSupport {

    @Autowired
    EventIngestion ingestion;

    @Autowired
    MeetingEvents store;
    @Autowired
    MeetingLocks locks;
    @Autowired
    VisitStore visitStore;

    @Autowired
    DerivationQueue queue;

    @Autowired
    PlatformTransactionManager transactions;

    final ExecutorService threads = Executors.newFixedThreadPool(4);
    final ExecutorService extraWorkers = Executors.newFixedThreadPool(2);

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
        extraWorkers.shutdownNow();
    }

    @Test
    void concurrentOverlappingBatchesGiveTheVisitsOfASequentialDerivation() throws Exception {
        Organisation org = newOrganisation();
        DemoActivityGenerator generator = new DemoActivityGenerator("concurrency", 60, true, true);
        Instant now = Instant.parse("2026-11-25T00:00:00Z");
        List<RawEvent> all = new ArrayList<>();
        for (LocalDate day = LocalDate.of(2026, 11, 17); day.isBefore(LocalDate.of(2026, 11, 24)); day = day.plusDays(1)) {
            all.addAll(generator.eventsOf(day, now));
        }
        // A live feed: roughly time-ordered, so neighbouring batches share meetings; every tenth event is
        // sent again in a later batch, and a few batches are sent twice whole.
        Random random = new Random(7);
        List<RawEvent> sent = new ArrayList<>(all);
        for (int i = 0; i < all.size(); i += 10) {
            sent.add(Math.min(sent.size(), i + 50 + random.nextInt(100)), all.get(i));
        }
        List<List<RawEvent>> batches = new ArrayList<>();
        for (int from = 0; from < sent.size(); from += 97) {
            batches.add(List.copyOf(sent.subList(from, Math.min(sent.size(), from + 97))));
        }
        for (int i = 0; i < batches.size(); i += 9) {
            batches.add(Math.min(batches.size(), i + 3), batches.get(i));
        }

        // Besides the application's own worker, two more derive in small rounds while the batches arrive,
        // as several application instances would.
        AtomicBoolean ingesting = new AtomicBoolean(true);
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
            DerivationProperties smallRounds =
                    new DerivationProperties(1, 7, Duration.ofMillis(10), Duration.ofMillis(10), null, null, null, null);
            DerivationRounds worker = new DerivationRounds(queue, locks, store, visitStore,
                    new DerivationPressure(smallRounds, new SimpleMeterRegistry()), smallRounds, transactions,
                    new SimpleMeterRegistry());
            workers.add(extraWorkers.submit(() -> {
                while (ingesting.get()) {
                    worker.deriveNextRound();
                }
            }));
        }

        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger duplicates = new AtomicInteger();
        List<Future<?>> results = new ArrayList<>();
        for (List<RawEvent> batch : batches) {
            results.add(threads.submit(() -> {
                IngestionResult result = ingestion.ingest(org.id(), batch);
                accepted.addAndGet(result.accepted());
                duplicates.addAndGet(result.duplicates());
            }));
        }
        for (Future<?> result : results) {
            result.get(); // rethrows any failure of a batch
        }
        ingesting.set(false);
        for (Future<?> worker : workers) {
            worker.get(); // rethrows any failure of a derivation
        }
        deriveQueuedVisits();

        Map<String, List<MeetingEvent>> byMeeting = new LinkedHashMap<>();
        all.stream().map(EventValidation::toEvent)
                .forEach(e -> byMeeting.computeIfAbsent(e.meetingId(), k -> new ArrayList<>()).add(e));
        List<Visit> expected = byMeeting.values().stream().map(VisitDerivation::derive)
                .flatMap(java.util.Optional::stream).toList();
        assertThat(accepted.get()).isEqualTo(all.size());
        assertThat(accepted.get() + duplicates.get()).isEqualTo(batches.stream().mapToInt(List::size).sum());
        assertThat(storedEvents(org)).isEqualTo(all.size());
        assertThat(storedVisits(org)).isEqualTo(expected.size());
        Map<String, List<MeetingEvent>> stored = store.eventsOf(org.id(), byMeeting.keySet());
        assertThat(stored).hasSameSizeAs(byMeeting);
        List<Visit> storedVisits = jdbc.sql("""
                        select meeting_id, meeting_type, start_time, lobby_wait_seconds, duration_seconds, status,
                               participants, sms_sent, department, appointment_kind
                        from visit where organisation_id = :org""")
                .param("org", org.id())
                .query((rs, n) -> new Visit(rs.getString(1), MeetingType.valueOf(rs.getString(2)),
                        rs.getTimestamp(3).toInstant(), (Long) (rs.getObject(4) == null ? null : rs.getLong(4)),
                        rs.getLong(5), VisitStatus.valueOf(rs.getString(6)), rs.getInt(7), rs.getBoolean(8),
                        rs.getString(9), AppointmentKind.valueOf(rs.getString(10))))
                .list();
        assertThat(storedVisits).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void conflictingMeetingTypesInConcurrentBatchesAreStillRefused() throws Exception {
        Organisation org = newOrganisation();
        for (int round = 0; round < 10; round++) {
            String meeting = "contested-" + round;
            CyclicBarrier together = new CyclicBarrier(2);
            List<Future<String>> outcomes = new ArrayList<>();
            for (String type : List.of("BOOKINGS", "EHR")) {
                List<RawEvent> batch = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    batch.add(new RawEvent(type + "-" + round + "-" + i, meeting, type, "JOINED",
                            "2026-11-20T10:%02d:00Z".formatted(i), "p" + i, i == 0 ? "STAFF" : "ATTENDEE",
                            null, null));
                }
                Collections.shuffle(batch, new Random(round));
                outcomes.add(threads.submit(() -> {
                    together.await();
                    try {
                        ingestion.ingest(org.id(), batch);
                        return "accepted";
                    } catch (BatchRejectedException refused) {
                        assertThat(refused.errors()).allSatisfy(e -> assertThat(e.field()).isEqualTo("meetingType"));
                        return "refused";
                    }
                }));
            }
            List<String> results = List.of(outcomes.get(0).get(), outcomes.get(1).get());
            assertThat(results).as("round " + round).containsExactlyInAnyOrder("accepted", "refused");
            assertThat(jdbc.sql("select count(distinct meeting_type) from meeting_event "
                            + "where organisation_id = :org and meeting_id = :m")
                    .param("org", org.id()).param("m", meeting).query(Long.class).single()).isEqualTo(1);
        }
        assertThat(storedEvents(org)).isEqualTo(10 * 20);
        deriveQueuedVisits();
        assertThat(storedVisits(org)).isEqualTo(10);
    }
}
