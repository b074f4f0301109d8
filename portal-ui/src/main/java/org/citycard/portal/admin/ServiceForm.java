package org.citycard.portal.admin;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import org.citycard.catalog.Audience;
import org.citycard.catalog.Category;
import org.citycard.catalog.Channel;
import org.citycard.catalog.Fee;
import org.citycard.catalog.FieldProblem;
import org.citycard.catalog.HandlerType;
import org.citycard.catalog.HandlingMode;
import org.citycard.catalog.LimitUnit;
import org.citycard.catalog.LocalizedText;
import org.citycard.catalog.Material;
import org.citycard.catalog.MaterialForm;
import org.citycard.catalog.ServiceCode;
import org.citycard.catalog.ServiceDefinition;
import org.citycard.catalog.ServiceGuide;
import org.citycard.catalog.ServiceHandler;
import org.citycard.catalog.ServiceKind;
import org.citycard.catalog.TimeLimit;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;

/**
 * The editor's form for one service: every field of the entry and its guide. It reads and writes a
 * {@link ServiceDefinition}; the rules live in the catalog, and their problems are shown next to the fields.
 */
final class ServiceForm extends Div {

    private final Map<String, HasValidation> fields = new HashMap<>();
    private final TextField code = text("code", "admin.field.code");
    private final TextField nameZh = text("name.zh", "admin.field.name.zh");
    private final TextField nameEn = text("name.en", "admin.field.name.en");
    private final TextArea summaryZh = area("summary.zh", "admin.field.summary.zh");
    private final TextArea summaryEn = area("summary.en", "admin.field.summary.en");
    private final Select<ServiceKind> kind = select("kind", "admin.field.kind", ServiceKind.values(), "kind.");
    private final CheckboxGroup<Audience> audiences = new CheckboxGroup<>();
    private final Select<String> category = new Select<>();
    private final TextField departmentZh = text("competentDepartment.zh", "admin.field.department.zh");
    private final TextField departmentEn = text("competentDepartment.en", "admin.field.department.en");
    private final TextField bodyZh = text("implementingBody.zh", "admin.field.body.zh");
    private final TextField bodyEn = text("implementingBody.en", "admin.field.body.en");
    private final TextArea legalZh = area("legalBasis.zh", "admin.field.legal.zh");
    private final TextArea legalEn = area("legalBasis.en", "admin.field.legal.en");
    private final TextField keywords = text("keywords", "admin.field.keywords");
    private final Select<HandlerType> handler = select("handler.type", "admin.field.handler", HandlerType.values(), "handler.");
    private final TextField handlerUrl = text("handler.url", "admin.field.handler-url");
    private final CheckboxGroup<Channel> channels = new CheckboxGroup<>();
    private final TextField regions = text("regions", "admin.field.regions");
    private final Checkbox featured = new Checkbox();
    private final IntegerField sortOrder = new IntegerField();
    private final TextArea conditionsZh = area("guide.conditions", "admin.field.conditions.zh");
    private final TextArea conditionsEn = area("guide.conditions.en-lines", "admin.field.conditions.en");
    private final Div materials = new Div();
    private final List<MaterialRow> materialRows = new ArrayList<>();
    private final Div fees = new Div();
    private final List<FeeRow> feeRows = new ArrayList<>();
    private final TextField paymentZh = text("guide.payment.zh", "admin.field.payment.zh");
    private final TextField paymentEn = text("guide.payment.en", "admin.field.payment.en");
    private final IntegerField statutoryValue = integer("guide.statutoryLimit", "admin.field.statutory");
    private final Select<String> statutoryUnit = unitSelect(true);
    private final IntegerField promisedValue = integer("guide.promisedLimit", "admin.field.promised");
    private final Select<String> promisedUnit = unitSelect(false);
    private final Select<HandlingMode> mode = select("guide.handlingMode", "admin.field.mode", HandlingMode.values(), "mode.");
    private final TextField addressZh = text("guide.officeAddress.zh", "admin.field.address.zh");
    private final TextField addressEn = text("guide.officeAddress.en", "admin.field.address.en");
    private final TextField hoursZh = text("guide.officeHours.zh", "admin.field.hours.zh");
    private final TextField hoursEn = text("guide.officeHours.en", "admin.field.hours.en");
    private final TextField contactPhone = text("guide.contactPhone", "admin.field.contact");
    private final TextField complaintPhone = text("guide.complaintPhone", "admin.field.complaint");
    private final TextField onlineUrl = text("guide.onlineUrl", "admin.field.online");

