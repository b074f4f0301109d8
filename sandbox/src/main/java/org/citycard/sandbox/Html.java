package org.citycard.sandbox;

import java.util.Map;

import org.citycard.sandbox.payment.SandboxGateway.Response;

/** The sandbox's own plain pages: escaped text, one small style sheet, readable without any script. */
public final class Html {

    private static final String STYLE = """
            body{font-family:system-ui,"Noto Sans CJK SC",sans-serif;margin:0 auto;max-width:46rem;padding:1rem;\
            color:#1a1a1a;background:#fff;line-height:1.5}h1{font-size:1.5rem}table{border-collapse:collapse;width:100%}\
            th,td{border-bottom:1px solid #767676;padding:.5rem;text-align:left}button{font:inherit;padding:.4rem .8rem;\
            margin:.1rem;border:1px solid #1a1a1a;border-radius:4px;background:#fff;color:#1a1a1a;cursor:pointer}\
            button.approve{background:#0b5cad;border-color:#0b5cad;color:#fff}.highlighted{background:#fff4c2}\
            .note{color:#3d3d3d}.outcome{font-weight:bold;padding:.5rem;border:2px solid #0b5cad}\
            a{color:#0b5cad}""";

    private Html() {
    }

    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A whole page, in Chinese with English alongside (the sandbox speaks to developers of both). */
    public static Response page(String title, String body) {
        return new Response(200, Map.of("Content-Type", "text/html;charset=UTF-8", "Cache-Control", "no-store",
                "Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
                "X-Content-Type-Options", "nosniff"),
                "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
                        + "content=\"width=device-width,initial-scale=1\"><title>" + escape(title) + "</title><style>"
                        + STYLE + "</style></head><body><main>" + body + "</main></body></html>");
    }

    public static Response json(int status, String body) {
        return new Response(status, Map.of("Content-Type", "application/json;charset=UTF-8", "Cache-Control", "no-store"),
                body);
    }

    public static Response redirect(String location) {
        return new Response(303, Map.of("Location", location), "");
    }
}
