package org.virtualvisits.analytics.subscriptions.web;

import java.util.Locale;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;
import org.virtualvisits.analytics.subscriptions.Subscription;
import org.virtualvisits.analytics.subscriptions.SubscriptionService;
import org.virtualvisits.analytics.subscriptions.SubscriptionTexts;

/**
 * The unsubscribe link of a mail, which works without signing in: the signed token is the only
 * credential. Opening the link shows one button (a mail scanner that follows links must not
 * unsubscribe anyone); the button, or a mail client's RFC 8058 one-click POST to the same
 * address, ends the subscription.
 */
@RestController
class UnsubscribeController {

    static final String PATH = "/unsubscribe";

    private final SubscriptionService subscriptions;

    UnsubscribeController(SubscriptionService subscriptions) {
        this.subscriptions = subscriptions;
    }

    @GetMapping(value = PATH, produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> confirm(@RequestParam(name = "token", required = false) String token) {
        if (!subscriptions.genuineToken(token)) {
            return page(HttpStatus.BAD_REQUEST, Locale.ENGLISH, "unsubscribe.invalid", null);
        }
        Optional<Subscription> subscription = subscriptions.byUnsubscribeToken(token);
        if (subscription.isEmpty()) {
            return page(HttpStatus.OK, Locale.ENGLISH, "unsubscribe.gone", null);
        }
        Subscription found = subscription.get();
        SubscriptionTexts texts = SubscriptionTexts.of(found.language());
        String question = texts.get("unsubscribe.question", texts.get(found.view().tab().titleKey()), found.email());
        String form = "<form method=\"post\" action=\"" + PATH + "\"><input type=\"hidden\" name=\"token\" value=\""
                + escape(token) + "\"><button type=\"submit\" style=\"padding:10px 16px;font-size:16px;\">"
                + escape(texts.get("unsubscribe.confirm")) + "</button></form>";
        return html(HttpStatus.OK, found.language(), texts.get("unsubscribe.title"), escape(question) + "</p>" + form
                + "<p>");
    }

    @PostMapping(value = PATH, produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> unsubscribe(@RequestParam(name = "token", required = false) String token) {
        if (!subscriptions.genuineToken(token)) {
            return page(HttpStatus.BAD_REQUEST, Locale.ENGLISH, "unsubscribe.invalid", null);
        }
        Locale language = subscriptions.byUnsubscribeToken(token).map(Subscription::language).orElse(Locale.ENGLISH);
        boolean ended = subscriptions.unsubscribe(token);
        return page(HttpStatus.OK, language, ended ? "unsubscribe.done" : "unsubscribe.gone", null);
    }

    private static ResponseEntity<String> page(HttpStatus status, Locale language, String key, String extra) {
        SubscriptionTexts texts = SubscriptionTexts.of(language);
        return html(status, language, texts.get("unsubscribe.title"), escape(texts.get(key))
                + (extra == null ? "" : extra));
    }

    private static ResponseEntity<String> html(HttpStatus status, Locale language, String title, String body) {
        String html = "<!DOCTYPE html><html lang=\"" + language.getLanguage() + "\"><head><meta charset=\"UTF-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" + escape(title)
                + "</title></head><body style=\"font-family:Arial,Helvetica,sans-serif;max-width:560px;margin:40px auto;"
                + "padding:0 16px;\"><h1 style=\"font-size:22px;\">" + escape(title) + "</h1><p>" + body
                + "</p></body></html>";
        return ResponseEntity.status(status).contentType(new MediaType(MediaType.TEXT_HTML,
                java.nio.charset.StandardCharsets.UTF_8)).body(html);
    }

    private static String escape(String text) {
        return HtmlUtils.htmlEscape(text, "UTF-8");
    }
}
