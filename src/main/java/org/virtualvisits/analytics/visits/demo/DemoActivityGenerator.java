package org.virtualvisits.analytics.visits.demo;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.virtualvisits.analytics.visits.RawEvent;

/**
 * Realistic, deterministic meeting activity for demos and benchmarks: more visits on weekdays
 * and in clinic hours, about 10% no-shows and a few abandoned waits, lobby waits with a long
 * tail, both meeting types, several departments, some on-demand visits, SMS reminders on most.
 * The same organisation key, day and volume always give the same events.
 */
public final class DemoActivityGenerator {

    static final List<String> DEPARTMENTS = List.of("Cardiology", "Dermatology", "Paediatrics", "Mental Health",
            "General Practice", "Physiotherapy");
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    private final String organisationKey;
    private final double visitsPerWeekday;
    private final boolean bookings;
    private final boolean ehr;

    /**
     * @param organisationKey  distinguishes organisations' ids and random streams
     * @param visitsPerWeekday average visits on a weekday (weekends have far fewer)
     */
    public DemoActivityGenerator(String organisationKey, double visitsPerWeekday, boolean bookings, boolean ehr) {
        if (!bookings && !ehr) {
            throw new IllegalArgumentException("At least one meeting type is needed");
        }
        this.organisationKey = organisationKey;
        this.visitsPerWeekday = visitsPerWeekday;
        this.bookings = bookings;
        this.ehr = ehr;
    }

    /** Every event of the day's meetings, leaving out whatever would happen after {@code now}. */
    public List<RawEvent> eventsOf(LocalDate day, Instant now) {
        Random random = new Random((organisationKey + "/" + day).hashCode() * 31L + 17);
        double factor = switch (day.getDayOfWeek()) {
            case SATURDAY -> 0.25;
            case SUNDAY -> 0.12;
            default -> day.getDayOfWeek() == DayOfWeek.MONDAY ? 1.15 : 1.0;
        };
        int count = (int) Math.max(0, Math.round(visitsPerWeekday * factor * (1 + 0.15 * random.nextGaussian())));
        List<RawEvent> events = new ArrayList<>(count * 10);
        for (int i = 0; i < count; i++) {
            meeting(day, i, random, now, events);
        }
        return events;
    }

