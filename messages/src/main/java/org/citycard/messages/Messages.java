package org.citycard.messages;

import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.citycard.card.CitizenId;

/** The city's messages to citizens: sending, the inbox, and each citizen's choices. */
public interface Messages {

    LocalTime QUIET_FROM = LocalTime.of(22, 0);
    LocalTime QUIET_UNTIL = LocalTime.of(8, 0);

    /**
     * Puts the message in the inbox at once and queues its copies on the citizen's channels for the topic (outside
     * quiet hours unless urgent). The same key again sends nothing more. Returns the message's id.
     */
    long send(Notice notice);

    List<Message> inbox(CitizenId citizen, int limit);

    long unread(CitizenId citizen);

    /** False when the message is not the citizen's. */
    boolean markRead(CitizenId citizen, long messageId);

    /** The channels copies can go to on this platform (a citizen chooses among these). */
    Set<Channel> channelsAvailable();

    /** The channels chosen per topic (the defaults where the citizen has not chosen). */
    Map<Topic, Set<Channel>> channels(CitizenId citizen);

    void choose(CitizenId citizen, Topic topic, Set<Channel> channels);

    /** The template id of each topic on a mini-program channel, for the mini-program to ask consent for. */
    Map<Topic, String> templates(Channel channel);

    /**
     * Records what the citizen answered to the mini-program's consent request ({@code wx.requestSubscribeMessage}):
     * template id to "accept", "reject" or "ban"; each "accept" is good for one message. Returns how many were
     * accepted; template ids this platform does not use are refused (false in {@link ConsentResult}).
     */
    ConsentResult recordConsents(CitizenId citizen, Channel channel, Map<String, String> decisions);

    record ConsentResult(boolean known, int accepted) {
    }

    /** The citizen's quiet hours (China time). */
    QuietHours quietHours(CitizenId citizen);

    void setQuietHours(CitizenId citizen, QuietHours hours);

    record QuietHours(LocalTime from, LocalTime until) {
        public static final QuietHours DEFAULT = new QuietHours(QUIET_FROM, QUIET_UNTIL);

        public boolean contains(LocalTime time) {
            if (from.equals(until)) {
                return false;
            }
            return from.isBefore(until) ? !time.isBefore(from) && time.isBefore(until)
                    : !time.isBefore(from) || time.isBefore(until);
        }
    }
}
