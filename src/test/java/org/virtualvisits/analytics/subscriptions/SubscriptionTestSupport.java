package org.virtualvisits.analytics.subscriptions;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.mail.MailProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.virtualvisits.analytics.TestClock;
import org.virtualvisits.analytics.TestFixture;
import org.virtualvisits.analytics.organisation.Organisation;
import org.virtualvisits.analytics.report.ReportTab;
import org.virtualvisits.analytics.report.VisitColumn;
import org.virtualvisits.analytics.report.VisitSort;
import org.virtualvisits.analytics.security.AppUserPrincipal;
import org.virtualvisits.analytics.security.Role;
import org.virtualvisits.analytics.visits.DerivationRounds;
import org.virtualvisits.analytics.visits.EventIngestion;
import org.virtualvisits.analytics.visits.RawEvent;

/**
 * A real SMTP server (GreenMail) on the port the application mails to, an organisation of the
 * test's own with visits in two departments, and helpers to read messages apart.
 */
abstract class SubscriptionTestSupport {

    @Autowired
    protected TestFixture fixture;
    @Autowired
    protected TestClock clock;
    @Autowired
    protected MailProperties mailProperties;
    @Autowired
    protected SubscriptionService service;
    @Autowired
    protected SubscriptionDelivery delivery;
    @Autowired
    protected Subscriptions subscriptions;
    @Autowired
    protected EventIngestion ingestion;
    @Autowired
    protected DerivationRounds derivation;
    @Autowired
    protected JdbcClient jdbc;

    protected GreenMail greenMail;
    protected Organisation organisation;

    @BeforeEach
    void startMailServer() {
        greenMail = new GreenMail(new ServerSetup(mailProperties.getPort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        // Pinned: the xlsx states when it was generated, so a mail's file and a manual export agree.
        clock.pin(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    }

    @AfterEach
    void stopMailServer() {
        greenMail.stop();
        clock.release();
        TestFixture.signOut();
        if (organisation != null) {
            removeSubscriptions(jdbc, organisation.id());
        }
    }

    /** The organisation's subscriptions and their queued sends: none fires into a later test. */
    static void removeSubscriptions(JdbcClient jdbc, long organisationId) {
        jdbc.sql("""
                delete from scheduled_tasks where task_name like 'subscription-delivery%' and task_instance in (
                    select id::text from report_subscription where organisation_id = :org)""")
                .param("org", organisationId).update();
        jdbc.sql("delete from report_subscription where organisation_id = :org").param("org", organisationId)
                .update();
    }

    /** An organisation with 3 visits in Cardiology and 2 in Oncology over the last days (UTC). */
    protected Organisation organisationWithVisits() {
        organisation = fixture.newOrganisation();
        Instant today = clock.instant().truncatedTo(ChronoUnit.DAYS);
        List<RawEvent> events = new ArrayList<>();
        String prefix = "sub-" + organisation.id() + "-";
        events.addAll(TestFixture.completedVisit(prefix + "1", "BOOKINGS", today.minus(Duration.ofHours(20)), 60, 600,
                "Cardiology"));
        events.addAll(TestFixture.completedVisit(prefix + "2", "EHR", today.minus(Duration.ofHours(44)), 900, 1200,
                "Cardiology"));
        events.addAll(TestFixture.completedVisit(prefix + "3", "BOOKINGS", today.minus(Duration.ofHours(68)), 30, 300,
                "Cardiology"));
        events.addAll(TestFixture.completedVisit(prefix + "4", "EHR", today.minus(Duration.ofHours(21)), 120, 900,
                "Oncology"));
        events.addAll(TestFixture.completedVisit(prefix + "5", "BOOKINGS", today.minus(Duration.ofHours(45)), 10, 700,
                "Oncology"));
        ingestion.ingest(organisation.id(), events);
        derivation.deriveQueued(Duration.ofSeconds(30));
        return organisation;
    }

    protected AppUserPrincipal user(Role role, Set<String> departments) {
        return fixture.newUser(organisation, role, departments);
    }

    protected static SubscribedView visitsView() {
        return new SubscribedView(ReportTab.VISITS, null, null, null, List.of(VisitColumn.START_TIME,
                VisitColumn.MEETING_ID, VisitColumn.LOBBY_WAIT, VisitColumn.DEPARTMENT), VisitSort.START_TIME, false);
    }

    protected static NewSubscription weekly(String email, SubscribedView view, AttachmentFormat attachment,
            Locale language) {
        return new NewSubscription(email, view, RelativeRange.LAST_7_DAYS,
                SendSchedule.weekly(DayOfWeek.MONDAY, LocalTime.of(8, 0), ZoneOffset.UTC), language, attachment);
    }

    /** Subscribes {@code user} themselves (signed in as them), signed out afterwards. */
    protected Subscription subscribe(AppUserPrincipal user, NewSubscription subscription) {
        TestFixture.signIn(user);
        try {
            return service.subscribe(user.userId(), subscription);
        } finally {
            TestFixture.signOut();
        }
    }

    protected static String email(AppUserPrincipal user) {
        return user.username() + "@visits.example.test";
    }

    /** Every leaf part of a message, depth first, with the MIME types of the parts it sits in. */
    protected static List<Part> leaves(Part part) throws Exception {
        List<Part> leaves = new ArrayList<>();
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                leaves.addAll(leaves(multipart.getBodyPart(i)));
            }
        } else {
            leaves.add(part);
        }
        return leaves;
    }

    /** The MIME tree as text, e.g. "multipart/mixed[multipart/related[...], application/...]". */
    protected static String structure(Part part) throws Exception {
        String type = part.getContentType().split(";")[0].trim().toLowerCase(Locale.ROOT);
        if (part.getContent() instanceof Multipart multipart) {
            List<String> children = new ArrayList<>();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                children.add(structure(child));
            }
            return type + "[" + String.join(", ", children) + "]";
        }
        return type;
    }

    protected static byte[] bytes(Part part) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        part.getDataHandler().writeTo(out);
        return out.toByteArray();
    }

    protected static String text(Part part) throws Exception {
        return (String) part.getContent();
    }

    protected MimeMessage onlyMessage() {
        MimeMessage[] messages = greenMail.getReceivedMessages();
        if (messages.length != 1) {
            throw new AssertionError("expected one message, got " + messages.length);
        }
        return messages[0];
    }

    protected long auditCount(String action) {
        return jdbc.sql("select count(*) from audit_log where organisation_id = :org and action = :action")
                .param("org", organisation.id()).param("action", action).query(Long.class).single();
    }
}
