package org.citycard.health.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.citycard.health.HospitalDesk;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code citycard.health.*}: the provincial platform as it onboarded us, and the hospitals whose terminals verify
 * codes (keyed by their terminal client id).
 */
@ConfigurationProperties("citycard.health")
record HealthProperties(Platform platform, Map<String, HospitalSpec> hospitals) {

    HealthProperties {
        hospitals = hospitals == null ? Map.of() : Map.copyOf(hospitals);
    }

    /** What the platform issued to us; the secret and key are secrets (configuration only, never logged). */
    record Platform(String baseUrl, String appId, String terminalId, String appSecret, String encryptionKey) {
        @Override
        public String toString() {
            return "Platform[" + baseUrl + ", " + appId + "]";
        }

        boolean configured() {
            return baseUrl != null && !baseUrl.isBlank() && appId != null && appSecret != null && encryptionKey != null;
        }
    }

    record HospitalSpec(String name, String orgCode) {
    }

    Map<String, HospitalDesk.Hospital> hospitalsByClient() {
        Map<String, HospitalDesk.Hospital> out = new LinkedHashMap<>();
        hospitals.forEach((client, spec) -> out.put(client, new HospitalDesk.Hospital(client,
                spec.name() == null ? client : spec.name(), spec.orgCode() == null ? client : spec.orgCode())));
        return Map.copyOf(out);
    }
}
