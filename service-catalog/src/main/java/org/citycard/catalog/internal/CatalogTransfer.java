package org.citycard.catalog.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.citycard.catalog.Bundle;
import org.citycard.catalog.Category;
import org.citycard.catalog.FieldProblem;
import org.citycard.catalog.ImportReport;
import org.citycard.catalog.ServiceCode;
import org.citycard.catalog.ServiceDefinition;
import org.citycard.catalog.ServiceRules;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Reads and writes catalog files. Parsing checks every entry on its own, so a bad file is reported entry by
 * entry before anything is written.
 */
final class CatalogTransfer {

    static final int MAX_BYTES = 20 * 1024 * 1024;

    record Parsed(CatalogDocument document, List<ImportReport.Problem> problems) {
    }

    private final ServiceStore services;
    private final StructureStore structure;

    CatalogTransfer(ServiceStore services, StructureStore structure) {
        this.services = services;
        this.structure = structure;
    }

    Parsed parse(byte[] json) {
        List<ImportReport.Problem> problems = new ArrayList<>();
        if (json == null || json.length == 0 || json.length > MAX_BYTES) {
            problems.add(new ImportReport.Problem("file", "", "catalog.import.size", null));
            return new Parsed(null, problems);
        }
        JsonNode root;
        try {
            root = CatalogJson.MAPPER.readTree(json);
        } catch (JacksonException e) {
            problems.add(new ImportReport.Problem("file", "", "catalog.import.not-json", CatalogJson.describe(e)));
            return new Parsed(null, problems);
        }
        if (root == null || !root.isObject() || !CatalogDocument.FORMAT.equals(root.path("format").asString(""))
                || root.path("formatVersion").asInt(0) != CatalogDocument.FORMAT_VERSION) {
            problems.add(new ImportReport.Problem("file", "format", "catalog.import.format", null));
            return new Parsed(null, problems);
        }
        List<Indexed<Category>> categories = entries(root, "categories", Category.class, problems);
        List<Indexed<ServiceDefinition>> definitions = entries(root, "services", ServiceDefinition.class, problems);
        List<Indexed<Bundle>> bundles = entries(root, "bundles", Bundle.class, problems);

        Set<String> categoryCodes = new HashSet<>();
        structure.categories().forEach(c -> categoryCodes.add(c.code()));
        Set<String> seenCategories = new HashSet<>();
        for (Indexed<Category> indexed : categories) {
            Category c = indexed.value();
            String entry = "categories[" + indexed.index() + "] " + c.code();
            checkCategory(c).forEach(p -> problems.add(problem(entry, p)));
            if (!seenCategories.add(c.code())) {
                problems.add(new ImportReport.Problem(entry, "code", "catalog.import.duplicate", null));
            }
            categoryCodes.add(c.code());
        }
        Set<ServiceCode> serviceCodes = new HashSet<>();
        for (Indexed<ServiceDefinition> indexed : definitions) {
            ServiceDefinition s = indexed.value();
            String entry = "services[" + indexed.index() + "] " + s.code();
            ServiceRules.structural(s).forEach(p -> problems.add(problem(entry, p)));
            if (s.categoryCode() != null && !categoryCodes.contains(s.categoryCode())) {
                problems.add(new ImportReport.Problem(entry, "categoryCode", "catalog.problem.unknown-category", null));
            }
            if (s.code() != null && !serviceCodes.add(s.code())) {
                problems.add(new ImportReport.Problem(entry, "code", "catalog.import.duplicate", null));
            }
        }
        Set<String> seenBundles = new HashSet<>();
        for (Indexed<Bundle> indexed : bundles) {
            Bundle b = indexed.value();
            String entry = "bundles[" + indexed.index() + "] " + b.code();
            checkBundle(b, serviceCodes).forEach(p -> problems.add(problem(entry, p)));
            if (!seenBundles.add(b.code())) {
                problems.add(new ImportReport.Problem(entry, "code", "catalog.import.duplicate", null));
            }
        }
        return new Parsed(new CatalogDocument(CatalogDocument.FORMAT, CatalogDocument.FORMAT_VERSION,
                values(categories), values(definitions), values(bundles)), problems);
    }

    byte[] export() {
        var document = new CatalogDocument(CatalogDocument.FORMAT, CatalogDocument.FORMAT_VERSION,
                structure.categories(), services.allWorking(), structure.bundles());
        return CatalogJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(document)
                .getBytes(StandardCharsets.UTF_8);
    }

