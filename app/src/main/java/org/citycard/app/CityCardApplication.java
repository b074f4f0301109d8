package org.citycard.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Starts CityCard: the catalog, the mini-program API and the portal in one process. */
@SpringBootApplication(scanBasePackages = "org.citycard")
@ConfigurationPropertiesScan("org.citycard.app")
// Vaadin finds routes in the auto-configuration packages: the whole of CityCard, not just this module.
@AutoConfigurationPackage(basePackages = "org.citycard")
public class CityCardApplication {

    public static void main(String[] args) {
        SpringApplication.run(CityCardApplication.class, args);
    }
}
