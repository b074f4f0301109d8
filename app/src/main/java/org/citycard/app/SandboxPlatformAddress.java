package org.citycard.app;

import org.citycard.sandbox.Sandbox;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * Tells the in-process sandbox where this node listens, so that its simulated parking operators send their gate
 * events here (a standalone sandbox is told by its own settings). Nothing happens without a sandbox.
 */
@Component
class SandboxPlatformAddress implements ApplicationListener<WebServerInitializedEvent> {

    private final ObjectProvider<Sandbox> sandbox;

    SandboxPlatformAddress(ObjectProvider<Sandbox> sandbox) {
        this.sandbox = sandbox;
    }

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        sandbox.ifAvailable(s -> s.platform("http://127.0.0.1:" + event.getWebServer().getPort()));
    }
}
