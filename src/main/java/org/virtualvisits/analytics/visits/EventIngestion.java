package org.virtualvisits.analytics.visits;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import org.virtualvisits.analytics.organisation.Organisation;
import org.virtualvisits.analytics.organisation.Organisations;
import org.virtualvisits.analytics.visits.store.DerivationQueue;
import org.virtualvisits.analytics.visits.store.MeetingEvents;

/**
 * Events in. A batch is validated whole and stored in one transaction: its new events, the
 * meeting type of meetings it introduces (a batch that contradicts a stored meeting type is
 * refused whole), and a queue entry for every meeting that received a new event. A {@code 202}
 * means exactly that commit. {@link DerivationWorker} then re-derives the queued meetings
 * from all their events, typically within a second, so the visit depends only on the set of
 * distinct events, never on their arrival order. Batches being stored tell the worker so: while
 * several are, it leaves them the CPU; while it is far behind, a batch first waits for it to catch
 * up (back-pressure, bounded: see {@link DerivationProperties}).
 *
 * <p>Concurrency: batches take no lock of their own. Events are inserted in event-id order and
 * new meetings in meeting-id order, so two batches that share events or new meetings wait for
 * each other in one order and cannot deadlock; the second of two batches that introduce a
 * meeting with different types sees the first's type and is refused.
 */
@Service
public class EventIngestion {

    /** Most events one batch may carry (PRODUCT.md §5). */
    public static final int MAX_BATCH_SIZE = 10_000;

    /** Attempts for a batch that lost a deadlock to another transaction. */
    private static final int ATTEMPTS = 3;

    private static final Logger log = LoggerFactory.getLogger(EventIngestion.class);

    private final MeetingEvents store;
    private final DerivationQueue queue;
    private final DerivationWorker derivation;
    private final DerivationPressure pressure;
    private final Organisations organisations;
    private final TransactionTemplate transaction;

    EventIngestion(MeetingEvents store, DerivationQueue queue, DerivationWorker derivation,
                   DerivationPressure pressure, Organisations organisations, PlatformTransactionManager transactions) {
        this.store = store;
        this.queue = queue;
        this.derivation = derivation;
        this.pressure = pressure;
        this.organisations = organisations;
        this.transaction = new TransactionTemplate(transactions);
    }

    /**
     * Stores a batch for the organisation.
     *
     * @throws AnalyticsDisabledException when the organisation switched analytics off
     * @throws BatchRejectedException     when any event is invalid (nothing is stored)
     */
    public IngestionResult ingest(long organisationId, List<RawEvent> batch) {
        pressure.storingStarted();
        try {
            return validateAndStore(organisationId, batch);
        } finally {
            pressure.storingFinished();
        }
    }

    private IngestionResult validateAndStore(long organisationId, List<RawEvent> batch) {
        Organisation organisation = organisations.findById(organisationId)
                .orElseThrow(() -> new IllegalArgumentException("Unknown organisation " + organisationId));
        if (!organisation.analyticsEnabled()) {
            throw new AnalyticsDisabledException();
        }
        if (batch.size() > MAX_BATCH_SIZE) {
            throw new BatchRejectedException(List.of(new FieldError(-1, null, "events",
                    "must hold at most " + MAX_BATCH_SIZE + " events (got " + batch.size() + ")")));
        }
        EventValidation.CheckedBatch checked = EventValidation.check(batch);
        if (!checked.errors().isEmpty()) {
            throw new BatchRejectedException(checked.errors());
        }
        if (batch.isEmpty()) {
            return new IngestionResult(0, 0);
        }

        List<MeetingEvent> events = distinctInEventIdOrder(checked.events());

        pressure.awaitCatchUp();
        for (int attempt = 1; ; attempt++) {
            try {
                IngestionResult result = transaction.execute(status -> store(organisationId, batch, events));
                if (result.accepted() > 0) {
                    derivation.wake();
                }
                return result;
            } catch (ConcurrencyFailureException lostToAnotherBatch) {
                if (attempt == ATTEMPTS) {
                    throw lostToAnotherBatch;
                }
                log.info("Batch of {} events lost a lock to a concurrent batch (attempt {}), retrying: {}",
                        batch.size(), attempt, lostToAnotherBatch.getMessage());
            }
        }
    }

    /**
     * The batch's events sorted by event id, each id once: identical repeats inside the batch count as
     * duplicates (validation already refused an event id reused with different content).
     */
    static List<MeetingEvent> distinctInEventIdOrder(List<MeetingEvent> checked) {
        MeetingEvent[] sorted = checked.toArray(MeetingEvent[]::new);
        Arrays.sort(sorted, BY_EVENT_ID);
        List<MeetingEvent> events = new ArrayList<>(sorted.length);
        for (MeetingEvent event : sorted) {
            if (events.isEmpty() || !events.get(events.size() - 1).eventId().equals(event.eventId())) {
                events.add(event);
            }
        }
        return events;
    }

    private static final Comparator<MeetingEvent> BY_EVENT_ID = (a, b) -> a.eventId().compareTo(b.eventId());

    /** The transactional part: insert, queue what changed, check meeting types. */
    private IngestionResult store(long organisationId, List<RawEvent> batch, List<MeetingEvent> events) {
        MeetingEvents.Inserted inserted = store.insertNew(organisationId, events);
        Set<String> changedMeetings = new HashSet<>();
        Map<String, MeetingType> typeOfBatchMeeting = new HashMap<>();
        for (MeetingEvent event : events) {
            typeOfBatchMeeting.putIfAbsent(event.meetingId(), event.meetingType());
            if (inserted.contains(event.eventId())) {
                changedMeetings.add(event.meetingId());
            }
        }
        queue.enqueue(organisationId, changedMeetings);
        // The batch is consistent within itself (validation); a meeting stored with another type is a
        // conflict, and the exception rolls everything back. Last before the commit: a batch that shares a
        // new meeting with this one waits on it from here to the commit.
        Map<String, MeetingType> otherTypes = store.registerMeetings(organisationId, typeOfBatchMeeting);
        if (!otherTypes.isEmpty()) {
            throw new BatchRejectedException(EventValidation.conflictsWithStored(batch, otherTypes));
        }
        return new IngestionResult(inserted.count(), batch.size() - inserted.count());
    }

    /** Whether the organisation has received any event yet (demo data is seeded only into empty ones). */
    @Transactional(readOnly = true)
    public boolean hasEvents(long organisationId) {
        return store.hasEvents(organisationId);
    }
}
