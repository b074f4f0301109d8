package org.citycard.catalog;

import java.util.List;

/**
 * What an import did. When {@code problems} is not empty nothing was written: the file is taken whole or
 * not at all. {@code entry} names the offending entry ({@code services[3] 420200SW-GG-0001}).
 */
public record ImportReport(boolean applied, int categories, int services, int bundles, List<Problem> problems) {

    public ImportReport {
        problems = List.copyOf(problems);
    }

    public record Problem(String entry, String field, String messageKey, String detail) {
    }
}
