package org.citycard.portal.account;

import org.citycard.card.Identities;
import org.citycard.portal.shell.PortalLayout;

import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;

/** Password reset with an SMS code to the registered phone; ends signed in. Public. */
@Route(value = "reset-password", layout = PortalLayout.class)
@AnonymousAllowed
public class ResetPasswordView extends RegisterView {

    public ResetPasswordView(Identities identities, org.citycard.card.HumanCheck humanCheck,
                             IdentityProviderSession session) {
        super(identities, humanCheck, session, "reset");
    }
}
