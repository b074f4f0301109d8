package org.citycard.portal.vaccination;

import java.util.Optional;

import org.citycard.card.CitizenId;
import org.citycard.health.vaccination.Vaccination;
import org.citycard.health.vaccination.Vaccine;
import org.citycard.health.vaccination.WaitingRoom;
import org.citycard.kernel.Busy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The waiting room's page for the portal: plain HTML that refreshes itself every few seconds, so that the thousands
 * waiting at an opening hold no Vaadin session, no UI and no push connection, only their number in line (shared by
 * every node). It shows the place in line, how many are ahead, the expected wait and a progress bar; once admitted,
 * the way to the booking page. Opening it joins the line (once: a number is never given twice, and one address may
 * put only so many people in line a minute). A signed-in citizen (role CITIZEN); anyone else is asked to sign in.
 */
@Controller
class WaitingPage {

    private static final Logger log = LoggerFactory.getLogger(WaitingPage.class);

    private static final int REFRESH_SECONDS = 5;

    private final WaitingRoom room;
    private final Vaccination vaccination;

    /** When an opening is, in China time (the page's readers are in the city). */
    private static final java.time.format.DateTimeFormatter OPENS = java.time.format.DateTimeFormatter
            .ofPattern("yyyy-MM-dd HH:mm").withZone(org.citycard.kernel.ChinaTime.ZONE);

    WaitingPage(WaitingRoom room, Vaccination vaccination) {
        this.room = room;
        this.vaccination = vaccination;
    }

    @GetMapping(path = "/vaccination/queue/{vaccine}")
    ResponseEntity<String> page(@PathVariable String vaccine, HttpServletRequest request) {
        Optional<Vaccine> v = vaccination.vaccine(vaccine).filter(x -> vaccination.waitingRoom(x.id()));
        if (v.isEmpty()) {
            return html(HttpStatus.NOT_FOUND, "没有这个排队 No such waiting room", "<p>没有这个排队。<span lang=\"en\">"
                    + "No such waiting room.</span></p><p><a href=\"/vaccination\">疫苗接种预约 <span lang=\"en\">"
                    + "Vaccination booking</span></a></p>", false);
        }
        String name = escape(v.get().name());
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        Optional<CitizenId> citizen = auth == null || auth.getAuthorities().stream()
                .noneMatch(a -> a.getAuthority().equals("ROLE_CITIZEN")) ? Optional.empty()
                : CitizenId.parse(auth.getName());
        if (citizen.isEmpty()) {
            return html(HttpStatus.OK, name + " 排队 Waiting room", "<h1>" + name + " 排队 <span lang=\"en\">waiting room"
                    + "</span></h1><p>请先登录，再进入排队。<span lang=\"en\">Sign in first, then join the line.</span></p>"
                    + "<p><a href=\"/signin\">登录 <span lang=\"en\">Sign in</span></a></p>", false);
        }
        Optional<java.time.Instant> opening = vaccination.opening(v.get().id());
        if (opening.isEmpty()) {
            return html(HttpStatus.OK, name + " 排队 Waiting room", "<h1>" + name + " 排队 <span lang=\"en\">waiting room"
                    + "</span></h1><p>近期没有开放预约的时段。<span lang=\"en\">No booking of this vaccine is to open.</span>"
                    + "</p><p><a href=\"/vaccination\">疫苗接种预约 <span lang=\"en\">Vaccination booking</span></a></p>",
                    false);
        }
        if (!WaitingRoom.open(opening.get(), java.time.Instant.now())) {
            String at = OPENS.format(opening.get());
            String lineAt = OPENS.format(opening.get().minus(WaitingRoom.OPENS_BEFORE));
            return html(HttpStatus.OK, name + " 排队 Waiting room", "<h1>" + name + " 排队 <span lang=\"en\">waiting room"
                    + "</span></h1><p role=\"status\">预约将于 " + at + " 开放，排队从 " + lineAt + " 开始。本页会自动刷新。"
                    + "<span lang=\"en\">Booking opens at " + at + "; the line opens at " + lineAt + ". This page refreshes "
                    + "itself.</span></p>", true);
        }
        Optional<WaitingRoom.Status> status;
        try {
            status = room.join(v.get().id(), opening.get(), citizen.get(), request.getRemoteAddr());
        } catch (RuntimeException e) {
            if (!Busy.in(e)) {
                throw e;
            }
            // the line's store (Redis) away for a moment: the page keeps refreshing, and the number is kept
            String busy = Busy.toLog(e);
            if (busy != null) {
                log.warn("Waiting page answered busy: {} (a backing service away for a moment)", busy);
            }
            return html(HttpStatus.SERVICE_UNAVAILABLE, name + " 排队 Waiting room", "<h1>" + name + " 排队 <span "
                    + "lang=\"en\">waiting room</span></h1><p role=\"status\">排队的人很多，系统正忙。本页每 " + REFRESH_SECONDS
                    + " 秒自动刷新，请勿关闭；您的排队号不会丢失。<span lang=\"en\">We are very busy for a moment. This page "
                    + "refreshes itself every " + REFRESH_SECONDS + " seconds; your place in line is kept.</span></p>", true);
        }
        if (status.isEmpty()) {
            return html(HttpStatus.TOO_MANY_REQUESTS, name + " 排队 Waiting room", "<h1>" + name + " 排队</h1>"
                    + "<p role=\"alert\">同一网络排队的人太多，请一分钟后再试。<span lang=\"en\">Too many people joined from "
                    + "this network; try again in a minute.</span></p>", true);
        }
        WaitingRoom.Status s = status.get();
        if (s.admitted()) {
            return html(HttpStatus.OK, name + " 轮到您了 Your turn", "<h1>轮到您了 <span lang=\"en\">Your turn</span></h1>"
                    + "<p>您的排队号 " + s.number() + "。请在几分钟内选择时段预约。<span lang=\"en\">Your number: " + s.number()
                    + ". Choose a period and book within a few minutes.</span></p>"
                    + "<p><a class=\"go\" href=\"/vaccination?vaccine=" + escape(v.get().id()) + "\">去预约 <span lang=\"en\">"
                    + "Book now</span></a></p>", false);
        }
        long done = Math.max(0, s.number() - s.ahead());
        long seconds = s.expectedWait().toSeconds();
        String wait = seconds < 60 ? seconds + " 秒" : (seconds + 59) / 60 + " 分钟";
        String waitEn = seconds < 60 ? seconds + " seconds" : (seconds + 59) / 60 + " minutes";
        return html(HttpStatus.OK, name + " 排队中 Waiting", "<h1>" + name + " 排队中 <span lang=\"en\">waiting</span></h1>"
                + "<p class=\"number\">您的排队号 <strong>" + s.number() + "</strong> <span lang=\"en\">Your number</span></p>"
                + "<p><label for=\"line\">前面还有 " + s.ahead() + " 人，预计等待 " + wait + " <span lang=\"en\">"
                + s.ahead() + " ahead of you, about " + waitEn + "</span></label></p>"
                + "<progress id=\"line\" max=\"" + s.number() + "\" value=\"" + done + "\">" + done + "/" + s.number()
                + "</progress><p class=\"note\">本页每 " + REFRESH_SECONDS + " 秒自动刷新，请勿关闭；重新打开不会失去排队号。"
                + "<span lang=\"en\">This page refreshes itself every " + REFRESH_SECONDS + " seconds; opening it again "
                + "keeps your number.</span></p>", true);
    }

