package org.virtualvisits.analytics.subscriptions;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.MailException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.virtualvisits.analytics.base.audit.AuditEvent;
import org.virtualvisits.analytics.organisation.Organisation;
import org.virtualvisits.analytics.organisation.Organisations;
import org.virtualvisits.analytics.security.AppUserPrincipal;
import org.virtualvisits.analytics.security.UserAccounts;

/**
 * Sends one subscription's mail. What the subscriber may see is read from their account at this
 * moment, not when they subscribed: a disabled account gets nothing, a department-limited viewer
 * only their departments, a changed role or department list counts at once. Every outcome is
 * stored on the subscription (last sent, next run, last error) and audited.
 */
@Component
class SubscriptionDelivery {

    private static final Logger log = LoggerFactory.getLogger(SubscriptionDelivery.class);

    static final String USER_DISABLED = "subscriptions.error.userDisabled";
    static final String MAIL_OFF = "subscriptions.error.mailOff";
    static final String SMTP = "subscriptions.error.smtp";
    static final String UNEXPECTED = "subscriptions.error.unexpected";

    private final Subscriptions subscriptions;
    private final UserAccounts users;
    private final Organisations organisations;
    private final ReportMailComposer composer;
    private final SubscriptionSettings settings;
    private final ObjectProvider<JavaMailSender> mailSender;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    SubscriptionDelivery(Subscriptions subscriptions, UserAccounts users, Organisations organisations,
            ReportMailComposer composer, SubscriptionSettings settings, ObjectProvider<JavaMailSender> mailSender,
            ApplicationEventPublisher events, Clock clock) {
        this.subscriptions = subscriptions;
        this.users = users;
        this.organisations = organisations;
        this.composer = composer;
        this.settings = settings;
        this.mailSender = mailSender;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Sends the mail now if the subscription and its subscriber allow it.
     *
     * @return the next regular run; empty when the subscription is gone or paused (no further run)
     * @throws MailException when the mail server fails: recorded here, retried by the task
     */
    Optional<Instant> deliver(long subscriptionId) {
        Optional<Subscription> found = subscriptions.find(subscriptionId);
        if (found.isEmpty() || found.get().paused()) {
            return Optional.empty();
        }
        Subscription subscription = found.get();
        Instant now = clock.instant();
        Instant next = subscription.schedule().nextAfter(now);
        Optional<AppUserPrincipal> user = users.findById(subscription.userId())
                .filter(u -> u.enabled() && u.organisationId() == subscription.organisationId());
        if (user.isEmpty()) {
            skip(subscription, USER_DISABLED, now, next);
            return Optional.of(next);
        }
        JavaMailSender sender = mailSender.getIfAvailable();
        if (!settings.mailConfigured() || sender == null) {
            skip(subscription, MAIL_OFF, now, next);
            return Optional.of(next);
        }
        Organisation organisation = organisations.findById(subscription.organisationId()).orElseThrow();
        try {
            ComposedMail mail = composer.compose(subscription, user.get(), organisation, now);
            sender.send(message(sender, subscription, mail));
        } catch (MailException e) {
            subscriptions.failed(subscriptionId, SMTP + "|" + shortMessage(e), now, subscription.nextRunAt());
            audit(subscription, "subscription.failed", "mail server error: " + shortMessage(e));
            throw e;
        } catch (RuntimeException e) {
            // Writing the mail failed (the database, the chart): shown on the subscription, retried like a send.
            log.error("Subscription {}: the mail could not be written", subscriptionId, e);
            subscriptions.failed(subscriptionId, UNEXPECTED, now, subscription.nextRunAt());
            audit(subscription, "subscription.failed", "mail not written: " + e.getClass().getSimpleName());
            throw e;
        }
        subscriptions.sent(subscriptionId, now, next);
        audit(subscription, "subscription.sent", (organisation.analyticsEnabled() ? "" : "analytics-off note, ")
                + describe(subscription));
        log.info("Subscription {} mailed to {}", subscriptionId, subscription.email());
        return Optional.of(next);
    }

    /** After repeated mail server failures: this run is given up, the next regular one stands. */
    Optional<Instant> gaveUp(long subscriptionId) {
        Optional<Subscription> found = subscriptions.find(subscriptionId);
        if (found.isEmpty() || found.get().paused()) {
            return Optional.empty();
        }
        Instant next = found.get().schedule().nextAfter(clock.instant());
        subscriptions.nextRun(subscriptionId, next);
        audit(found.get(), "subscription.gaveUp", "retries exhausted, next run " + next);
        return Optional.of(next);
    }

    /** Records when a failed send is tried again. */
    void retryAt(long subscriptionId, Instant at) {
        subscriptions.nextRun(subscriptionId, at);
    }

    private void skip(Subscription subscription, String reason, Instant now, Instant next) {
        subscriptions.failed(subscription.id(), reason, now, next);
        audit(subscription, "subscription.skipped", reason + ", " + describe(subscription));
    }

    private void audit(Subscription subscription, String action, String detail) {
        events.publishEvent(new AuditEvent(subscription.organisationId(), "system", action, detail));
    }

    static String describe(Subscription subscription) {
        return "subscription " + subscription.id() + " of " + subscription.username() + " (" + subscription.view().tab()
                .urlName() + ", " + subscription.range() + ") to " + subscription.email();
    }

    private static String shortMessage(Exception e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.length() > 300 ? message.substring(0, 300) : message;
    }

    private MimeMessage message(JavaMailSender sender, Subscription subscription, ComposedMail mail) {
        MimeMessage message = sender.createMimeMessage();
        try {
            MimeMessageHelper helper = new MimeMessageHelper(message, MimeMessageHelper.MULTIPART_MODE_MIXED_RELATED,
                    "UTF-8");
            helper.setFrom(settings.from());
            helper.setTo(subscription.email());
            helper.setSubject(mail.subject());
            helper.setText(mail.text(), mail.html());
            if (mail.chartPng() != null) {
                helper.addInline(ComposedMail.CHART_ID, new ByteArrayResource(mail.chartPng()), "image/png");
            }
            if (mail.attachment() != null) {
                helper.addAttachment(mail.attachment().name(), new ByteArrayResource(mail.attachment().content()),
                        mail.attachment().contentType());
            }
            // RFC 8058: mail clients offer their own one-click unsubscribe, a POST to the same link.
            String unsubscribe = composer.unsubscribeUrl(subscription.id());
            message.setHeader("List-Unsubscribe", "<" + unsubscribe + ">");
            message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
            message.setHeader("Auto-Submitted", "auto-generated");
        } catch (MessagingException e) {
            throw new MailPreparationException("The mail could not be prepared", e);
        }
        return message;
    }
}
