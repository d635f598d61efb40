package org.virtualvisits.analytics.base.ui;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * The page shown when a view cannot open because the database is unreachable (down, restarting): a
 * friendly "temporarily unavailable" with a way to try again, HTTP 503, instead of a stack trace.
 */
public class DatabaseUnavailable extends Main {

    DatabaseUnavailable() {
        addClassName("vva-page");
        add(new H1(getTranslation("error.databaseUnavailable.title")),
                new Paragraph(getTranslation("error.databaseUnavailable")),
                new Anchor("", getTranslation("error.databaseUnavailable.retry")));
    }

    /** Whether the failure, or one of its causes, is the database being out of reach. */
    public static boolean causedBy(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof DataAccessResourceFailureException || t instanceof CannotCreateTransactionException
                    || t instanceof TransientDataAccessResourceException || t instanceof TransactionSystemException) {
                return true;
            }
        }
        return false;
    }

    /** For a connection or resource failure while a view opens. */
    @AnonymousAllowed
    public static class OnResourceFailure extends DatabaseUnavailable
            implements HasErrorParameter<DataAccessResourceFailureException> {

        @Override
        public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<DataAccessResourceFailureException> p) {
            return HttpServletResponse.SC_SERVICE_UNAVAILABLE;
        }
    }

    /** For a transaction that could not begin (no connection) while a view opens. */
    @AnonymousAllowed
    public static class OnNoTransaction extends DatabaseUnavailable
            implements HasErrorParameter<CannotCreateTransactionException> {

        @Override
        public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<CannotCreateTransactionException> p) {
            return HttpServletResponse.SC_SERVICE_UNAVAILABLE;
        }
    }
}
