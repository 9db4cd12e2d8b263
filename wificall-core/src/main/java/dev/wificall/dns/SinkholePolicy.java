package dev.wificall.dns;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Which resolved addresses mark a sinkhole: addresses no ePDG on the Internet can have.
 *
 * <p>Unspecified, loopback, link-local, multicast and reserved addresses are always flagged. Private
 * and shared (carrier-grade NAT) space is flagged too, by default: an ePDG FQDN lives under
 * pub.3gppnetwork.org, which resolves on the public Internet (TS 23.003 Annex E), so a resolver that
 * answers 10.x for it runs split-horizon DNS or a sinkhole, and a phone on the Internet could not use
 * that address. Two ways let private answers through where they are right (a lab, an operator's own
 * network): an allow-list of prefixes ({@link #allowing}, e.g. the wificall lab's 10.77.0.0/16,
 * 10.79.0.0/16 and fd77::/16), or {@link #ALLOW_PRIVATE}, which never flags private space.
 */
public final class SinkholePolicy {

    /** Flags everything but public addresses. */
    public static final SinkholePolicy DEFAULT = new SinkholePolicy(false, List.of(), false);

    /** Flags unspecified, loopback, link-local, multicast and reserved addresses; private space passes. */
    public static final SinkholePolicy ALLOW_PRIVATE = new SinkholePolicy(true, List.of(), false);

    private final boolean privateAllowed;
    private final List<AddressPrefix> allowed;
    private final boolean loopbackAllowed;

    private SinkholePolicy(boolean privateAllowed, List<AddressPrefix> allowed, boolean loopbackAllowed) {
        this.privateAllowed = privateAllowed;
        this.allowed = List.copyOf(allowed);
        this.loopbackAllowed = loopbackAllowed;
    }

    /**
     * This policy with loopback answers taken as they come: only for an ePDG simulator on this host
     * (a check with a port offset), never for a real ePDG.
     */
    public SinkholePolicy allowLoopback() {
        return new SinkholePolicy(privateAllowed, allowed, true);
    }

    public boolean loopbackAllowed() {
        return loopbackAllowed;
    }

    /** The default policy with these private prefixes allowed. */
    public static SinkholePolicy allowing(AddressPrefix... prefixes) {
        return DEFAULT.allow(prefixes);
    }

    /** {@code "10.77.0.0/16, fd77::/16"}: the default policy with these prefixes allowed; "" allows none. */
    public static SinkholePolicy parse(String prefixes) {
        if (prefixes == null || prefixes.isBlank()) {
            return DEFAULT;
        }
        return allowing(Arrays.stream(prefixes.split("[,\\s]+")).filter(s -> !s.isEmpty())
                .map(AddressPrefix::parse).toArray(AddressPrefix[]::new));
    }

    /**
     * This policy with more prefixes allowed. Only private and shared space can be allowed: a prefix
     * that reaches into loopback, link-local or public space is refused, since those answers are never
     * an ePDG (loopback, link-local) or never flagged (public).
     */
    public SinkholePolicy allow(AddressPrefix... prefixes) {
        List<AddressPrefix> more = new ArrayList<>(allowed);
        for (AddressPrefix p : prefixes) {
            AddressClass c = AddressClass.of(p.network());
            if (c != AddressClass.PRIVATE && c != AddressClass.SHARED) {
                throw new IllegalArgumentException("cannot allow " + p + ": it is " + c.phrase() + " space; only private"
                        + " (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, fc00::/7) or shared (100.64.0.0/10) prefixes can be"
                        + " allowed, e.g. 10.77.0.0/16 or fd77::/16");
            }
            if (!more.contains(p)) {
                more.add(p);
            }
        }
        return new SinkholePolicy(privateAllowed, more, loopbackAllowed);
    }

    public boolean privateAllowed() {
        return privateAllowed;
    }

    public List<AddressPrefix> allowed() {
        return allowed;
    }

    /** Why this address is a sinkhole answer, or empty when it is not. */
    public Optional<AddressClass> flags(InetAddress address) {
        AddressClass c = AddressClass.of(address);
        return switch (c) {
            case PUBLIC -> Optional.empty();
            case PRIVATE, SHARED -> privateAllowed || allowed.stream().anyMatch(p -> p.contains(address))
                    ? Optional.empty() : Optional.of(c);
            case LOOPBACK -> loopbackAllowed ? Optional.empty() : Optional.of(c);
            case UNSPECIFIED, LINK_LOCAL, MULTICAST, RESERVED -> Optional.of(c);
        };
    }

    public boolean isSinkhole(InetAddress address) {
        return flags(address).isPresent();
    }

    /** The flagged addresses among these, in their order. */
    public List<InetAddress> offending(Collection<InetAddress> addresses) {
        return addresses.stream().filter(this::isSinkhole).toList();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SinkholePolicy p && p.privateAllowed == privateAllowed && p.allowed.equals(allowed)
                && p.loopbackAllowed == loopbackAllowed;
    }

    @Override
    public int hashCode() {
        return Objects.hash(privateAllowed, allowed, loopbackAllowed);
    }

    /** "flags non-public addresses except 10.77.0.0/16, fd77::/16". */
    @Override
    public String toString() {
        String loopback = loopbackAllowed ? "; loopback allowed (a simulator on this host)" : "";
        if (privateAllowed) {
            return "flags unspecified, " + (loopbackAllowed ? "" : "loopback, ") + "link-local, multicast and reserved"
                    + " addresses; private space allowed" + loopback;
        }
        return "flags non-public addresses" + (allowed.isEmpty() ? ""
                : " except " + allowed.stream().map(AddressPrefix::toString).collect(Collectors.joining(", "))) + loopback;
    }
}
