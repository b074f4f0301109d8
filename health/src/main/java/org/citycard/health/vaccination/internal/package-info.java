/** Vaccination's storage, rules and jobs; nothing here is used from outside the module. */
package org.citycard.health.vaccination.internal;