    private void meeting(LocalDate day, int sequence, Random random, Instant now, List<RawEvent> out) {
        boolean isEhr = ehr && (!bookings || random.nextDouble() < 0.4);
        String type = isEhr ? "EHR" : "BOOKINGS";
        String meetingId = (isEhr ? "EHR-" : "BK-") + organisationKey.toUpperCase() + "-" + day.format(DAY) + "-"
                + String.format("%04d", sequence);
        String department = DEPARTMENTS.get(weightedDepartment(random));
        String kind = random.nextDouble() < 0.12 ? "ON_DEMAND" : "SCHEDULED";
        Instant scheduled = day.atStartOfDay(ZoneOffset.UTC).toInstant().plus(clinicMinute(random), java.time.temporal.ChronoUnit.MINUTES);
        Meeting m = new Meeting(meetingId, type, department, kind, now, out);

        if (random.nextDouble() < 0.85) {
            m.add("SMS_SENT", scheduled.minus(Duration.ofHours(random.nextBoolean() ? 24 : 1)), "patient", "ATTENDEE");
        }
        double outcome = random.nextDouble();
        String staff = "staff-" + (1 + random.nextInt(40));
        Instant staffJoin = scheduled.plusSeconds(random.nextInt(420) - 120);
        if (outcome < 0.10) { // no-show: staff waits a while, then ends the meeting
            m.add("JOINED", staffJoin, staff, "STAFF");
            if (random.nextDouble() < 0.3) { // entered the lobby once, never admitted
                m.add("LOBBY_JOINED", scheduled.plusSeconds(random.nextInt(300)), "patient", "ATTENDEE");
            }
            Instant gaveUp = staffJoin.plusSeconds(300 + random.nextInt(600));
            m.add("LEFT", gaveUp, staff, "STAFF");
            m.add("MEETING_ENDED", gaveUp.plusSeconds(5), null, null);
            return;
        }
        Instant lobby = scheduled.plusSeconds(random.nextInt(480) - 300);
        if (outcome < 0.13) { // abandoned: waited in the lobby, nobody came
            m.add("LOBBY_JOINED", lobby, "patient", "ATTENDEE");
            m.add("MEETING_ENDED", lobby.plusSeconds(600 + random.nextInt(1200)), null, null);
            return;
        }
        boolean viaLobby = isEhr || random.nextDouble() < 0.8;
        Instant attendeeIn;
        if (viaLobby) {
            m.add("LOBBY_JOINED", lobby, "patient", "ATTENDEE");
            attendeeIn = lobby.plusSeconds(lobbyWaitSeconds(random));
            Instant staffIn = attendeeIn.minusSeconds(random.nextInt(90));
            m.add("JOINED", staffIn.isBefore(lobby) ? lobby : staffIn, staff, "STAFF");
            m.add("ADMITTED", attendeeIn, "patient", "ATTENDEE");
        } else {
            m.add("JOINED", staffJoin, staff, "STAFF");
            attendeeIn = staffJoin.plusSeconds(random.nextInt(240));
        }
        m.add("JOINED", attendeeIn, "patient", "ATTENDEE");
        if (random.nextDouble() < 0.1) { // a relative joins too
            m.add("JOINED", attendeeIn.plusSeconds(random.nextInt(300)), "relative", "ATTENDEE");
        }
        long durationSeconds = Math.round(Math.exp(Math.log(17 * 60) + 0.45 * random.nextGaussian()));
        durationSeconds = Math.max(180, Math.min(durationSeconds, 90 * 60));
        Instant end = attendeeIn.plusSeconds(durationSeconds);
        m.add("LEFT", end.plusSeconds(random.nextInt(40)), "patient", "ATTENDEE");
        m.add("LEFT", end.plusSeconds(random.nextInt(60)), staff, "STAFF");
        m.add("MEETING_ENDED", end.plusSeconds(60 + random.nextInt(60)), null, null);
    }

    /** Clinic hours: most visits 08:00-17:30 UTC with morning and afternoon peaks. */
    private static int clinicMinute(Random random) {
        double hour = random.nextBoolean() ? 10 + 1.3 * random.nextGaussian() : 14.5 + 1.6 * random.nextGaussian();
        hour = Math.max(7, Math.min(hour, 19.5));
        return (int) Math.round(hour * 60) / 5 * 5;
    }

    /** Log-normal: median about 3.5 minutes, a long tail beyond 20 minutes. */
    private static long lobbyWaitSeconds(Random random) {
        long seconds = Math.round(Math.exp(Math.log(210) + 0.8 * random.nextGaussian()));
        return Math.max(5, Math.min(seconds, 75 * 60));
    }

    private static int weightedDepartment(Random random) {
        double[] weights = {0.22, 0.12, 0.18, 0.16, 0.22, 0.10};
        double r = random.nextDouble();
        for (int i = 0; i < weights.length; i++) {
            r -= weights[i];
            if (r < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    /** Collects one meeting's events, dropping those after "now" (a visit still going on). */
    private static final class Meeting {
        private final String meetingId;
        private final String type;
        private final String department;
        private final String kind;
        private final Instant now;
        private final List<RawEvent> out;
        private int sequence;

        Meeting(String meetingId, String type, String department, String kind, Instant now, List<RawEvent> out) {
            this.meetingId = meetingId;
            this.type = type;
            this.department = department;
            this.kind = kind;
            this.now = now;
            this.out = out;
        }

        void add(String eventType, Instant at, String participant, String role) {
            if (at.isAfter(now)) {
                return;
            }
            out.add(new RawEvent(meetingId + "-" + (sequence++), meetingId, type, eventType, at.toString(),
                    participant == null ? null : meetingId + "-" + participant, role, department, kind));
        }
    }
}
