package org.citycard.portal.catalog;

import java.util.List;
import java.util.Locale;

import org.citycard.catalog.CatalogBrowsing;
import org.citycard.catalog.SearchQuery;
import org.citycard.catalog.Suggestion;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.QueryParameters;

/**
 * The search box with live suggestions: Chinese, English, pinyin or initials. Suggestions are plain links,
 * so the keyboard reaches them with Tab; Enter or the button opens the full results.
 */
final class SearchBox extends Div {

    private final TextField field = new TextField();
    private final UnorderedList suggestions = new UnorderedList();
    private final CatalogBrowsing catalog;

    SearchBox(CatalogBrowsing catalog, String initial) {
        this.catalog = catalog;
        addClassName("cc-search");
        getElement().setAttribute("role", "search");
        field.addClassName("cc-search-field");
        field.setId("search-field");
        field.setPlaceholder(getTranslation("search.placeholder"));
        field.setAriaLabel(getTranslation("search.label"));
        field.setMaxLength(SearchQuery.MAX_TEXT_LENGTH);
        field.setClearButtonVisible(true);
        field.setPrefixComponent(VaadinIcon.SEARCH.create());
        field.setValueChangeMode(ValueChangeMode.LAZY);
        field.setValueChangeTimeout(200);
        field.setValue(initial == null ? "" : initial);
        field.addValueChangeListener(e -> suggest(e.getValue()));
        field.addKeyPressListener(Key.ENTER, e -> go());

        Button button = new Button(getTranslation("search.button"), e -> go());
        button.addClassName("cc-search-button");
        button.setId("search-button");
        button.addThemeVariants(ButtonVariant.LUMO_PRIMARY);

        suggestions.addClassName("cc-suggestions");
        suggestions.setId("search-suggestions");
        suggestions.getElement().setAttribute("aria-label", getTranslation("search.suggestions"));
        suggestions.setVisible(false);

        Div row = new Div(field, button);
        row.addClassName("cc-search-row");
        add(row, suggestions);
    }

    private void suggest(String text) {
        suggestions.removeAll();
        List<Suggestion> found = text == null || text.isBlank() ? List.of() : catalog.suggest(text, 8);
        Locale locale = getLocale();
        for (Suggestion s : found) {
            Anchor link = new Anchor("service/" + s.code().value(), s.name().in(locale));
            ListItem item = new ListItem(link);
            item.addClassName("cc-suggestion");
            suggestions.add(item);
        }
        suggestions.setVisible(!found.isEmpty());
    }

    private void go() {
        String text = field.getValue() == null ? "" : field.getValue().strip();
        getUI().ifPresent(ui -> ui.navigate("search", text.isEmpty() ? QueryParameters.empty()
                : QueryParameters.of("q", text)));
    }
}
