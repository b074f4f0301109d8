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

    /**
     * The visitor's display choices, from the portal's cookies (this page is outside the Vaadin UI that sets them):
     * language, elder-friendly mode (larger text) and dark mode.
     */
    record Look(boolean english, boolean elder, boolean dark) {
        static Look of(HttpServletRequest request) {
            boolean english = false;
            boolean elder = false;
            boolean dark = false;
            if (request.getCookies() != null) {
                for (jakarta.servlet.http.Cookie c : request.getCookies()) {
                    switch (c.getName()) {
                        case "cc-lang" -> english = "en".equals(c.getValue());
                        case "cc-elder" -> elder = "1".equals(c.getValue());
                        case "cc-dark" -> dark = "1".equals(c.getValue());
                        default -> { }
                    }
                }
            }
            return new Look(english, elder, dark);
        }

        String t(String zh, String en) {
            return english ? en : zh;
        }
    }

    @GetMapping(path = "/vaccination/queue/{vaccine}")
    ResponseEntity<String> page(@PathVariable String vaccine, HttpServletRequest request) {
        Look look = Look.of(request);
        String back = "<p><a href=\"/vaccination\">" + look.t("疫苗接种预约", "Vaccination booking") + "</a></p>";
        Optional<Vaccine> v = vaccination.vaccine(vaccine).filter(x -> vaccination.waitingRoom(x.id()));
        if (v.isEmpty()) {
            return html(look, HttpStatus.NOT_FOUND, look.t("没有这个排队", "No such waiting room"),
                    "<h1>" + look.t("没有这个排队", "No such waiting room") + "</h1>" + back, false);
        }
        String name = "<span lang=\"zh-CN\">" + escape(v.get().name()) + "</span>";
        String title = escape(v.get().name()) + look.t(" 排队", " waiting room");
        String heading = "<h1>" + name + look.t(" 排队", " waiting room") + "</h1>";
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        Optional<CitizenId> citizen = auth == null || auth.getAuthorities().stream()
                .noneMatch(a -> a.getAuthority().equals("ROLE_CITIZEN")) ? Optional.empty()
                : CitizenId.parse(auth.getName());
        if (citizen.isEmpty()) {
            return html(look, HttpStatus.OK, title, heading + "<p>" + look.t("请先登录，再进入排队。",
                    "Sign in first, then join the line.") + "</p><p><a href=\"/signin\">" + look.t("登录", "Sign in")
                    + "</a></p>", false);
        }
        Optional<java.time.Instant> opening = vaccination.opening(v.get().id());
        if (opening.isEmpty()) {
            return html(look, HttpStatus.OK, title, heading + "<p>" + look.t("近期没有开放预约的时段。",
                    "No booking of this vaccine is to open.") + "</p>" + back, false);
        }
        if (!WaitingRoom.open(opening.get(), java.time.Instant.now())) {
            String at = OPENS.format(opening.get());
            String lineAt = OPENS.format(opening.get().minus(WaitingRoom.OPENS_BEFORE));
            return html(look, HttpStatus.OK, title, heading + "<p role=\"status\">" + look.t("预约将于 " + at
                    + " 开放，排队从 " + lineAt + " 开始。本页会自动刷新。", "Booking opens at " + at + " (China time); the "
                    + "line opens at " + lineAt + ". This page refreshes itself.") + "</p>", true);
        }
        Optional<WaitingRoom.Status> status;
        try {
            status = room.join(v.get().id(), opening.get(), citizen.get(), request.getRemoteAddr());
            // the opening under way, while the next one's line fills: its slots are booked through its own line
            vaccination.openedLast(v.get().id()).filter(o -> !o.equals(opening.get()))
                    .ifPresent(o -> room.join(v.get().id(), o, citizen.get(), request.getRemoteAddr()));
        } catch (RuntimeException e) {
            if (!Busy.in(e)) {
                throw e;
            }
            // the line's store (Redis) away for a moment: the page keeps refreshing, and the number is kept
            String busy = Busy.toLog(e);
            if (busy != null) {
                log.warn("Waiting page answered busy: {} (a backing service away for a moment)", busy);
            }
            return html(look, HttpStatus.SERVICE_UNAVAILABLE, title, heading + "<p role=\"status\">" + look.t(
                    "排队的人很多，系统正忙。本页每 " + REFRESH_SECONDS + " 秒自动刷新，请勿关闭；您的排队号不会丢失。",
                    "We are very busy for a moment. This page refreshes itself every " + REFRESH_SECONDS
                            + " seconds; your place in line is kept.") + "</p>", true);
        }
        if (status.isEmpty()) {
            return html(look, HttpStatus.TOO_MANY_REQUESTS, title, heading + "<p role=\"alert\">" + look.t(
                    "同一网络排队的人太多，请一分钟后再试。", "Too many people joined from this network; try again in a minute.")
                    + "</p>", true);
        }
        WaitingRoom.Status s = status.get();
        if (s.admitted()) {
            return html(look, HttpStatus.OK, look.t("轮到您了", "Your turn"), "<h1>" + look.t("轮到您了", "Your turn")
                    + "</h1><p>" + look.t("您的排队号 " + s.number() + "。请在几分钟内选择时段预约。", "Your number: "
                    + s.number() + ". Choose a period and book within a few minutes.") + "</p><p><a class=\"go\" "
                    + "href=\"/vaccination?vaccine=" + escape(v.get().id()) + "\">" + look.t("去预约", "Book now")
                    + "</a></p>", false);
        }
        long done = Math.max(0, s.number() - s.ahead());
        long seconds = s.expectedWait().toSeconds();
        String wait = look.english() ? (seconds < 60 ? seconds + " seconds" : (seconds + 59) / 60 + " minutes")
                : seconds < 60 ? seconds + " 秒" : (seconds + 59) / 60 + " 分钟";
        return html(look, HttpStatus.OK, escape(v.get().name()) + look.t(" 排队中", " waiting"),
                "<h1>" + name + look.t(" 排队中", " waiting") + "</h1>"
                + "<p class=\"number\">" + look.t("您的排队号", "Your number") + " <strong>" + s.number() + "</strong></p>"
                + "<p><label for=\"line\">" + look.t("前面还有 " + s.ahead() + " 人，预计等待 " + wait,
                        s.ahead() + " ahead of you, about " + wait) + "</label></p>"
                + "<progress id=\"line\" max=\"" + s.number() + "\" value=\"" + done + "\">" + done + "/" + s.number()
                + "</progress><p class=\"note\">" + look.t("本页每 " + REFRESH_SECONDS + " 秒自动刷新，请勿关闭；重新打开不会"
                        + "失去排队号。", "This page refreshes itself every " + REFRESH_SECONDS + " seconds; opening it again "
                        + "keeps your number.") + "</p>", true);
    }

    private static ResponseEntity<String> html(Look look, HttpStatus status, String title, String body, boolean refresh) {
        String page = "<!DOCTYPE html><html lang=\"" + (look.english() ? "en" : "zh-CN") + "\" class=\""
                + (look.elder() ? "elder " : "") + (look.dark() ? "dark" : "") + "\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
                + (refresh ? "<meta http-equiv=\"refresh\" content=\"" + REFRESH_SECONDS + "\">" : "")
                + "<title>" + title + look.t(" · 市民云卡", " · CityCard") + "</title><style>"
                + "body{font-family:system-ui,\"Noto Sans CJK SC\",sans-serif;margin:0 auto;max-width:36rem;padding:1rem;"
                + "color:#1a1a1a;background:#fff;line-height:1.6;font-size:1.125rem}h1{font-size:1.6rem}"
                + "progress{width:100%;height:1.5rem}.number strong{font-size:2.5rem}.note{color:#3d3d3d}"
                + "a{color:#0b5cad}a.go{display:inline-block;padding:.6rem 1.2rem;background:#0b5cad;color:#fff;"
                + "border-radius:6px;text-decoration:none}"
                // elder-friendly mode: text of at least 18 pt, a larger number and button
                + ".elder body{font-size:1.5rem;max-width:44rem}.elder h1{font-size:2.1rem}"
                + ".elder .number strong{font-size:3.5rem}.elder a.go{padding:.9rem 1.6rem}"
                + ".dark body{background:#121212;color:#eee}.dark .note{color:#ccc}.dark a{color:#8ab4f8}"
                + ".dark a.go{background:#8ab4f8;color:#121212}"
                + "</style></head><body><main>" + body + "</main></body></html>";
        var answer = ResponseEntity.status(status).contentType(MediaType.parseMediaType("text/html;charset=UTF-8"))
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
        if (status == HttpStatus.SERVICE_UNAVAILABLE) {
            answer.header(HttpHeaders.RETRY_AFTER, Integer.toString(REFRESH_SECONDS));
        } else if (status == HttpStatus.TOO_MANY_REQUESTS) { // the per-address limit counts a minute
            answer.header(HttpHeaders.RETRY_AFTER, "60");
        }
        return answer.body(page);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
