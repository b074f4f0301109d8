package org.citycard.card;

/** The outcome of a card operation. */
public sealed interface CardResult {

    record Done(Card card) implements CardResult {
    }

    /** Refused; {@code field} names the input it is about (reason, address, a linked number), when there is one. */
    record Refused(CardProblem problem, String field) implements CardResult {
        public Refused(CardProblem problem) {
            this(problem, null);
        }
    }
}
