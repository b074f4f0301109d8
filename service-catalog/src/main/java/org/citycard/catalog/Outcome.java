package org.citycard.catalog;

import java.util.List;

/** The result of an administrative action: done, or rejected with a reason the caller must show. */
public sealed interface Outcome {

    Outcome DONE = new Done();

    static Outcome rejected(Rejection reason) {
        return new Rejected(reason, List.of());
    }

    static Outcome rejected(Rejection reason, List<FieldProblem> problems) {
        return new Rejected(reason, problems);
    }

    default boolean isDone() {
        return this instanceof Done;
    }

    record Done() implements Outcome {
    }

    record Rejected(Rejection reason, List<FieldProblem> problems) implements Outcome {
        public Rejected {
            problems = List.copyOf(problems);
        }
    }
}
