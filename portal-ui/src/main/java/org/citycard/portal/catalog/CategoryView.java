package org.citycard.portal.catalog;

import org.citycard.catalog.CatalogBrowsing;
import org.citycard.catalog.Category;
import org.citycard.catalog.SearchQuery;
import org.citycard.portal.shell.PortalLayout;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Nav;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;

/** One category's published services. Public. */
@Route(value = "category/:code", layout = PortalLayout.class)
@AnonymousAllowed
public class CategoryView extends Div implements BeforeEnterObserver, HasDynamicTitle {

    private final CatalogBrowsing catalog;
    private String title = "";

    public CategoryView(CatalogBrowsing catalog) {
        this.catalog = catalog;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        String code = event.getRouteParameters().get("code").orElse("");
        Category category = catalog.category(code).orElse(null);
        if (category == null) {
            event.rerouteToError(NotFoundException.class);
            return;
        }
        removeAll();
        title = category.name().in(getLocale());
        Nav crumbs = new Nav(new Anchor("/", getTranslation("shell.nav.home")));
        crumbs.addClassName("cc-breadcrumb");
        add(crumbs, new H1(title), Widgets.serviceList(this,
                catalog.search(SearchQuery.inCategory(code, SearchQuery.MAX_SIZE)).items(), getLocale()));
    }

    @Override
    public String getPageTitle() {
        return title + " · " + getTranslation("shell.brand");
    }
}
