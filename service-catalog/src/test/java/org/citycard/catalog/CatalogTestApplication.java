package org.citycard.catalog;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Boots the catalog module alone, for its integration tests. */
@SpringBootApplication
public class CatalogTestApplication {
}
