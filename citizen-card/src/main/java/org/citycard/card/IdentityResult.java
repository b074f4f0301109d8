package org.citycard.card;

/** The outcome of an identity request: done (with the citizen as they now are) or refused with a reason. */
public sealed interface IdentityResult {

    record Done(Citizen citizen) implements IdentityResult {
    }

    record Refused(IdentityProblem problem) implements IdentityResult {
    }

    static IdentityResult refused(IdentityProblem problem) {
        return new Refused(problem);
    }
}