    ServiceForm(List<Category> categories) {
        code.setMaxLength(ServiceCode.MAX_LENGTH);
        code.setHelperText(getTranslation("admin.field.code.help"));
        nameZh.setMaxLength(ServiceDefinition.NAME_MAX_LENGTH);
        nameEn.setMaxLength(ServiceDefinition.NAME_MAX_LENGTH);
        summaryZh.setMaxLength(ServiceDefinition.SUMMARY_MAX_LENGTH);
        summaryEn.setMaxLength(ServiceDefinition.SUMMARY_MAX_LENGTH);
        audiences.setLabel(getTranslation("admin.field.audiences"));
        audiences.setItems(Audience.values());
        audiences.setItemLabelGenerator(a -> getTranslation("audience." + a.name()));
        fields.put("audiences", audiences);
        category.setLabel(getTranslation("admin.field.category"));
        category.setItems(categories.stream().map(Category::code).toList());
        category.setItemLabelGenerator(c -> categories.stream().filter(x -> x.code().equals(c)).findFirst()
                .map(x -> x.name().in(getLocale())).orElse(c));
        fields.put("categoryCode", category);
        keywords.setHelperText(getTranslation("admin.field.list.help"));
        regions.setHelperText(getTranslation("admin.field.list.help"));
        channels.setLabel(getTranslation("admin.field.channels"));
        channels.setItems(Channel.values());
        channels.setItemLabelGenerator(c -> getTranslation("channel." + c.name()));
        fields.put("channels", channels);
        featured.setLabel(getTranslation("admin.field.featured"));
        sortOrder.setLabel(getTranslation("admin.field.sort"));
        conditionsZh.setHelperText(getTranslation("admin.field.lines.help"));
        conditionsEn.setHelperText(getTranslation("admin.field.lines.help"));

        Button addMaterial = new Button(getTranslation("admin.field.material.add"), e -> addMaterial(null));
        addMaterial.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        Button addFee = new Button(getTranslation("admin.field.fee.add"), e -> addFee(null));
        addFee.addThemeVariants(ButtonVariant.LUMO_TERTIARY);

        add(section("admin.section.basics", code, nameZh, nameEn, summaryZh, summaryEn, kind, audiences, category,
                        keywords, regions, channels, featured, sortOrder),
                section("admin.section.authority", departmentZh, departmentEn, bodyZh, bodyEn, legalZh, legalEn),
                section("admin.section.handler", handler, handlerUrl),
                section("admin.section.conditions", conditionsZh, conditionsEn),
                sectionOf("admin.section.materials", materials, addMaterial),
                sectionOf("admin.section.fees", fees, addFee, form(paymentZh, paymentEn)),
                section("admin.section.limits", statutoryValue, statutoryUnit, promisedValue, promisedUnit),
                section("admin.section.where", mode, addressZh, addressEn, hoursZh, hoursEn, onlineUrl),
                section("admin.section.contacts", contactPhone, complaintPhone));
    }

