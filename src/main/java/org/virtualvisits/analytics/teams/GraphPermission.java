package org.virtualvisits.analytics.teams;

/** What the app registration needs for each kind of Graph call (named in a 401/403 status). */
public enum GraphPermission {
    /** The token request itself: tenant id, client id or secret wrong, or the secret expired. */
    CREDENTIALS("a valid tenant id, client id and client secret"),
    BOOKINGS("the application permission BookingsAppointment.ReadWrite.All or Bookings.Read.All"),
    ONLINE_MEETINGS("the application permission OnlineMeetings.Read.All and an application access policy"
            + " granted to the booking mailbox"),
    ATTENDANCE_REPORTS("the application permission OnlineMeetingArtifact.Read.All and an application access"
            + " policy granted to the booking mailbox");

    private final String needed;

    GraphPermission(String needed) {
        this.needed = needed;
    }

    /** In words, e.g. "the application permission OnlineMeetings.Read.All and an application access policy". */
    public String needed() {
        return needed;
    }
}
