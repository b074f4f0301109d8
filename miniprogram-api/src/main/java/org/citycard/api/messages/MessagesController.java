package org.citycard.api.messages;

import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.citycard.api.ApiProblem;
import org.citycard.card.CitizenId;
import org.citycard.messages.Channel;
import org.citycard.messages.Message;
import org.citycard.messages.Messages;
import org.citycard.messages.Topic;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The citizen's inbox (role CITIZEN; anyone else's message answers 404): the messages, newest first, with what
 * became of their copies; marking one read; the channels chosen per topic and the quiet hours.
 */
@RestController
@RequestMapping(path = "/api/mp/v1/messages", produces = "application/json")
class MessagesController {

    private final Messages messages;

    MessagesController(Messages messages) {
        this.messages = messages;
    }

    record Inbox(long unread, List<MessageView> messages) {
    }

    record MessageView(long id, String topic, String title, String body, String titleEn, String bodyEn, String link,
                       Instant sentAt, Instant readAt, List<DeliveryView> copies) {
        static MessageView of(Message m) {
            return new MessageView(m.id(), m.topic().name(), m.titleZh(), m.bodyZh(), m.titleEn(), m.bodyEn(), m.link(),
                    m.sentAt(), m.readAt(), m.deliveries().stream()
                    .map(d -> new DeliveryView(d.channel().name(), d.state().name(), d.dueAt())).toList());
        }
    }

    record DeliveryView(String channel, String state, Instant dueAt) {
    }

    record Preferences(Map<String, Set<String>> channels, String quietFrom, String quietUntil) {
    }

    @GetMapping
    Inbox inbox(@AuthenticationPrincipal Jwt jwt) {
        CitizenId citizen = citizen(jwt);
        return new Inbox(messages.unread(citizen), messages.inbox(citizen, 100).stream().map(MessageView::of).toList());
    }

    @PostMapping("/{id}/read")
    ResponseEntity<Void> read(@AuthenticationPrincipal Jwt jwt, @PathVariable String id) {
        long messageId;
        try {
            messageId = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw ApiProblem.notFound("messages.unknown", "No such message of yours.");
        }
        if (!messages.markRead(citizen(jwt), messageId)) {
            throw ApiProblem.notFound("messages.unknown", "No such message of yours.");
        }
        return ResponseEntity.noContent().build();
    }

    record ConsentReport(String channel, Map<String, String> decisions) {
    }

    /** The template id of each topic on a mini-program channel (WECHAT), to ask the citizen's consent for. */
    @GetMapping("/templates")
    Map<Topic, String> templates(@AuthenticationPrincipal Jwt jwt,
                                 @org.springframework.web.bind.annotation.RequestParam(defaultValue = "WECHAT") String channel) {
        citizen(jwt);
        return messages.templates(parse(Channel.class, channel, "channel"));
    }

    /**
     * What {@code wx.requestSubscribeMessage} returned: template id to "accept", "reject" or "ban". Each accepted
     * template is good for one message.
     */
    @PostMapping("/consents")
    Map<String, Integer> consents(@AuthenticationPrincipal Jwt jwt, @RequestBody(required = false) ConsentReport body) {
        if (body == null || body.decisions() == null) {
            throw ApiProblem.badParameter("decisions", "Send the channel and the decisions per template id.");
        }
        Channel channel = parse(Channel.class, body.channel(), "channel");
        Messages.ConsentResult result = messages.recordConsents(citizen(jwt), channel, body.decisions());
        if (!result.known()) {
            throw ApiProblem.badParameter("decisions", "1 to 20 decisions: this platform's template ids for WECHAT"
                    + " (GET /messages/templates), form ids for ALIPAY.");
        }
        return Map.of("accepted", result.accepted());
    }

    @GetMapping("/preferences")
    Preferences preferences(@AuthenticationPrincipal Jwt jwt) {
        CitizenId citizen = citizen(jwt);
        Messages.QuietHours quiet = messages.quietHours(citizen);
        Map<String, Set<String>> channels = new java.util.LinkedHashMap<>();
        messages.channels(citizen).forEach((topic, chosen) -> channels.put(topic.name(),
                chosen.stream().map(Channel::name).collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new))));
        return new Preferences(channels, quiet.from().toString(), quiet.until().toString());
    }

    /** Topics left out keep their channels; quiet hours as "22:00" and "08:00" (equal: none). */
    @PutMapping("/preferences")
    Preferences choose(@AuthenticationPrincipal Jwt jwt, @RequestBody(required = false) Preferences body) {
        CitizenId citizen = citizen(jwt);
        if (body == null) {
            throw ApiProblem.badParameter("channels", "Send the channels per topic and/or the quiet hours.");
        }
        if (body.channels() != null) {
            for (var entry : body.channels().entrySet()) {
                Topic topic = parse(Topic.class, entry.getKey(), "channels");
                Set<Channel> chosen = EnumSet.noneOf(Channel.class);
                for (String channel : entry.getValue() == null ? Set.<String>of() : entry.getValue()) {
                    chosen.add(parse(Channel.class, channel, "channels"));
                }
                messages.choose(citizen, topic, chosen);
            }
        }
        if (body.quietFrom() != null || body.quietUntil() != null) {
            messages.setQuietHours(citizen, new Messages.QuietHours(time(body.quietFrom(), "quietFrom"),
                    time(body.quietUntil(), "quietUntil")));
        }
        return preferences(jwt);
    }

    private static LocalTime time(String text, String parameter) {
        try {
            return LocalTime.parse(text == null ? "" : text);
        } catch (DateTimeParseException e) {
            throw ApiProblem.badParameter(parameter, parameter + " is a time of day such as 22:00.");
        }
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String text, String parameter) {
        try {
            return Enum.valueOf(type, text == null ? "" : text.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "request.invalid-parameter", "Unknown " + type.getSimpleName()
                    .toLowerCase(java.util.Locale.ROOT) + " '" + text + "'; known: " + java.util.Arrays.toString(type.getEnumConstants()) + ".", parameter);
        }
    }

    private static CitizenId citizen(Jwt jwt) {
        return CitizenId.parse(jwt.getSubject()).orElseThrow(() -> ApiProblem.notFound("identity.unknown-citizen",
                "This account has no citizen data."));
    }
}
