package org.citycard.catalog;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.citycard.kernel.FreeText;

/**
 * The rules a service entry must meet: {@link #structural} before it can be saved as a draft,
 * {@link #completeness} before it can be submitted or published (no guide field missing).
 */
public final class ServiceRules {

    private static final Pattern PHONE = Pattern.compile("[0-9+()\\- ]{3,30}");

    private ServiceRules() {
    }

    /** What a draft needs to be stored at all: identity, names and sane values. */
    public static List<FieldProblem> structural(ServiceDefinition s) {
        var problems = new Problems();
        if (s.code() == null) {
            problems.add("code", "catalog.problem.code");
        }
        problems.requireBoth("name", s.name(), ServiceDefinition.NAME_MAX_LENGTH);
        if (s.kind() == null) {
            problems.add("kind", "catalog.problem.required");
        }
        if (s.categoryCode() == null || s.categoryCode().isBlank()) {
            problems.add("categoryCode", "catalog.problem.required");
        }
        if (s.handler().type() == null) {
            problems.add("handler.type", "catalog.problem.required");
        } else if (s.handler().type() == HandlerType.EXTERNAL_LINK && !isHttpsUrl(s.handler().url())) {
            problems.add("handler.url", "catalog.problem.url");
        } else if (s.handler().type() == HandlerType.CITIZEN_CARD) {
            if (s.handler().url() != null && !ServiceHandler.CARD_PAGES.contains(s.handler().url())) {
                problems.add("handler.url", "catalog.problem.card-page");
            }
        } else if (s.handler().type() == HandlerType.VACCINATION_BOOKING) {
            if (s.handler().url() != null && !ServiceHandler.VACCINATION_PAGES.contains(s.handler().url())) {
                problems.add("handler.url", "catalog.problem.vaccination-page");
            }
        } else if (s.handler().type() != HandlerType.EXTERNAL_LINK && s.handler().url() != null) {
            problems.add("handler.url", "catalog.problem.url-not-used");
        }
        if (s.summary() != null) {
            problems.maxLength("summary", s.summary(), ServiceDefinition.SUMMARY_MAX_LENGTH);
        }
        readable(problems, "", s, 0);
        ServiceGuide g = s.guide();
        if (g != null) {
            for (int i = 0; i < g.materials().size(); i++) {
                if (g.materials().get(i).copies() < 1) {
                    problems.add("guide.materials[" + i + "].copies", "catalog.problem.copies");
                }
            }
            for (int i = 0; i < g.fees().size(); i++) {
                Long fen = g.fees().get(i).amountFen();
                if (fen != null && fen < 0) {
                    problems.add("guide.fees[" + i + "].amountFen", "catalog.problem.amount");
                }
            }
            checkLimit(problems, "guide.statutoryLimit", g.statutoryLimit());
            checkLimit(problems, "guide.promisedLimit", g.promisedLimit());
            if (g.onlineUrl() != null && !g.onlineUrl().isBlank() && !isHttpsUrl(g.onlineUrl())) {
                problems.add("guide.onlineUrl", "catalog.problem.url");
            }
        }
        return problems.list;
    }

    /** What a service needs before citizens may see it: a complete, bilingual service guide. */
    public static List<FieldProblem> completeness(ServiceDefinition s) {
        var problems = new Problems();
        problems.list.addAll(structural(s));
        problems.requireBoth("summary", s.summary(), ServiceDefinition.SUMMARY_MAX_LENGTH);
        if (s.audiences().isEmpty()) {
            problems.add("audiences", "catalog.problem.required");
        }
        problems.requireBoth("competentDepartment", s.competentDepartment(), 200);
        problems.requireBoth("implementingBody", s.implementingBody(), 200);
        problems.requireBoth("legalBasis", s.legalBasis(), 1000);
        if (s.channels().isEmpty()) {
            problems.add("channels", "catalog.problem.channels");
        }
        ServiceGuide g = s.guide();
        if (g == null) {
            problems.add("guide", "catalog.problem.required");
            return problems.list;
        }
        if (g.conditions().isEmpty()) {
            problems.add("guide.conditions", "catalog.problem.conditions");
        }
        for (int i = 0; i < g.conditions().size(); i++) {
            problems.requireBoth("guide.conditions[" + i + "]", g.conditions().get(i), 1000);
        }
        for (int i = 0; i < g.materials().size(); i++) {
            Material m = g.materials().get(i);
            problems.requireBoth("guide.materials[" + i + "].name", m.name(), 200);
            if (m.form() == null) {
                problems.add("guide.materials[" + i + "].form", "catalog.problem.required");
            }
        }
        for (int i = 0; i < g.fees().size(); i++) {
            problems.requireBoth("guide.fees[" + i + "].item", g.fees().get(i).item(), 200);
        }
        if (!g.free()) {
            problems.requireBoth("guide.payment", g.payment(), 500);
        }
        if (s.kind() == ServiceKind.GOVERNMENT && g.statutoryLimit() == null) {
            problems.add("guide.statutoryLimit", "catalog.problem.required");
        }
        if (g.promisedLimit() == null) {
            problems.add("guide.promisedLimit", "catalog.problem.required");
        } else if (g.statutoryLimit() != null && g.promisedLimit().unit() != null && g.statutoryLimit().unit() != null
                && exceeds(g.promisedLimit(), g.statutoryLimit())) {
            problems.add("guide.promisedLimit", "catalog.problem.promised-exceeds-statutory");
        }
        if (g.handlingMode() == null) {
            problems.add("guide.handlingMode", "catalog.problem.required");
        } else {
            if (g.handlingMode().inPerson()) {
                problems.requireBoth("guide.officeAddress", g.officeAddress(), 500);
                problems.requireBoth("guide.officeHours", g.officeHours(), 500);
            }
            if (g.handlingMode().online() && !isHttpsUrl(g.onlineUrl())) {
                problems.add("guide.onlineUrl", "catalog.problem.url");
            }
        }
        problems.phone("guide.contactPhone", g.contactPhone());
        problems.phone("guide.complaintPhone", g.complaintPhone());
        return problems.list.stream().distinct().toList();
    }

