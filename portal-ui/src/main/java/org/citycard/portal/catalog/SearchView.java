package org.citycard.portal.catalog;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.citycard.catalog.CatalogBrowsing;
import org.citycard.catalog.Category;
import org.citycard.catalog.Channel;
import org.citycard.catalog.SearchPage;
import org.citycard.catalog.SearchQuery;
import org.citycard.catalog.ServiceKind;
import org.citycard.portal.shell.PortalLayout;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;

/** Search results with filters by category, kind and channel; the state lives in the URL. Public. */
@Route(value = "search", layout = PortalLayout.class)
@AnonymousAllowed
public class SearchView extends Div implements BeforeEnterObserver, HasDynamicTitle {

    private static final int PAGE_SIZE = 24;
    private static final int MAX_PAGE = 1000;
    private final CatalogBrowsing catalog;

    public SearchView(CatalogBrowsing catalog) {
        this.catalog = catalog;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        QueryParameters params = event.getLocation().getQueryParameters();
        // what cannot be typed (control characters) or is too long is not searched for: the list shows everything
        String q = first(params, "q").map(s -> org.citycard.kernel.FreeText.lineOrNull(s, SearchQuery.MAX_TEXT_LENGTH))
                .filter(s -> !s.isEmpty()).orElse(null);
        String category = first(params, "category").filter(c -> c.matches(Category.CODE_PATTERN)).orElse(null);
        ServiceKind kind = first(params, "kind").flatMap(k -> parse(ServiceKind.class, k)).orElse(null);
        Channel channel = first(params, "channel").flatMap(c -> parse(Channel.class, c)).orElse(null);
        int page = first(params, "page").filter(p -> p.matches("\\d{1,4}")).map(Integer::parseInt)
                .map(p -> Math.min(p, MAX_PAGE)).orElse(0);
        render(q, category, kind, channel, page);
    }

    private void render(String q, String category, ServiceKind kind, Channel channel, int pageNumber) {
        removeAll();
        add(new H1(getTranslation("search.title")), new SearchBox(catalog, q));

        Select<String> categories = new Select<>();
        categories.setLabel(getTranslation("search.filter.category"));
        List<String> codes = new java.util.ArrayList<>();
        codes.add("");
        catalog.categories().forEach(c -> codes.add(c.code()));
        categories.setItems(codes);
        categories.setItemLabelGenerator(code -> code.isEmpty() ? getTranslation("search.filter.any")
                : catalog.category(code).map(c -> c.name().in(getLocale())).orElse(code));
        categories.setValue(category == null ? "" : category);

        Select<String> kinds = enumSelect("search.filter.kind", ServiceKind.values(), "kind.", kind);
        Select<String> channels = enumSelect("search.filter.channel", Channel.values(), "channel.", channel);

        Div filters = new Div(categories, kinds, channels);
        filters.addClassName("cc-filters");
        add(filters);

        SearchPage page = catalog.search(new SearchQuery(q, category, kind, channel, pageNumber, PAGE_SIZE));
        Paragraph count = new Paragraph(getTranslation("search.count", page.total()));
        count.addClassName("cc-result-count");
        count.getElement().setAttribute("role", "status");
        add(count, Widgets.serviceList(this, page.items(), getLocale()));
        add(pager(q, category, kind, channel, pageNumber, page.total()));

        Runnable apply = () -> {
            var map = new java.util.LinkedHashMap<String, String>();
            if (q != null) {
                map.put("q", q);
            }
            put(map, "category", categories.getValue());
            put(map, "kind", kinds.getValue());
            put(map, "channel", channels.getValue());
            getUI().ifPresent(ui -> ui.navigate("search", QueryParameters.simple(map)));
        };
        categories.addValueChangeListener(e -> { if (e.isFromClient()) { apply.run(); } });
        kinds.addValueChangeListener(e -> { if (e.isFromClient()) { apply.run(); } });
        channels.addValueChangeListener(e -> { if (e.isFromClient()) { apply.run(); } });
    }

    /** Previous and next pages as plain links, so they work from the keyboard and can be bookmarked. */
    private Div pager(String q, String category, ServiceKind kind, Channel channel, int pageNumber, long total) {
        Div pager = new Div();
        pager.addClassName("cc-pager");
        int pages = (int) Math.min(MAX_PAGE + 1, (total + PAGE_SIZE - 1) / PAGE_SIZE);
        if (pageNumber > 0) {
            pager.add(new com.vaadin.flow.component.html.Anchor(link(q, category, kind, channel, pageNumber - 1),
                    getTranslation("search.previous")));
        }
        if (pages > 1) {
            pager.add(new com.vaadin.flow.component.html.Span(getTranslation("search.page", pageNumber + 1, pages)));
        }
        if (pageNumber + 1 < pages) {
            pager.add(new com.vaadin.flow.component.html.Anchor(link(q, category, kind, channel, pageNumber + 1),
                    getTranslation("search.next")));
        }
        return pager;
    }

    private static String link(String q, String category, ServiceKind kind, Channel channel, int page) {
        var map = new java.util.LinkedHashMap<String, String>();
        put(map, "q", q);
        put(map, "category", category);
        put(map, "kind", kind == null ? null : kind.name());
        put(map, "channel", channel == null ? null : channel.name());
        map.put("page", String.valueOf(page));
        return "search?" + QueryParameters.simple(map).getQueryString();
    }

    private <E extends Enum<E>> Select<String> enumSelect(String label, E[] values, String prefix, E current) {
        Select<String> select = new Select<>();
        select.setLabel(getTranslation(label));
        List<String> items = new java.util.ArrayList<>();
        items.add("");
        Arrays.stream(values).forEach(v -> items.add(v.name()));
        select.setItems(items);
        select.setItemLabelGenerator(v -> v.isEmpty() ? getTranslation("search.filter.any") : getTranslation(prefix + v));
        select.setValue(current == null ? "" : current.name());
        return select;
    }

    private static void put(java.util.Map<String, String> map, String key, String value) {
        if (value != null && !value.isEmpty()) {
            map.put(key, value);
        }
    }

    private static Optional<String> first(QueryParameters params, String name) {
        return params.getParameters().getOrDefault(name, List.of()).stream().filter(s -> !s.isBlank()).findFirst();
    }

    private static <E extends Enum<E>> Optional<E> parse(Class<E> type, String value) {
        try {
            return Optional.of(Enum.valueOf(type, value.toUpperCase(java.util.Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public String getPageTitle() {
        return getTranslation("search.title") + " · " + getTranslation("shell.brand");
    }
}
