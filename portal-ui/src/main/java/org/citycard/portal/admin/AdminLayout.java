package org.citycard.portal.admin;

import org.citycard.portal.shell.PortalLayout;

import com.vaadin.flow.component.HasElement;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Nav;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.router.ParentLayout;
import com.vaadin.flow.router.RouterLayout;
import com.vaadin.flow.spring.security.AuthenticationContext;

import jakarta.annotation.security.RolesAllowed;

/** The admin console's frame: its navigation, who is signed in, and sign-out. Administrators only. */
@ParentLayout(PortalLayout.class)
@RolesAllowed({"CATALOG_EDITOR", "CATALOG_PUBLISHER", "CARD_OPERATOR", "FINANCE", "BILLING", "PARKING_ADMIN",
        "PARKING_OPERATOR", "HEALTH_ADMIN", "CLINIC_STAFF", "ADMIN"})
public class AdminLayout extends Div implements RouterLayout {

    private final Div content = new Div();

    public AdminLayout(AuthenticationContext auth) {
        addClassName("cc-admin");
        // each administrator sees the parts of the console their roles open
        Nav nav = new Nav();
        if (auth.hasAnyRole("CATALOG_EDITOR", "CATALOG_PUBLISHER", "ADMIN")) {
            nav.add(new Anchor("admin", getTranslation("admin.nav.catalog")));
        }
        if (auth.hasAnyRole("CATALOG_PUBLISHER", "ADMIN")) {
            nav.add(new Anchor("admin/categories", getTranslation("admin.nav.categories")),
                    new Anchor("admin/bundles", getTranslation("admin.nav.bundles")),
                    new Anchor("admin/transfer", getTranslation("admin.nav.transfer")));
        }
        if (auth.hasAnyRole("CATALOG_EDITOR", "CATALOG_PUBLISHER", "ADMIN")) {
            nav.add(new Anchor("admin/audit", getTranslation("admin.nav.audit")));
        }
        if (auth.hasAnyRole("CARD_OPERATOR", "ADMIN")) {
            nav.add(new Anchor("admin/citizens", getTranslation("admin.nav.citizens")),
                    new Anchor("admin/physical-cards", getTranslation("admin.nav.physical")),
                    new Anchor("admin/health-cards", getTranslation("admin.nav.health-cards")));
        }
        if (auth.hasAnyRole("FINANCE", "ADMIN")) {
            nav.add(new Anchor("admin/adjustments", getTranslation("admin.nav.adjustments")));
            nav.add(new Anchor("admin/payments", getTranslation("admin.nav.payments")));
            nav.add(new Anchor("admin/reconciliation", getTranslation("admin.nav.reconciliation")));
        }
        if (auth.hasAnyRole("BILLING", "FINANCE", "ADMIN")) {
            nav.add(new Anchor("admin/bills", getTranslation("admin.nav.bills")));
        }
        if (auth.hasAnyRole("BILLING", "ADMIN")) {
            nav.add(new Anchor("admin/messages", getTranslation("admin.nav.messages")));
        }
        if (auth.hasAnyRole("PARKING_ADMIN", "PARKING_OPERATOR", "ADMIN")) {
            nav.add(new Anchor("admin/parking", getTranslation("admin.nav.parking")));
        }
        if (auth.hasAnyRole("HEALTH_ADMIN", "CLINIC_STAFF", "ADMIN")) {
            nav.add(new Anchor("admin/vaccination", getTranslation("admin.nav.vaccination")));
        }
        nav.addClassName("cc-nav");
        nav.getElement().setAttribute("aria-label", getTranslation("admin.nav.label"));
        Span who = new Span(getTranslation("admin.signed-in", auth.getPrincipalName().orElse("")));
        Button logout = new Button(getTranslation("admin.logout"), e -> auth.logout());
        logout.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        logout.setId("logout");
        Div bar = new Div(nav, who, logout);
        bar.addClassName("cc-admin-toolbar");
        add(bar, content);
    }

    @Override
    public void showRouterLayoutContent(HasElement child) {
        content.removeAll();
        if (child != null) {
            content.getElement().appendChild(child.getElement());
        }
    }
}
