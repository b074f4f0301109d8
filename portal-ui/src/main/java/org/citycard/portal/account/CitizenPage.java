package org.citycard.portal.account;

import java.util.Optional;

import org.citycard.card.CitizenId;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.spring.security.AuthenticationContext;

/**
 * A page of the signed-in citizen's own: it shows that citizen's data and nobody else's. The token's subject is
 * the citizen's id; a staff account has none and is sent to the home page.
 */
public abstract class CitizenPage extends Div implements BeforeEnterObserver, HasDynamicTitle {

    private final AuthenticationContext auth;
    private final String headingKey;
    /** Where the citizen came to (its query parameters), as of the navigation that shows the page. */
    protected com.vaadin.flow.router.Location location;

    protected CitizenPage(AuthenticationContext auth, String headingKey, String className) {
        this.auth = auth;
        this.headingKey = headingKey;
        addClassNames("cc-account", className);
    }

    @Override
    public final void beforeEnter(BeforeEnterEvent event) {
        Optional<CitizenId> citizen = auth.getPrincipalName().flatMap(CitizenId::parse);
        if (citizen.isEmpty()) {
            event.forwardTo("");
            return;
        }
        location = event.getLocation();
        show(citizen.get());
    }

    /** Ends the portal's and the identity provider's sessions. */
    protected void signOut() {
        auth.logout();
    }

    /** Fills the page for the signed-in citizen. */
    protected abstract void show(CitizenId citizen);

    @Override
    public String getPageTitle() {
        return getTranslation(headingKey) + " · " + getTranslation("shell.brand");
    }
}
