package io.missioncontrol.platform.security;

import org.springframework.context.annotation.Configuration;

/** Placeholder until the internal-token verification lands from the gateway branch. */
@Configuration(proxyBeanMethods = false)
public class InternalTokenSecurityConfiguration {
}