    static List<FieldProblem> checkCategory(Category c) {
        List<FieldProblem> problems = new ArrayList<>();
        if (c.code() == null || !c.code().matches(Category.CODE_PATTERN)) {
            problems.add(new FieldProblem("code", "catalog.problem.category-code"));
        }
        if (c.name() == null || !c.name().bilingual()) {
            problems.add(new FieldProblem("name", "catalog.problem.required"));
        } else if (c.name().zh().length() > Category.NAME_MAX_LENGTH || c.name().en().length() > Category.NAME_MAX_LENGTH) {
            problems.add(new FieldProblem("name", "catalog.problem.too-long"));
        }
        if (c.icon() == null || !c.icon().matches("[A-Z_]{1,40}")) {
            problems.add(new FieldProblem("icon", "catalog.problem.icon"));
        }
        return problems;
    }

    /** A bundle's services must exist, in the database or among {@code alsoKnown} (the same import file). */
    List<FieldProblem> checkBundle(Bundle b, Set<ServiceCode> alsoKnown) {
        List<FieldProblem> problems = new ArrayList<>();
        if (b.code() == null || !b.code().matches(Category.CODE_PATTERN)) {
            problems.add(new FieldProblem("code", "catalog.problem.category-code"));
        }
        if (b.name() == null || !b.name().bilingual()) {
            problems.add(new FieldProblem("name", "catalog.problem.required"));
        } else if (b.name().zh().length() > Bundle.NAME_MAX_LENGTH || b.name().en().length() > Bundle.NAME_MAX_LENGTH) {
            problems.add(new FieldProblem("name", "catalog.problem.too-long"));
        }
        if (b.description() == null || !b.description().bilingual()) {
            problems.add(new FieldProblem("description", "catalog.problem.required"));
        } else if (b.description().zh().length() > Bundle.DESCRIPTION_MAX_LENGTH
                || b.description().en().length() > Bundle.DESCRIPTION_MAX_LENGTH) {
            problems.add(new FieldProblem("description", "catalog.problem.too-long"));
        }
        if (b.icon() == null || !b.icon().matches("[A-Z_]{1,40}")) {
            problems.add(new FieldProblem("icon", "catalog.problem.icon"));
        }
        if (b.services().size() < 2) {
            problems.add(new FieldProblem("services", "catalog.problem.bundle-size"));
        }
        if (new HashSet<>(b.services()).size() != b.services().size()) {
            problems.add(new FieldProblem("services", "catalog.import.duplicate"));
        }
        for (int i = 0; i < b.services().size(); i++) {
            ServiceCode code = b.services().get(i);
            if (!alsoKnown.contains(code) && !services.exists(code)) {
                problems.add(new FieldProblem("services[" + i + "]", "catalog.problem.unknown-service"));
            }
        }
        return problems;
    }

    private static ImportReport.Problem problem(String entry, FieldProblem p) {
        return new ImportReport.Problem(entry, p.field(), p.messageKey(), null);
    }

    /** An entry and where it stood in the file, so errors name the entry the administrator sees. */
    private record Indexed<T>(int index, T value) {
    }

    private static <T> List<T> values(List<Indexed<T>> entries) {
        return entries.stream().map(Indexed::value).toList();
    }

    private static <T> List<Indexed<T>> entries(JsonNode root, String name, Class<T> type,
                                                List<ImportReport.Problem> problems) {
        JsonNode array = root.path(name);
        List<Indexed<T>> out = new ArrayList<>();
        if (array.isMissingNode() || array.isNull()) {
            return out;
        }
        if (!array.isArray()) {
            problems.add(new ImportReport.Problem(name, "", "catalog.import.format", null));
            return out;
        }
        for (int i = 0; i < array.size(); i++) {
            try {
                out.add(new Indexed<>(i, CatalogJson.MAPPER.treeToValue(array.get(i), type)));
            } catch (JacksonException | IllegalArgumentException e) {
                String id = array.get(i).path("code").asString("?");
                problems.add(new ImportReport.Problem(name + "[" + i + "] " + id, "", "catalog.import.entry",
                        e instanceof JacksonException je ? CatalogJson.describe(je) : e.getMessage()));
            }
        }
        return out;
    }
}
