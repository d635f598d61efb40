package org.virtualvisits.analytics.visits;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import org.virtualvisits.analytics.admin.Organisation;
import org.virtualvisits.analytics.admin.Organisations;

/**
 * Events in, visits out. A batch is validated whole, stored in one transaction and every
 * meeting it touches is re-derived from all of that meeting's events before the commit,
 * so a committed batch is readable in the report at once and the result depends only on
 * the set of distinct events, never on their arrival order.
 *
 * <p>Concurrency: batches insert their events without waiting for each other (events are
 * inserted in event-id order, so two batches that share events cannot deadlock on them).
 * Only then does a batch lock the meetings it changed, read them back and re-derive them.
 * The lock makes the read-back see every event committed before it, so the last batch to
 * commit always derives a meeting from all its events; and it keeps the serialised part of
 * two batches that share meetings down to read-back, derivation and upsert.
 */
@Service
public class EventIngestion {

    /** Most events one batch may carry (PRODUCT.md §5). */
    public static final int MAX_BATCH_SIZE = 10_000;

    /** Attempts for a batch that lost a deadlock or a lock wait to another transaction. */
    private static final int ATTEMPTS = 3;

    private static final Logger log = LoggerFactory.getLogger(EventIngestion.class);

    private final MeetingEvents store;
    private final Organisations organisations;
    private final TransactionTemplate transaction;

    EventIngestion(MeetingEvents store, Organisations organisations, PlatformTransactionManager transactions) {
        this.store = store;
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

        // Identical repeats inside the batch count as duplicates; validation already refused
        // an event id reused with different content.
        Map<String, MeetingEvent> distinct = new LinkedHashMap<>();
        for (MeetingEvent event : checked.events()) {
            distinct.putIfAbsent(event.eventId(), event);
        }
        List<MeetingEvent> events = new ArrayList<>(distinct.values());
        events.sort(Comparator.comparing(MeetingEvent::eventId));

        for (int attempt = 1; ; attempt++) {
            try {
                return transaction.execute(status -> store(organisationId, batch, events));
            } catch (ConcurrencyFailureException lostToAnotherBatch) {
                if (attempt == ATTEMPTS) {
                    throw lostToAnotherBatch;
                }
                log.info("Batch of {} events lost a lock to a concurrent batch (attempt {}), retrying: {}",
                        batch.size(), attempt, lostToAnotherBatch.getMessage());
            }
        }
    }

    /** The transactional part: insert, lock what changed, check types, re-derive. */
    private IngestionResult store(long organisationId, List<RawEvent> batch, List<MeetingEvent> events) {
        Set<String> inserted = store.insertNew(organisationId, events);
        Set<String> changedMeetings = new TreeSet<>();
        Map<String, MeetingType> typeOfBatchMeeting = new LinkedHashMap<>();
        for (MeetingEvent event : events) {
            typeOfBatchMeeting.putIfAbsent(event.meetingId(), event.meetingType());
            if (inserted.contains(event.eventId())) {
                changedMeetings.add(event.meetingId());
            }
        }
        if (!changedMeetings.isEmpty()) {
            store.lockMeetings(organisationId, changedMeetings);
        }

        // After the lock every event committed before it is visible. A meeting whose stored events carry
        // a type other than the batch's (the batch is consistent within itself) is a conflict: rolled back.
        Map<String, List<MeetingEvent>> stored = store.eventsOf(organisationId, typeOfBatchMeeting.keySet());
        Map<String, MeetingType> otherTypes = new LinkedHashMap<>();
        stored.forEach((meetingId, meetingEvents) -> {
            MeetingType batchType = typeOfBatchMeeting.get(meetingId);
            for (MeetingEvent event : meetingEvents) {
                if (event.meetingType() != batchType) {
                    otherTypes.put(meetingId, event.meetingType());
                    break;
                }
            }
        });
        if (!otherTypes.isEmpty()) {
            throw new BatchRejectedException(EventValidation.conflictsWithStored(batch, otherTypes));
        }

        if (!changedMeetings.isEmpty()) {
            List<Visit> visits = new ArrayList<>(changedMeetings.size());
            for (String meetingId : changedMeetings) {
                VisitDerivation.derive(stored.get(meetingId)).ifPresent(visits::add);
            }
            store.upsertVisits(organisationId, visits);
        }
        return new IngestionResult(inserted.size(), batch.size() - inserted.size());
    }

    /** Whether the organisation has received any event yet (demo data is seeded only into empty ones). */
    @Transactional(readOnly = true)
    public boolean hasEvents(long organisationId) {
        return store.hasEvents(organisationId);
    }
}
