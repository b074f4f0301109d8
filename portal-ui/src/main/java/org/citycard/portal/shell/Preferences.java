package org.citycard.portal.shell;

import java.util.Locale;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.VaadinRequest;

import jakarta.servlet.http.Cookie;

/**
 * A visitor's display choices: language, elder-friendly mode (长辈版) and dark mode. Kept in cookies so
 * they are remembered without an account; applied to the UI when it starts and whenever they change.
 */
public final class Preferences {

    static final String LANGUAGE = "cc-lang";
    static final String ELDER = "cc-elder";
    static final String DARK = "cc-dark";
    public static final String ELDER_CLASS = "cc-elder";
    private static final int ONE_YEAR = 365 * 24 * 3600;

    private Preferences() {
    }

    /** Applies the cookies of the request that opens the UI. */
    static void applyFromRequest(UI ui, VaadinRequest request) {
        Cookie[] cookies = request == null ? null : request.getCookies();
        Locale locale = PortalI18n.CHINESE;
        boolean elder = false;
        boolean dark = false;
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                switch (cookie.getName()) {
                    case LANGUAGE -> locale = "en".equals(cookie.getValue()) ? PortalI18n.ENGLISH : PortalI18n.CHINESE;
                    case ELDER -> elder = "1".equals(cookie.getValue());
                    case DARK -> dark = "1".equals(cookie.getValue());
                    default -> { }
                }
            }
        }
        ui.setLocale(locale);
        ui.getElement().setAttribute("lang", locale == PortalI18n.ENGLISH ? "en" : "zh-CN");
        ui.getElement().getClassList().set(ELDER_CLASS, elder);
        ui.getElement().getThemeList().set("dark", dark);
    }

    public static boolean elder(UI ui) {
        return ui.getElement().getClassList().contains(ELDER_CLASS);
    }

    public static boolean dark(UI ui) {
        return ui.getElement().getThemeList().contains("dark");
    }

    public static boolean english(UI ui) {
        return PortalI18n.ENGLISH.equals(PortalI18n.supported(ui.getLocale()));
    }

    public static void setElder(UI ui, boolean on) {
        ui.getElement().getClassList().set(ELDER_CLASS, on);
        remember(ui, ELDER, on ? "1" : "0");
    }

    public static void setDark(UI ui, boolean on) {
        ui.getElement().getThemeList().set("dark", on);
        // Lumo reads the theme attribute on <html>; the UI element is <body>.
        ui.getPage().executeJs("document.documentElement.setAttribute('theme', $0)", on ? "dark" : "");
        remember(ui, DARK, on ? "1" : "0");
    }

    /** Switches language; every text is re-rendered by reloading the page. */
    public static void setEnglish(UI ui, boolean english) {
        remember(ui, LANGUAGE, english ? "en" : "zh");
        ui.getPage().reload();
    }

    private static void remember(UI ui, String name, String value) {
        ui.getPage().executeJs("document.cookie = $0 + '=' + $1 + '; path=/; max-age=' + $2 + '; SameSite=Lax'",
                name, value, ONE_YEAR);
    }
}
