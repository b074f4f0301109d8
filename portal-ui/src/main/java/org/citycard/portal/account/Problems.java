package org.citycard.portal.account;

import org.citycard.card.CardProblem;
import org.citycard.card.IdentityProblem;

import com.vaadin.flow.component.Component;

/** The friendly sentence for each refusal, in the citizen's language. */
final class Problems {

    private Problems() {
    }

    static String message(Component on, IdentityProblem problem) {
        return on.getTranslation("identity.problem." + problem.name());
    }

    static String message(Component on, CardProblem problem) {
        return on.getTranslation("card.problem." + problem.name());
    }
}
