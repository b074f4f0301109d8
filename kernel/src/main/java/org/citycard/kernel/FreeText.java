package org.citycard.kernel;

import java.text.Normalizer;

/**
 * The one rule for free text that people type and we keep (names, addresses, reasons, guide fields, codes): no
 * control characters (line breaks only where the field has several lines), no half of a surrogate pair, no
 * direction overrides that make text read differently than it is stored, and a length limit per field counted
 * in characters as people see them (code points). Text is stripped and put in NFC; Windows line breaks become
 * {@code \n}. Blank text comes back clean and empty: whether a field is required is the caller's rule.
 */
public final class FreeText {

    private FreeText() {
    }

    /** Why a text was refused. */
    public enum Problem {
        TOO_LONG, CONTROL_CHARACTER, BROKEN_CHARACTER
    }

    /** What a check made of a text. */
    public sealed interface Checked {

        /** The text to keep (stripped, NFC), possibly empty. */
        record Clean(String text) implements Checked {
            public boolean isEmpty() {
                return text.isEmpty();
            }
        }

        /** Refused, naming the field, what is wrong and the field's limit. */
        record Refused(String field, Problem problem, int maxLength) implements Checked {

            /** A sentence for people, in Chinese or English. */
            public String message(boolean chinese) {
                return switch (problem) {
                    case TOO_LONG -> chinese ? "“" + field + "”最多 " + maxLength + " 个字符。"
                            : "'" + field + "' takes at most " + maxLength + " characters.";
                    case CONTROL_CHARACTER -> chinese ? "“" + field + "”含有不可见的控制字符，请重新输入。"
                            : "'" + field + "' contains invisible control characters; please type it again.";
                    case BROKEN_CHARACTER -> chinese ? "“" + field + "”含有无法识别的字符，请重新输入。"
                            : "'" + field + "' contains a broken character; please type it again.";
                };
            }
        }
    }

    /** A one-line field: no line breaks. */
    public static Checked line(String field, String raw, int maxLength) {
        return check(field, raw, maxLength, false);
    }

    /** A field of several lines: {@code \n} allowed. */
    public static Checked lines(String field, String raw, int maxLength) {
        return check(field, raw, maxLength, true);
    }

    /** The clean text of a one-line field, or null when it is refused (for callers that only need yes or no). */
    public static String lineOrNull(String raw, int maxLength) {
        return line("text", raw, maxLength) instanceof Checked.Clean clean ? clean.text() : null;
    }

    private static Checked check(String field, String raw, int maxLength, boolean multiLine) {
        if (raw == null) {
            return new Checked.Clean("");
        }
        // judge the raw text first: a NUL at the end must not be stripped away unnoticed
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < raw.length() && Character.isLowSurrogate(raw.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return new Checked.Refused(field, Problem.BROKEN_CHARACTER, maxLength);
            }
            if (Character.isLowSurrogate(c) || c == '\uFFFD' || c == '\uFFFE' || c == '\uFFFF') {
                return new Checked.Refused(field, Problem.BROKEN_CHARACTER, maxLength);
            }
            boolean lineBreak = c == '\n' || c == '\r';
            if (lineBreak && multiLine) {
                continue;
            }
            if (c == '\t' && multiLine) {
                continue;
            }
            if (Character.isISOControl(c) || lineBreak || isDirectionOverride(c) || c == '\u2028' || c == '\u2029') {
                return new Checked.Refused(field, Problem.CONTROL_CHARACTER, maxLength);
            }
        }
        String text = Normalizer.normalize(raw, Normalizer.Form.NFC).replace("\r\n", "\n").replace('\r', '\n').strip();
        if (text.codePointCount(0, text.length()) > maxLength) {
            return new Checked.Refused(field, Problem.TOO_LONG, maxLength);
        }
        return new Checked.Clean(text);
    }

    private static boolean isDirectionOverride(char c) {
        return c >= '\u202A' && c <= '\u202E' || c >= '\u2066' && c <= '\u2069';
    }
}
