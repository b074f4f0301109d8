package org.citycard.portal.shell;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasElement;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Footer;
import com.vaadin.flow.component.html.Header;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Nav;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.RouterLayout;
import com.vaadin.flow.server.auth.AnonymousAllowed;

/**
 * The frame of every page: a skip link, the logo, navigation, the three switches (长辈版, language, dark)
 * and the footer with the 12345 hotline. Public.
 */
@AnonymousAllowed
public class PortalLayout extends Div implements RouterLayout {

    private final Main main = new Main();

    public PortalLayout() {
        addClassName("cc-shell");
        Anchor skip = new Anchor("#main", getTranslation("shell.skip"));
        skip.addClassName("cc-skip-link");

        Anchor logo = new Anchor("/", getTranslation("shell.brand"));
        logo.addClassName("cc-logo");

        Anchor me = link("/me", "shell.nav.me");
        me.setId("nav-me");
        Nav nav = new Nav(link("/", "shell.nav.home"), link("/search", "shell.nav.services"), me,
                link("/admin", "shell.nav.admin"));
        nav.addClassName("cc-nav");
        nav.getElement().setAttribute("aria-label", getTranslation("shell.nav.label"));
        nav.getChildren().skip(3).forEach(c -> c.addClassName("cc-elder-hide"));

        Div toolbar = new Div(elderToggle(), languageToggle(), darkToggle());
        toolbar.addClassName("cc-toolbar");

        Header header = new Header(skip, logo, nav, toolbar);
        header.addClassName("cc-header");

        main.setId("main");
        main.addClassName("cc-main");
        main.getElement().setAttribute("tabindex", "-1");

        Footer footer = new Footer(new Paragraph(getTranslation("shell.footer.hotline")),
                new Paragraph(getTranslation("shell.footer.privacy")));
        footer.addClassName("cc-footer");

        add(header, main, footer);
    }

    @Override
    public void showRouterLayoutContent(HasElement content) {
        main.removeAll();
        if (content != null) {
            main.getElement().appendChild(content.getElement());
        }
    }

    private Anchor link(String href, String key) {
        return new Anchor(href, getTranslation(key));
    }

    private Button elderToggle() {
        Button button = toggle("shell.elder");
        button.setId("elder-toggle");
        button.addClickListener(e -> {
            UI ui = UI.getCurrent();
            boolean on = !Preferences.elder(ui);
            Preferences.setElder(ui, on);
            pressed(button, on);
        });
        button.addAttachListener(e -> pressed(button, Preferences.elder(e.getUI())));
        return button;
    }

    private Button languageToggle() {
        Button button = new Button(getTranslation("shell.language"));
        button.setId("language-toggle");
        button.addClassName("cc-toggle");
        button.getElement().setAttribute("lang", "zh-CN".equals(getTranslation("shell.language.tag")) ? "en" : "zh-CN");
        button.getElement().setAttribute("aria-label", getTranslation("shell.language.label"));
        button.addClickListener(e -> Preferences.setEnglish(UI.getCurrent(), !Preferences.english(UI.getCurrent())));
        return button;
    }

    private Button darkToggle() {
        Button button = toggle("shell.dark");
        button.setId("dark-toggle");
        button.addClassName("cc-elder-hide");
        button.addClickListener(e -> {
            UI ui = UI.getCurrent();
            boolean on = !Preferences.dark(ui);
            Preferences.setDark(ui, on);
            pressed(button, on);
        });
        button.addAttachListener(e -> pressed(button, Preferences.dark(e.getUI())));
        return button;
    }

    private Button toggle(String key) {
        Button button = new Button(getTranslation(key));
        button.addClassName("cc-toggle");
        button.getElement().setAttribute("aria-pressed", "false");
        return button;
    }

    /** The label stays; aria-pressed (and the pressed style) says whether the mode is on. */
    private static void pressed(Component button, boolean on) {
        button.getElement().setAttribute("aria-pressed", Boolean.toString(on));
    }
}
