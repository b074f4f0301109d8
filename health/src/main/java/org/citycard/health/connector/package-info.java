/**
 * How the health module talks to the provincial e-health card platform: one
 * {@link org.citycard.health.connector.HealthCardPlatform} interface, one package per protocol.
 */
package org.citycard.health.connector;
