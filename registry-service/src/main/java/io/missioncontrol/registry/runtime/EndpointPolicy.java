package io.missioncontrol.registry.runtime;

import io.missioncontrol.platform.web.ApiException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Which runtime endpoints the control plane may call (server-side request forgery): http(s) only, no user info, and
 * no address a tenant should not reach through us — loopback, link-local (the cloud metadata service at
 * 169.254.169.254 among them), private and carrier-grade NAT ranges, unique-local IPv6, the unspecified address,
 * multicast — unless the {@code mc.registry.runtimes.allowed-networks} setting names the host or a network holding
 * the address. Every address the host resolves to must pass. Checked when a runtime is registered or changed, and
 * again before every call, because DNS may answer differently later (rebinding).
 */
public class EndpointPolicy {

    private final List<String> allowedHosts = new ArrayList<>();
    private final List<Network> allowedNetworks = new ArrayList<>();
    private final Resolver resolver;

    /** Looks up every address of a host; blocking. */
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    public EndpointPolicy(List<String> allowed, Resolver resolver) {
        this.resolver = resolver;
        for (String entry : allowed) {
            String value = entry.strip().toLowerCase(Locale.ROOT);
            if (value.isEmpty()) {
                continue;
            }
            Network network = Network.parse(value);
            if (network == null) {
                allowedHosts.add(value);
            } else {
                allowedNetworks.add(network);
            }
        }
    }

    public EndpointPolicy(List<String> allowed) {
        this(allowed, InetAddress::getAllByName);
    }

    /** The endpoint as a URI when its form is acceptable (no lookup): a 422 otherwise. */
    public static URI parse(String endpointUrl) {
        URI uri;
        try {
            uri = new URI(endpointUrl.strip());
        } catch (URISyntaxException e) {
            throw invalid("is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw notAllowed("only http and https endpoints are allowed");
        }
        if (uri.getRawUserInfo() != null) {
            throw notAllowed("credentials in the URL are not allowed; send the token as auth_token");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw invalid("has no host");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw invalid("must not have a query or a fragment");
        }
        return uri;
    }

    /** Parses, resolves (on a thread that may block) and checks the endpoint. */
    public Mono<URI> requireAllowed(String endpointUrl) {
        return Mono.fromCallable(() -> {
            URI uri = parse(endpointUrl);
            check(uri);
            return uri;
        }).subscribeOn(Schedulers.boundedElastic());
    }

    /** Resolves and checks, blocking: call it off the event loop. */
    void check(URI uri) {
        String host = host(uri);
        if (allowedHosts.contains(host)) {
            return;
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "endpoint_unresolvable",
                    "endpoint_url: the host " + host + " does not resolve");
        }
        check(host, Arrays.asList(addresses));
    }

    /** Refuses when any of the host's addresses is internal and not allowed. */
    void check(String host, List<InetAddress> addresses) {
        if (allowedHosts.contains(host)) {
            return;
        }
        for (InetAddress address : addresses) {
            if (isInternal(address) && allowedNetworks.stream().noneMatch(network -> network.contains(address))) {
                throw notAllowed("the host " + host + " resolves to " + address.getHostAddress()
                        + ", an internal address; an operator may allow it with mc.registry.runtimes.allowed-networks");
            }
        }
    }

    static boolean isInternal(InetAddress address) {
        return address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()
                || INTERNAL.stream().anyMatch(network -> network.contains(address));
    }

    /** Ranges the JDK's predicates miss: "this network", carrier-grade NAT, reserved, unique-local IPv6, IPv6 link-local. */
    private static final List<Network> INTERNAL = List.of(
            Network.parse("0.0.0.0/8"), Network.parse("100.64.0.0/10"), Network.parse("192.0.0.0/24"),
            Network.parse("198.18.0.0/15"), Network.parse("240.0.0.0/4"), Network.parse("fc00::/7"),
            Network.parse("fe80::/10"));

    private static String host(URI uri) {
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static ApiException notAllowed(String why) {
        return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "endpoint_not_allowed", "endpoint_url: " + why);
    }

    private static ApiException invalid(String why) {
        return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "invalid_endpoint_url", "endpoint_url " + why);
    }

    /** An address range; a bare address is a range of one. */
    record Network(byte[] base, int prefix) {

        /** The network, or null when the text is not an address literal (then it is a host name). */
        static Network parse(String text) {
            int slash = text.indexOf('/');
            String address = slash < 0 ? text : text.substring(0, slash);
            if (!address.matches("[0-9.]+|[0-9a-f:.]*:[0-9a-f:.]*")) {
                return null;
            }
            try {
                byte[] bytes = InetAddress.getByName(address).getAddress();
                int prefix = slash < 0 ? bytes.length * 8 : Integer.parseInt(text.substring(slash + 1));
                if (prefix < 0 || prefix > bytes.length * 8) {
                    throw new IllegalStateException("Bad network in mc.registry.runtimes.allowed-networks: " + text);
                }
                return new Network(bytes, prefix);
            } catch (UnknownHostException | NumberFormatException e) {
                throw new IllegalStateException("Bad network in mc.registry.runtimes.allowed-networks: " + text);
            }
        }

        boolean contains(InetAddress address) {
            byte[] bytes = address.getAddress();
            if (bytes.length != base.length) {
                return false;
            }
            for (int bit = 0; bit < prefix; bit++) {
                int mask = 0x80 >> (bit % 8);
                if ((bytes[bit / 8] & mask) != (base[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
