package org.citycard.catalog;

/** One material (申请材料) an applicant provides. */
public record Material(LocalizedText name, MaterialForm form, int copies, boolean required, LocalizedText notes) {
}
