package org.citycard.card;

/** The outcome of a card operation. */
public sealed interface CardResult {

    record Done(Card card) implements CardResult {
    }

    record Refused(CardProblem problem) implements CardResult {
    }
}