    /** Fields anywhere in a catalog record (a category, a bundle) whose text is not readable ({@link FreeText}). */
    public static List<FieldProblem> unreadable(Record record) {
        var problems = new Problems();
        readable(problems, "", record, 0);
        return problems.list;
    }

    /**
     * Every text anywhere in the entry, read through its record structure: no control characters but line
     * breaks, no broken characters (the one rule for free text, {@link FreeText}); lengths are the fields' own
     * rules above.
     */
    private static void readable(Problems problems, String path, Object value, int depth) {
        if (value == null || depth > 8) {
            return;
        }
        switch (value) {
            case String text -> {
                if (FreeText.lines(path, text, Integer.MAX_VALUE) instanceof FreeText.Checked.Refused) {
                    problems.add(path, "catalog.problem.unreadable");
                }
            }
            case java.util.List<?> list -> {
                for (int i = 0; i < list.size(); i++) {
                    readable(problems, path + "[" + i + "]", list.get(i), depth + 1);
                }
            }
            case java.util.Collection<?> set -> set.forEach(item -> readable(problems, path, item, depth + 1));
            case Record record -> {
                for (var component : record.getClass().getRecordComponents()) {
                    try {
                        Object part = component.getAccessor().invoke(record);
                        readable(problems, path.isEmpty() ? component.getName() : path + "." + component.getName(),
                                part, depth + 1);
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
            default -> {
            }
        }
    }

    private static void checkLimit(Problems problems, String field, TimeLimit limit) {
        if (limit != null && (limit.unit() == null || limit.value() < 0
                || (limit.unit() != LimitUnit.IMMEDIATE && limit.value() == 0))) {
            problems.add(field, "catalog.problem.limit");
        }
    }

    /** Compares in hours; a working or calendar day counts as 24 hours (a lenient bound for mixed units). */
    private static boolean exceeds(TimeLimit promised, TimeLimit statutory) {
        return hours(promised) > hours(statutory);
    }

    private static long hours(TimeLimit limit) {
        return switch (limit.unit()) {
            case IMMEDIATE -> 0;
            case HOURS -> limit.value();
            case WORKING_DAYS, CALENDAR_DAYS -> 24L * limit.value();
        };
    }

    static boolean isHttpsUrl(String url) {
        if (url == null || url.isBlank()) {
            return false;
        }
        try {
            URI uri = URI.create(url.strip());
            return "https".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static final class Problems {
        final List<FieldProblem> list = new ArrayList<>();

        void add(String field, String key) {
            list.add(new FieldProblem(field, key));
        }

        void requireBoth(String field, LocalizedText text, int maxLength) {
            if (text == null || !LocalizedText.hasText(text.zh())) {
                add(field + ".zh", "catalog.problem.required");
            }
            if (text == null || !LocalizedText.hasText(text.en())) {
                add(field + ".en", "catalog.problem.required");
            }
            if (text != null) {
                maxLength(field, text, maxLength);
            }
        }

        void maxLength(String field, LocalizedText text, int maxLength) {
            if (text.zh() != null && text.zh().length() > maxLength) {
                add(field + ".zh", "catalog.problem.too-long");
            }
            if (text.en() != null && text.en().length() > maxLength) {
                add(field + ".en", "catalog.problem.too-long");
            }
        }

        void phone(String field, String value) {
            if (value == null || !PHONE.matcher(value).matches()) {
                add(field, "catalog.problem.phone");
            }
        }
    }
}
