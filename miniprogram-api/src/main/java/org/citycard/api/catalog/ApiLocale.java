package org.citycard.api.catalog;

import java.util.Locale;

/** Chinese unless the client prefers English; a malformed header is not an error, it is Chinese. */
final class ApiLocale {

    static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;

    private ApiLocale() {
    }

    static Locale of(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return CHINESE;
        }
        try {
            for (Locale.LanguageRange range : Locale.LanguageRange.parse(acceptLanguage)) {
                String tag = range.getRange();
                if (tag.startsWith("en")) {
                    return Locale.ENGLISH;
                }
                if (tag.startsWith("zh") || tag.equals("*")) {
                    return CHINESE;
                }
            }
        } catch (IllegalArgumentException e) {
            // malformed: fall through to Chinese
        }
        return CHINESE;
    }
}
