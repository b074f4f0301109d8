/**
 * The one Spring Boot application that assembles CityCard's modules: start-up, security wiring and
 * configuration profiles.
 */
package org.citycard.app;
