package org.virtualvisits.analytics.visits;

import java.util.List;

/** A batch with at least one invalid event: refused whole, nothing stored. */
public class BatchRejectedException extends RuntimeException {

    private final transient List<FieldError> errors;

    public BatchRejectedException(List<FieldError> errors) {
        super(errors.size() + " invalid field(s) in the batch; nothing was stored");
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
