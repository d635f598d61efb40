package org.virtualvisits.analytics.export;

import java.util.Locale;
import org.virtualvisits.analytics.report.VisitScope;

/** A job with what running it needs: the scope recorded when the user asked, the request, the language. */
record StoredJob(ExportJob job, VisitScope scope, ExportRequest request, Locale locale) {
}