    void read(ServiceDefinition d, boolean codeEditable) {
        code.setValue(d == null || d.code() == null ? "" : d.code().value());
        code.setReadOnly(!codeEditable);
        if (d == null) {
            kind.setValue(ServiceKind.GOVERNMENT);
            handler.setValue(HandlerType.INFO_ONLY);
            mode.setValue(HandlingMode.BOTH);
            audiences.setValue(java.util.Set.of(Audience.CITIZEN));
            channels.setValue(java.util.Set.of(Channel.WEB, Channel.WECHAT, Channel.ALIPAY));
            complaintPhone.setValue("12345");
            statutoryUnit.setValue(LimitUnit.WORKING_DAYS.name());
            promisedUnit.setValue(LimitUnit.WORKING_DAYS.name());
            sortOrder.setValue(100);
            return;
        }
        fill(nameZh, nameEn, d.name());
        fill(summaryZh, summaryEn, d.summary());
        kind.setValue(d.kind());
        audiences.setValue(d.audiences());
        category.setValue(d.categoryCode());
        fill(departmentZh, departmentEn, d.competentDepartment());
        fill(bodyZh, bodyEn, d.implementingBody());
        fill(legalZh, legalEn, d.legalBasis());
        keywords.setValue(String.join(", ", d.keywords()));
        handler.setValue(d.handler().type());
        handlerUrl.setValue(d.handler().url() == null ? "" : d.handler().url());
        channels.setValue(d.channels());
        regions.setValue(String.join(", ", d.regions()));
        featured.setValue(d.featured());
        sortOrder.setValue(d.sortOrder());
        ServiceGuide g = d.guide();
        if (g == null) {
            return;
        }
        conditionsZh.setValue(String.join("\n", g.conditions().stream().map(c -> nz(c.zh())).toList()));
        conditionsEn.setValue(String.join("\n", g.conditions().stream().map(c -> nz(c.en())).toList()));
        materials.removeAll();
        materialRows.clear();
        g.materials().forEach(this::addMaterial);
        fees.removeAll();
        feeRows.clear();
        g.fees().forEach(this::addFee);
        fill(paymentZh, paymentEn, g.payment());
        readLimit(g.statutoryLimit(), statutoryValue, statutoryUnit);
        readLimit(g.promisedLimit(), promisedValue, promisedUnit);
        mode.setValue(g.handlingMode());
        fill(addressZh, addressEn, g.officeAddress());
        fill(hoursZh, hoursEn, g.officeHours());
        contactPhone.setValue(nz(g.contactPhone()));
        complaintPhone.setValue(nz(g.complaintPhone()));
        onlineUrl.setValue(nz(g.onlineUrl()));
    }

    /** The entry as typed; null when the code is not a code (shown next to the field). */
    ServiceDefinition write() {
        clearProblems();
        ServiceCode parsed = ServiceCode.parse(code.getValue()).orElse(null);
        if (parsed == null) {
            show(List.of(new FieldProblem("code", "catalog.problem.code")));
            return null;
        }
        List<String> zhLines = lines(conditionsZh.getValue());
        List<String> enLines = lines(conditionsEn.getValue());
        List<LocalizedText> conditions = new ArrayList<>();
        for (int i = 0; i < Math.max(zhLines.size(), enLines.size()); i++) {
            conditions.add(LocalizedText.of(i < zhLines.size() ? zhLines.get(i) : null, i < enLines.size() ? enLines.get(i) : null));
        }
        ServiceGuide guide = new ServiceGuide(conditions,
                materialRows.stream().map(MaterialRow::write).toList(),
                feeRows.stream().map(FeeRow::write).toList(),
                text(paymentZh, paymentEn),
                limit(statutoryValue, statutoryUnit), limit(promisedValue, promisedUnit),
                mode.getValue(), text(addressZh, addressEn), text(hoursZh, hoursEn),
                blankToNull(contactPhone.getValue()), blankToNull(complaintPhone.getValue()),
                blankToNull(onlineUrl.getValue()));
        return new ServiceDefinition(parsed, text(nameZh, nameEn), text(summaryZh, summaryEn), kind.getValue(),
                audiences.getValue(), text(departmentZh, departmentEn), text(bodyZh, bodyEn), text(legalZh, legalEn),
                category.getValue(), list(keywords.getValue()),
                new ServiceHandler(handler.getValue(),
                        handler.getValue() == HandlerType.EXTERNAL_LINK || handler.getValue() == HandlerType.CITIZEN_CARD
                                || handler.getValue() == HandlerType.VACCINATION_BOOKING
                                ? blankToNull(handlerUrl.getValue()) : null),
                channels.getValue(), list(regions.getValue()), featured.getValue(),
                sortOrder.getValue() == null ? 0 : sortOrder.getValue(), guide);
    }

    /** Shows each problem next to its field; returns those that have no field (shown in a list). */
    List<FieldProblem> show(List<FieldProblem> problems) {
        List<FieldProblem> unplaced = new ArrayList<>();
        for (FieldProblem p : problems) {
            HasValidation field = fieldFor(p.field());
            if (field == null) {
                unplaced.add(p);
            } else {
                field.setErrorMessage(getTranslation(p.messageKey()));
                field.setInvalid(true);
            }
        }
        return unplaced;
    }

    void clearProblems() {
        fields.values().forEach(f -> f.setInvalid(false));
    }

