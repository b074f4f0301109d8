package org.citycard.catalog.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import org.citycard.catalog.Actor;
import org.citycard.catalog.ImportReport;
import org.citycard.catalog.Outcome;
import org.citycard.catalog.ServiceCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Loads the demo catalog (about 70 services of 黄石市) into an empty database, once, and publishes it. Only
 * when {@code citycard.catalog.demo-data} is on, which only the default (embedded) profile does.
 */
@Component
@ConditionalOnProperty(name = "citycard.catalog.demo-data", havingValue = "true")
class DemoCatalogLoader implements ApplicationRunner {

    static final String RESOURCE = "catalog/demo-catalog.json";
    private static final Logger log = LoggerFactory.getLogger(DemoCatalogLoader.class);

    private final CatalogAdministrationService administration;
    private final StructureStore structure;
    private final TransactionTemplate transactions;

    DemoCatalogLoader(CatalogAdministrationService administration, StructureStore structure,
                      TransactionTemplate transactions) {
        this.administration = administration;
        this.structure = structure;
        this.transactions = transactions;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!structure.categories().isEmpty()) {
            return;
        }
        byte[] json = read();
        int published = transactions.execute(status -> {
            ImportReport report = administration.importCatalog(json, Actor.SYSTEM);
            if (!report.applied()) {
                throw new IllegalStateException("demo catalog does not import: " + report.problems());
            }
            int count = 0;
            for (var row : administration.find(org.citycard.catalog.AdminFilter.ALL, 0, 10_000)) {
                ServiceCode code = row.code();
                if (administration.publishDirectly(code) instanceof Outcome.Rejected r) {
                    throw new IllegalStateException("demo service " + code + " does not publish: " + r);
                }
                count++;
            }
            return count;
        });
        log.info("Demo catalog loaded: {} services published", published);
    }

    private static byte[] read() {
        try (InputStream in = new ClassPathResource(RESOURCE).getInputStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
