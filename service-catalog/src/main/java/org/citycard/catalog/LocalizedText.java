package org.citycard.catalog;

import java.util.Locale;

/** A text in Chinese (the default) and English. English falls back to Chinese when missing. */
public record LocalizedText(String zh, String en) {

    public static LocalizedText of(String zh, String en) {
        return new LocalizedText(zh, en);
    }

    public String in(Locale locale) {
        boolean english = locale != null && "en".equals(locale.getLanguage());
        if (english && hasText(en)) {
            return en;
        }
        return hasText(zh) ? zh : (en == null ? "" : en);
    }

    /** Both languages present. (Not named isComplete: JSON would take it for a property.) */
    public boolean bilingual() {
        return hasText(zh) && hasText(en);
    }

    static boolean hasText(String s) {
        return s != null && !s.isBlank();
    }
}