    private HasValidation fieldFor(String path) {
        if (path.startsWith("guide.conditions")) {
            return path.endsWith(".en") ? conditionsEn : conditionsZh;
        }
        String p = path;
        while (true) {
            HasValidation field = fields.get(p);
            if (field != null) {
                return field;
            }
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            if (cut <= 0) {
                return null;
            }
            p = p.substring(0, cut);
        }
    }

    private void addMaterial(Material m) {
        MaterialRow row = new MaterialRow(materialRows.size(), m);
        materialRows.add(row);
        materials.add(row);
    }

    private void addFee(Fee f) {
        FeeRow row = new FeeRow(feeRows.size(), f);
        feeRows.add(row);
        fees.add(row);
    }

    /** Rebuilds the rows after one is removed, so row i is guide.materials[i] again for error messages. */
    private void renumberMaterials() {
        List<Material> values = materialRows.stream().map(MaterialRow::write).toList();
        fields.keySet().removeIf(k -> k.startsWith("guide.materials["));
        materials.removeAll();
        materialRows.clear();
        values.forEach(this::addMaterial);
    }

    private void renumberFees() {
        List<Fee> values = feeRows.stream().map(FeeRow::write).toList();
        fields.keySet().removeIf(k -> k.startsWith("guide.fees["));
        fees.removeAll();
        feeRows.clear();
        values.forEach(this::addFee);
    }

    /** One material: name, form, copies, required, notes. */
    private final class MaterialRow extends FormLayout {
        final TextField zh;
        final TextField en;
        final Select<MaterialForm> form;
        final IntegerField copies;
        final Checkbox required = new Checkbox();
        final TextField notesZh;
        final TextField notesEn;

        MaterialRow(int i, Material m) {
            String base = "guide.materials[" + i + "]";
            zh = text(base + ".name.zh", "admin.field.material.name.zh");
            en = text(base + ".name.en", "admin.field.material.name.en");
            form = select(base + ".form", "admin.field.material.form", MaterialForm.values(), "form.");
            copies = integer(base + ".copies", "admin.field.material.copies");
            notesZh = text(base + ".notes.zh", "admin.field.material.notes.zh");
            notesEn = text(base + ".notes.en", "admin.field.material.notes.en");
            required.setLabel(getTranslation("admin.field.material.required"));
            Button remove = new Button(getTranslation("admin.field.remove"), e -> {
                materialRows.remove(this);
                renumberMaterials();
            });
            remove.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
            addClassName("cc-form-row");
            add(zh, en, form, copies, required, notesZh, notesEn, remove);
            form.setValue(m == null ? MaterialForm.ORIGINAL : m.form());
            copies.setValue(m == null ? 1 : m.copies());
            required.setValue(m == null || m.required());
            if (m != null) {
                fill(zh, en, m.name());
                fill(notesZh, notesEn, m.notes());
            }
        }

        Material write() {
            return new Material(text(zh, en), form.getValue(), copies.getValue() == null ? 0 : copies.getValue(),
                    required.getValue(), text(notesZh, notesEn));
        }
    }

    /** One fee: item, amount in yuan (empty when it depends on usage), basis. */
    private final class FeeRow extends FormLayout {
        final TextField zh;
        final TextField en;
        final TextField yuan;
        final TextField basisZh;
        final TextField basisEn;

        FeeRow(int i, Fee f) {
            String base = "guide.fees[" + i + "]";
            zh = text(base + ".item.zh", "admin.field.fee.item.zh");
            en = text(base + ".item.en", "admin.field.fee.item.en");
            yuan = text(base + ".amountFen", "admin.field.fee.amount");
            yuan.setPattern("\\d{0,9}(\\.\\d{1,2})?");
            yuan.setHelperText(getTranslation("admin.field.fee.amount.help"));
            basisZh = text(base + ".basis.zh", "admin.field.fee.basis.zh");
            basisEn = text(base + ".basis.en", "admin.field.fee.basis.en");
            Button remove = new Button(getTranslation("admin.field.remove"), e -> {
                feeRows.remove(this);
                renumberFees();
            });
            remove.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
            addClassName("cc-form-row");
            add(zh, en, yuan, basisZh, basisEn, remove);
            if (f != null) {
                fill(zh, en, f.item());
                fill(basisZh, basisEn, f.basis());
                yuan.setValue(f.amountFen() == null ? "" : org.citycard.kernel.Fen.of(f.amountFen()).yuan());
            }
        }

