/** Vaccination's pages: booking, the certificates, the public certificate check, and the clinic's console. */
package org.citycard.portal.vaccination;
