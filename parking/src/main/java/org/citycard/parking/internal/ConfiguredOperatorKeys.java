package org.citycard.parking.internal;

import java.util.Map;

import org.citycard.parking.ParkingAdministration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Operators' feed keys given in configuration ({@code citycard.parking.operator-keys.<operator>}: Base64 X.509),
 * registered at start for the operators that exist (in a rehearsal, the sandbox's operators say theirs; in
 * production staff register keys in the console and this map stays empty).
 */
@Component
@Order(100)
@EnableConfigurationProperties(ConfiguredOperatorKeys.Keys.class)
class ConfiguredOperatorKeys implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(ConfiguredOperatorKeys.class);
    private static final ParkingAdministration.Staff SYSTEM = new ParkingAdministration.Staff("configuration", true);

    @ConfigurationProperties("citycard.parking")
    record Keys(Map<String, String> operatorKeys) {
        Keys {
            operatorKeys = operatorKeys == null ? Map.of() : Map.copyOf(operatorKeys);
        }
    }

    private final Keys keys;
    private final ParkingAdministration administration;
    private final DemoLots demo;

    ConfiguredOperatorKeys(Keys keys, ParkingAdministration administration,
                           org.springframework.beans.factory.ObjectProvider<DemoLots> demo) {
        this.keys = keys;
        this.administration = administration;
        this.demo = demo.getIfAvailable();
    }

    @Override
    public void run(ApplicationArguments args) {
        if (demo != null) {
            demo.run(args); // the demo operators first, when there are any to make
        }
        keys.operatorKeys().forEach((operator, key) -> {
            if (!(administration.setOperatorKey(SYSTEM, operator, key) instanceof ParkingAdministration.Result.Done)) {
                log.warn("The configured feed key of parking operator {} was not registered (unknown operator or bad key)",
                        operator);
            }
        });
    }
}