        Fee write() {
            String value = yuan.getValue() == null ? "" : yuan.getValue().strip();
            Long fen = null;
            if (!value.isEmpty()) {
                // an amount that is not yuan to the fen is refused by the catalog's rules (negative)
                fen = org.citycard.kernel.Fen.parseYuan(value).map(org.citycard.kernel.Fen::value).orElse(-1L);
            }
            return new Fee(text(zh, en), fen, text(basisZh, basisEn));
        }
    }

    private Component section(String key, Component... components) {
        return sectionOf(key, form(components));
    }

    private Component sectionOf(String key, Component... components) {
        Div section = new Div(new H3(getTranslation(key)));
        section.add(components);
        section.addClassName("cc-form-section");
        return section;
    }

    private static FormLayout form(Component... components) {
        FormLayout form = new FormLayout(components);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("700px", 2));
        return form;
    }

    private TextField text(String path, String labelKey) {
        TextField field = new TextField(getTranslation(labelKey));
        field.setId("field-" + path.replaceAll("[^A-Za-z0-9]+", "-"));
        field.setWidthFull();
        fields.put(path, field);
        return field;
    }

    private TextArea area(String path, String labelKey) {
        TextArea field = new TextArea(getTranslation(labelKey));
        field.setId("field-" + path.replaceAll("[^A-Za-z0-9]+", "-"));
        field.setWidthFull();
        fields.put(path, field);
        return field;
    }

    private IntegerField integer(String path, String labelKey) {
        IntegerField field = new IntegerField(getTranslation(labelKey));
        field.setMin(0);
        fields.put(path, field);
        return field;
    }

    private <E extends Enum<E>> Select<E> select(String path, String labelKey, E[] values, String prefix) {
        Select<E> field = new Select<>();
        field.setLabel(getTranslation(labelKey));
        field.setItems(values);
        field.setItemLabelGenerator(v -> getTranslation(prefix + v.name()));
        fields.put(path, field);
        return field;
    }

    private Select<String> unitSelect(boolean allowNone) {
        Select<String> field = new Select<>();
        field.setLabel(getTranslation("admin.field.unit"));
        List<String> items = new ArrayList<>();
        if (allowNone) {
            items.add("");
        }
        Arrays.stream(LimitUnit.values()).forEach(u -> items.add(u.name()));
        field.setItems(items);
        field.setItemLabelGenerator(u -> u.isEmpty() ? getTranslation("guide.limit.none") : getTranslation("unit.name." + u));
        return field;
    }

    private static void readLimit(TimeLimit limit, IntegerField value, Select<String> unit) {
        value.setValue(limit == null ? null : limit.value());
        unit.setValue(limit == null ? "" : limit.unit().name());
    }

    private static TimeLimit limit(IntegerField value, Select<String> unit) {
        if (unit.getValue() == null || unit.getValue().isEmpty()) {
            return null;
        }
        LimitUnit u = LimitUnit.valueOf(unit.getValue());
        return new TimeLimit(u == LimitUnit.IMMEDIATE ? 0 : (value.getValue() == null ? 0 : value.getValue()), u);
    }

    private static void fill(TextField zh, TextField en, LocalizedText t) {
        zh.setValue(t == null ? "" : nz(t.zh()));
        en.setValue(t == null ? "" : nz(t.en()));
    }

    private static void fill(TextArea zh, TextArea en, LocalizedText t) {
        zh.setValue(t == null ? "" : nz(t.zh()));
        en.setValue(t == null ? "" : nz(t.en()));
    }

    private static LocalizedText text(com.vaadin.flow.component.HasValue<?, String> zh,
                                      com.vaadin.flow.component.HasValue<?, String> en) {
        String z = blankToNull(zh.getValue());
        String e = blankToNull(en.getValue());
        return z == null && e == null ? null : LocalizedText.of(z, e);
    }

    private static List<String> lines(String text) {
        return text == null ? List.of() : text.lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static List<String> list(String text) {
        if (text == null) {
            return List.of();
        }
        return new ArrayList<>(new LinkedHashSet<>(Arrays.stream(text.split("[,，;；]"))
                .map(String::strip).filter(s -> !s.isEmpty()).toList()));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
