package org.citycard.portal.catalog;

import java.util.Locale;
import java.util.Map;

import org.citycard.catalog.Bundle;
import org.citycard.catalog.CatalogBrowsing;
import org.citycard.catalog.Category;
import org.citycard.portal.shell.PortalLayout;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Section;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;

/** Home: the search box, the category grid, featured and popular services, and the life-event bundles. Public. */
@Route(value = "", layout = PortalLayout.class)
@AnonymousAllowed
public class HomeView extends Div implements HasDynamicTitle {

    public HomeView(CatalogBrowsing catalog) {
        Locale locale = getLocale();
        H1 title = new H1(getTranslation("home.title"));
        title.addClassName("cc-hero-title");
        Paragraph subtitle = new Paragraph(getTranslation("home.subtitle"));
        subtitle.addClassName("cc-hero-subtitle");
        Div hero = new Div(title, subtitle, new SearchBox(catalog, null));
        hero.addClassName("cc-hero");
        add(hero);

        Map<String, Integer> counts = catalog.serviceCounts();
        Div grid = new Div();
        grid.addClassName("cc-category-grid");
        for (Category c : catalog.categories()) {
            Anchor tile = new Anchor("category/" + c.code());
            tile.addClassName("cc-category-tile");
            Div icon = new Div(Widgets.icon(c.icon()));
            icon.addClassName("cc-category-icon");
            Span label = new Span(c.name().in(locale));
            label.addClassName("cc-category-label");
            Span count = new Span(getTranslation("home.category.count", counts.getOrDefault(c.code(), 0)));
            count.addClassNames("cc-category-count", "cc-elder-hide");
            tile.add(icon, label, count);
            grid.add(tile);
        }
        add(section("home.categories", grid));
        add(section("home.featured", Widgets.serviceList(this, catalog.featured(6), locale)));
        var popular = catalog.popular(6);
        if (!popular.isEmpty()) {
            Section s = section("home.popular", Widgets.serviceList(this, popular, locale));
            s.addClassName("cc-elder-hide");
            add(s);
        }
        Div bundles = new Div();
        bundles.addClassName("cc-bundle-list");
        for (Bundle b : catalog.bundles()) {
            Anchor card = new Anchor("bundle/" + b.code());
            card.addClassName("cc-bundle-card");
            card.add(new H3(b.name().in(locale)), new Paragraph(b.description().in(locale)));
            bundles.add(card);
        }
        add(section("home.bundles", bundles));
    }

    private Section section(String key, com.vaadin.flow.component.Component content) {
        H2 heading = new H2(getTranslation(key));
        heading.addClassName("cc-section-title");
        Section section = new Section(heading, content);
        section.addClassName("cc-section");
        return section;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("home.page-title");
    }
}
