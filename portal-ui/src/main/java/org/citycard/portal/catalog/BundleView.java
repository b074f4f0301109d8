package org.citycard.portal.catalog;

import java.util.Locale;

import org.citycard.catalog.Bundle;
import org.citycard.catalog.CatalogBrowsing;
import org.citycard.portal.shell.PortalLayout;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.OrderedList;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;

/** A "一件事" bundle: the life event and its services as numbered steps. Public. */
@Route(value = "bundle/:code", layout = PortalLayout.class)
@AnonymousAllowed
public class BundleView extends Div implements BeforeEnterObserver, HasDynamicTitle {

    private final CatalogBrowsing catalog;
    private String title = "";

    public BundleView(CatalogBrowsing catalog) {
        this.catalog = catalog;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        Bundle bundle = event.getRouteParameters().get("code").flatMap(catalog::bundle).orElse(null);
        if (bundle == null) {
            event.rerouteToError(NotFoundException.class);
            return;
        }
        removeAll();
        Locale locale = getLocale();
        title = bundle.name().in(locale);
        OrderedList steps = new OrderedList();
        steps.addClassName("cc-bundle-steps");
        steps.getElement().setAttribute("role", "list"); // numbered by CSS, still announced as a list
        bundle.services().forEach(code -> catalog.service(code).ifPresent(s ->
                steps.add(new ListItem(new Anchor("service/" + code.value(), s.definition().name().in(locale))))));
        Div card = new Div(new Paragraph(bundle.description().in(locale)), steps);
        card.addClassName("cc-bundle-card");
        add(new H1(title), card);
    }

    @Override
    public String getPageTitle() {
        return title + " · " + getTranslation("shell.brand");
    }
}