    private static ResponseEntity<String> html(HttpStatus status, String title, String body, boolean refresh) {
        String page = "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
                + (refresh ? "<meta http-equiv=\"refresh\" content=\"" + REFRESH_SECONDS + "\">" : "")
                + "<title>" + title + " · 市民云卡</title><style>"
                + "body{font-family:system-ui,\"Noto Sans CJK SC\",sans-serif;margin:0 auto;max-width:36rem;padding:1rem;"
                + "color:#1a1a1a;background:#fff;line-height:1.6;font-size:1.125rem}h1{font-size:1.6rem}"
                + "progress{width:100%;height:1.5rem}.number strong{font-size:2.5rem}.note{color:#3d3d3d}"
                + "a{color:#0b5cad}a.go{display:inline-block;padding:.6rem 1.2rem;background:#0b5cad;color:#fff;"
                + "border-radius:6px;text-decoration:none}"
                + "@media (prefers-color-scheme: dark){body{background:#121212;color:#eee}.note{color:#ccc}"
                + "a{color:#8ab4f8}a.go{background:#8ab4f8;color:#121212}}</style></head><body><main>" + body
                + "</main></body></html>";
        var answer = ResponseEntity.status(status).contentType(MediaType.parseMediaType("text/html;charset=UTF-8"))
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
        if (status == HttpStatus.SERVICE_UNAVAILABLE) {
            answer.header(HttpHeaders.RETRY_AFTER, Integer.toString(REFRESH_SECONDS));
        }
        return answer.body(page);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
