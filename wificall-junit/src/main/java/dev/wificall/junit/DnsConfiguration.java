package dev.wificall.junit;

import dev.wificall.dns.DnsServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The resolvers to ask, from the configuration parameters {@code wificall.dns.server} (one) or
 * {@code wificall.dns.servers} (several, comma-separated, the network's first); neither: the
 * system's resolvers. Both set is a mistake. Values {@linkplain Settings#PUBLISHED published} for
 * the test's context replace both parameters.
 *
 * @param servers the resolvers, the network's first; empty for the system's
 * @param origin  where they came from, for messages: "configuration parameter wificall.dns.servers =
 *                '...'", or null for the system resolver
 */
record DnsConfiguration(List<DnsServer> servers, String origin) {

    static final String DNS_SERVER = "wificall.dns.server";
    static final String DNS_SERVERS = "wificall.dns.servers";

    DnsConfiguration {
        servers = List.copyOf(servers);
    }

    static DnsConfiguration of(ExtensionContext context) {
        // resolvers published for this context replace the configured ones together, so that one
        // published server and configured servers are not "both set"
        boolean published = Settings.published(context, DNS_SERVER).isPresent()
                || Settings.published(context, DNS_SERVERS).isPresent();
        Function<String, Optional<String>> source = published ? name -> Settings.published(context, name)
                : context::getConfigurationParameter;
        Optional<String> one = source.apply(DNS_SERVER).filter(v -> !v.isBlank());
        Optional<String> several = source.apply(DNS_SERVERS).filter(v -> !v.isBlank());
        if (one.isPresent() && several.isPresent()) {
            throw new ExtensionConfigurationException("configuration parameters " + DNS_SERVER + " = '" + one.get()
                    + "' and " + DNS_SERVERS + " = '" + several.get() + "' are both set; set one: " + DNS_SERVER
                    + " for one resolver, or " + DNS_SERVERS + " for several (the network's resolver first, the others"
                    + " compared with it)");
        }
        if (one.isPresent()) {
            String origin = Settings.origin(context, DNS_SERVER, one.get());
            return new DnsConfiguration(List.of(parse(origin, one.get())), origin);
        }
        if (several.isPresent()) {
            String origin = Settings.origin(context, DNS_SERVERS, several.get());
            List<DnsServer> servers = new ArrayList<>();
            String[] items = several.get().split(",", -1);
            for (int i = 0; i < items.length; i++) {
                if (items[i].isBlank()) {
                    throw new ExtensionConfigurationException(origin + ": item " + (i + 1) + " of " + items.length
                            + " is empty; expected a comma-separated list of host[:port], the network's resolver first,"
                            + " e.g. 10.0.0.53,9.9.9.9:53");
                }
                DnsServer server = parse(origin, items[i]);
                if (servers.contains(server)) {
                    throw new ExtensionConfigurationException(origin + ": " + server + " is listed twice; name each"
                            + " resolver once");
                }
                servers.add(server);
            }
            return new DnsConfiguration(servers, origin);
        }
        return new DnsConfiguration(List.of(), null);
    }

    private static DnsServer parse(String origin, String text) {
        try {
            return DnsServer.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException(origin + ": " + e.getMessage());
        }
    }

    /** A resolver the core cannot use (a host name that does not resolve, no system resolver). */
    ExtensionConfigurationException unusable(IllegalArgumentException e) {
        return new ExtensionConfigurationException((origin == null ? "the system resolver" : origin) + ": "
                + e.getMessage(), e);
    }

    /** For store keys: the servers in order, or "system". */
    String key() {
        return servers.isEmpty() ? "system" : servers.toString();
    }
}
