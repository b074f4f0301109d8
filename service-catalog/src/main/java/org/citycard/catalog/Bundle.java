package org.citycard.catalog;

import java.util.List;

/** A "一件事" bundle: a life event that groups several services, in the order a citizen does them. */
public record Bundle(String code, LocalizedText name, LocalizedText description, String icon, int sortOrder,
                     List<ServiceCode> services) {

    public static final int NAME_MAX_LENGTH = 100;
    public static final int DESCRIPTION_MAX_LENGTH = 1000;

    public Bundle {
        services = services == null ? List.of() : List.copyOf(services);
    }
}
