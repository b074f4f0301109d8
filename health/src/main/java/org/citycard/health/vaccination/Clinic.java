package org.citycard.health.vaccination;

/** A vaccination clinic (接种门诊). */
public record Clinic(String id, String name, String district, String address, String phone, boolean active) {
}
