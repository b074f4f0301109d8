package org.citycard.catalog;

/**
 * A citizen's search of the published catalog. Every filter is optional; {@code text} may be Chinese,
 * English, full pinyin ({@code shuifei}) or pinyin initials ({@code sf}).
 */
public record SearchQuery(String text, String category, ServiceKind kind, Channel channel, int page, int size) {

    public static final int MAX_SIZE = 100;
    public static final int MAX_TEXT_LENGTH = 100;

    public SearchQuery {
        if (page < 0) {
            throw new IllegalArgumentException("page must be 0 or more");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("size must be between 1 and " + MAX_SIZE);
        }
        if (text != null && text.length() > MAX_TEXT_LENGTH) {
            throw new IllegalArgumentException("text must be at most " + MAX_TEXT_LENGTH + " characters");
        }
        text = text == null || text.isBlank() ? null : text.strip();
        category = category == null || category.isBlank() ? null : category.strip();
    }

    public static SearchQuery text(String text) {
        return new SearchQuery(text, null, null, null, 0, 20);
    }

    public static SearchQuery inCategory(String category, int size) {
        return new SearchQuery(null, category, null, null, 0, size);
    }
}
