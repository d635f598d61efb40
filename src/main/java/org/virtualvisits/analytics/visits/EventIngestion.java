package org.virtualvisits.analytics.visits;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.virtualvisits.analytics.admin.Organisation;
import org.virtualvisits.analytics.admin.Organisations;

/**
 * Events in, visits out. A batch is validated whole, stored in one transaction and every
 * meeting it touches is re-derived from all of that meeting's events before the commit,
 * so a committed batch is readable in the report at once and the result depends only on
 * the set of distinct events, never on their arrival order.
 */
@Service
public class EventIngestion {

    /** Most events one batch may carry (PRODUCT.md §5). */
    public static final int MAX_BATCH_SIZE = 10_000;

    private final MeetingEvents store;
    private final Organisations organisations;

    EventIngestion(MeetingEvents store, Organisations organisations) {
        this.store = store;
        this.organisations = organisations;
    }

    /**
     * Stores a batch for the organisation.
     *
     * @throws AnalyticsDisabledException when the organisation switched analytics off
     * @throws BatchRejectedException     when any event is invalid (nothing is stored)
     */
    @Transactional
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
        List<FieldError> errors = EventValidation.validate(batch);
        if (!errors.isEmpty()) {
            throw new BatchRejectedException(errors);
        }
        if (batch.isEmpty()) {
            return new IngestionResult(0, 0);
        }

        // Identical repeats inside the batch count as duplicates; validation already refused
        // an event id reused with different content.
        Map<String, MeetingEvent> distinct = new LinkedHashMap<>();
        for (RawEvent raw : batch) {
            distinct.putIfAbsent(raw.eventId(), EventValidation.toEvent(raw));
        }
        List<MeetingEvent> events = new ArrayList<>(distinct.values());
        Set<String> meetingIds = new TreeSet<>();
        events.forEach(e -> meetingIds.add(e.meetingId()));

        store.lockMeetings(organisationId, meetingIds);
        List<FieldError> conflicts = EventValidation.conflictsWithStored(batch,
                store.storedTypes(organisationId, meetingIds));
        if (!conflicts.isEmpty()) {
            throw new BatchRejectedException(conflicts);
        }

        Set<String> inserted = store.insertNew(organisationId, events);
        Set<String> changedMeetings = new TreeSet<>();
        for (MeetingEvent event : events) {
            if (inserted.contains(event.eventId())) {
                changedMeetings.add(event.meetingId());
            }
        }
        if (!changedMeetings.isEmpty()) {
            List<Visit> visits = new ArrayList<>(changedMeetings.size());
            store.eventsOf(organisationId, changedMeetings).values()
                    .forEach(meetingEvents -> VisitDerivation.derive(meetingEvents).ifPresent(visits::add));
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
