package org.virtualvisits.analytics.subscriptions;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.virtualvisits.analytics.base.audit.AuditEvent;
import org.virtualvisits.analytics.security.AppUserPrincipal;
import org.virtualvisits.analytics.security.CurrentUser;
import org.virtualvisits.analytics.security.Role;
import org.virtualvisits.analytics.security.UserAccount;
import org.virtualvisits.analytics.security.UserAccounts;

/**
 * Report subscriptions for the signed-in user: anyone subscribes themselves and manages their own;
 * a global admin also subscribes other users of the organisation and sees, pauses and deletes
 * every subscription of it. The organisation is always the signed-in user's.
 */
@Service
public class SubscriptionService {

    private final Subscriptions subscriptions;
    private final SubscriptionScheduling scheduling;
    private final SubscriptionSettings settings;
    private final ReportMailComposer composer;
    private final UserAccounts users;
    private final CurrentUser currentUser;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    SubscriptionService(Subscriptions subscriptions, SubscriptionScheduling scheduling, SubscriptionSettings settings,
            ReportMailComposer composer, UserAccounts users, CurrentUser currentUser,
            ApplicationEventPublisher events, Clock clock) {
        this.subscriptions = subscriptions;
        this.scheduling = scheduling;
        this.settings = settings;
        this.composer = composer;
        this.users = users;
        this.currentUser = currentUser;
        this.events = events;
        this.clock = clock;
    }

    /** Whether mails can go out ({@code spring.mail.host} set); subscriptions are kept either way. */
    public boolean mailConfigured() {
        return settings.mailConfigured();
    }

    /** Whether the signed-in user sees and manages the whole organisation's subscriptions. */
    public boolean managesOrganisation() {
        return currentUser.require().role() == Role.GLOBAL_ADMIN;
    }

    public long currentUserId() {
        return currentUser.require().userId();
    }

    /** Whom the signed-in user may subscribe: themselves, or (a global admin) any enabled user of the organisation. */
    public List<UserAccount> subscribableUsers() {
        AppUserPrincipal user = currentUser.require();
        List<UserAccount> all = users.findByOrganisation(user.organisationId());
        return all.stream().filter(UserAccount::enabled)
                .filter(u -> managesOrganisation() || u.id() == user.userId()).toList();
    }

    /** A default address for a user: their username when it is one. */
    public static String defaultEmail(String username) {
        return MailAddresses.guess(username);
    }

    /**
     * Subscribes {@code subscriberId} (the signed-in user, or for a global admin another user of the
     * organisation) and queues the first send.
     */
    @Transactional
    public Subscription subscribe(long subscriberId, NewSubscription subscription) {
        AppUserPrincipal user = currentUser.require();
        if (subscriberId != user.userId() && !managesOrganisation()) {
            throw new SubscriptionException("subscriptions.error.notAllowed");
        }
        UserAccount subscriber = users.findInOrganisation(user.organisationId(), subscriberId)
                .filter(UserAccount::enabled)
                .orElseThrow(() -> new SubscriptionException("subscriptions.error.noSuchUser"));
        Instant now = clock.instant();
        long id = subscriptions.insert(user.organisationId(), subscriber.id(), user.username(), subscription, now);
        Instant next = subscription.schedule().nextAfter(now);
        subscriptions.nextRun(id, next);
        scheduling.schedule(id, next);
        Subscription created = subscriptions.find(id).orElseThrow();
        audit(created, "subscription.created", SubscriptionDelivery.describe(created));
        return created;
    }

    /** The signed-in user's subscriptions; a global admin's: the organisation's. */
    @Transactional(readOnly = true)
    public List<Subscription> list() {
        AppUserPrincipal user = currentUser.require();
        return managesOrganisation() ? subscriptions.findByOrganisation(user.organisationId())
                : subscriptions.findByUser(user.organisationId(), user.userId());
    }

    @Transactional
    public Subscription setPaused(long id, boolean paused) {
        Subscription subscription = managed(id);
        Instant next = paused ? null : subscription.schedule().nextAfter(clock.instant());
        subscriptions.setPaused(id, paused, next);
        if (paused) {
            scheduling.cancel(id);
        } else {
            scheduling.schedule(id, next);
        }
        audit(subscription, paused ? "subscription.paused" : "subscription.resumed",
                SubscriptionDelivery.describe(subscription));
        return subscriptions.find(id).orElseThrow();
    }

    @Transactional
    public void delete(long id) {
        Subscription subscription = managed(id);
        subscriptions.delete(id);
        scheduling.cancel(id);
        audit(subscription, "subscription.deleted", SubscriptionDelivery.describe(subscription));
    }

    /** Sends the mail in a moment, for testing; the regular schedule goes on after it. */
    @Transactional
    public void sendNow(long id) {
        Subscription subscription = managed(id);
        if (subscription.paused()) {
            throw new SubscriptionException("subscriptions.error.paused");
        }
        if (!scheduling.schedule(id, clock.instant())) {
            throw new SubscriptionException("subscriptions.error.running");
        }
        audit(subscription, "subscription.sendNow", SubscriptionDelivery.describe(subscription));
    }

    /** The subscription an unsubscribe token names, if the token is genuine and it still exists. */
    @Transactional(readOnly = true)
    public Optional<Subscription> byUnsubscribeToken(String token) {
        OptionalLong id = composer.tokens().verify(token);
        return id.isPresent() ? subscriptions.find(id.getAsLong()) : Optional.empty();
    }

    /** Whether a token is genuine (its subscription may be gone already). */
    public boolean genuineToken(String token) {
        return composer.tokens().verify(token).isPresent();
    }

    /** Ends the subscription of a genuine token, no sign-in needed; false when it was gone already. */
    @Transactional
    public boolean unsubscribe(String token) {
        Optional<Subscription> subscription = byUnsubscribeToken(token);
        if (subscription.isEmpty()) {
            return false;
        }
        Subscription gone = subscription.get();
        subscriptions.delete(gone.id());
        scheduling.cancel(gone.id());
        events.publishEvent(new AuditEvent(gone.organisationId(), gone.email(), "subscription.unsubscribed",
                SubscriptionDelivery.describe(gone)));
        return true;
    }

    /** A subscription the signed-in user may manage: their own, or any of the organisation for a global admin. */
    private Subscription managed(long id) {
        AppUserPrincipal user = currentUser.require();
        return subscriptions.findInOrganisation(user.organisationId(), id)
                .filter(s -> s.userId() == user.userId() || managesOrganisation())
                .orElseThrow(() -> new SubscriptionException("subscriptions.error.notFound"));
    }

    private void audit(Subscription subscription, String action, String detail) {
        events.publishEvent(new AuditEvent(subscription.organisationId(), null, action, detail));
    }
}
