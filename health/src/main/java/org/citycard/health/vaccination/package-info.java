/**
 * Vaccination booking: clinics and their vaccines, slots, the dose rules, bookings held, confirmed (paid first for
 * self-paid vaccines), checked in with the e-health card, vaccinated, and the e-vaccination certificate anyone can
 * verify. The front ends use these types.
 */
@NamedInterface("vaccination")
package org.citycard.health.vaccination;

import org.springframework.modulith.NamedInterface;
