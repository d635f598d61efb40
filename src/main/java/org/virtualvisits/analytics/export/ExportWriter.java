package org.virtualvisits.analytics.export;

import java.io.Closeable;
import java.io.IOException;
import org.virtualvisits.analytics.visits.Visit;

/** Writes visits, one row each, in a file format; memory stays flat however many rows come. */
interface ExportWriter extends Closeable {

    void write(Visit visit) throws IOException;

    /** Writes what is still pending to the target stream (which stays open). */
    void finish() throws IOException;

    /** Releases temporary resources; the target stream stays open. */
    @Override
    void close() throws IOException;
}
