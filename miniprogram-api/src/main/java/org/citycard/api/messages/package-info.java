/** The mini-programs' inbox: the city's messages to the citizen, and the channels and quiet hours they chose. */
package org.citycard.api.messages;
