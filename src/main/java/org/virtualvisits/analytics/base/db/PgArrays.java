package org.virtualvisits.analytics.base.db;

import java.util.Collection;
import java.util.stream.Collectors;

/**
 * PostgreSQL array literals for text[] parameters. Spring expands a Java array or collection
 * parameter into a list of placeholders (for IN clauses), so an array is bound as its
 * literal text and cast in SQL: {@code cast(:departments as text[])}.
 */
public final class PgArrays {

    private PgArrays() {
    }

    public static String textArray(Collection<String> values) {
        return values.stream()
                .map(v -> '"' + v.replace("\\", "\\\\").replace("\"", "\\\"") + '"')
                .collect(Collectors.joining(",", "{", "}"));
    }
}
