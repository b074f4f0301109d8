package org.citycard.catalog;

import java.util.List;

/**
 * The service guide (办事指南). No fees means the service is free; {@code payment} says how fees are paid.
 * The statutory limit may be absent for everyday services that no law times.
 */
public record ServiceGuide(
        List<LocalizedText> conditions,
        List<Material> materials,
        List<Fee> fees,
        LocalizedText payment,
        TimeLimit statutoryLimit,
        TimeLimit promisedLimit,
        HandlingMode handlingMode,
        LocalizedText officeAddress,
        LocalizedText officeHours,
        String contactPhone,
        String complaintPhone,
        String onlineUrl) {

    public ServiceGuide {
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
        materials = materials == null ? List.of() : List.copyOf(materials);
        fees = fees == null ? List.of() : List.copyOf(fees);
    }

    public boolean free() {
        return fees.isEmpty();
    }

    /** 零材料: the government already holds everything it needs. */
    public boolean zeroMaterial() {
        return materials.isEmpty();
    }
}
