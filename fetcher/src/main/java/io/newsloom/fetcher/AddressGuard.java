package io.newsloom.fetcher;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The SSRF guard: a crawler fed URLs from outside must not be turned against the machines next to it. A host is
 * refused when any address it resolves to is loopback, private, link-local, multicast, unspecified or reserved
 * (also when hidden in an IPv6 address: IPv4-compatible, NAT64, 6to4), checked after DNS so that a public name
 * pointing inside is caught too, unless the address is in a network the operator trusts. A numeric host in any form
 * but the plain dotted quad (0177.0.0.1, 0x7f.1, 2130706433) is refused outright: programs read such forms
 * differently (octal, hex), so what the guard checks need not be what another resolver reaches.
 */
@FunctionalInterface
public interface AddressGuard {

    /** Why this host may not be fetched, or null when it may. */
    String refusal(String host);

    /** Every host allowed: for local testing only. */
    AddressGuard ALLOW_ALL = host -> null;

    /** The default guard, resolving with the system's DNS. */
    AddressGuard PUBLIC_ONLY = publicOnly(List.of());

    /** Dotted numbers, decimal or hex, with no letters beyond hex digits: a host read as an IPv4 address. */
    Pattern NUMERIC_HOST = Pattern.compile("(?i)(0x[0-9a-f]*|[0-9]+)(\\.(0x[0-9a-f]*|[0-9]+))*\\.?");
    Pattern DOTTED_QUAD = Pattern.compile("(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]"
            + "|1[0-9][0-9]|[1-9]?[0-9])){3}");

    /**
     * The guard refusing non-public addresses except those in the trusted networks.
     *
     * @param trustedNetworks CIDR blocks ("10.20.0.0/16", "fd00:1::/64") whose addresses may be fetched
     * @throws IllegalArgumentException for a block that is not one
     */
    static AddressGuard publicOnly(List<String> trustedNetworks) {
        List<Network> trusted = trustedNetworks.stream().map(Network::parse).toList();
        return host -> refusal(host, trusted);
    }

    static String refusePrivate(String host) {
        return PUBLIC_ONLY.refusal(host);
    }

    private static String refusal(String host, List<Network> trusted) {
        if (NUMERIC_HOST.matcher(host).matches() && !DOTTED_QUAD.matcher(host).matches()) {
            return "refused: " + host + " is a numeric address in an ambiguous form (only a.b.c.d is fetched)";
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            return null;   // the fetch itself reports the unknown host
        }
        for (InetAddress a : addresses) {
            String kind = privateKind(a);
            if (kind != null && trusted.stream().noneMatch(n -> n.contains(a))) {
                return "refused: " + host + " resolves to " + a.getHostAddress() + ", a " + kind + " address";
            }
        }
        return null;
    }

    /** What makes an address non-public, or null for a public one. */
    static String privateKind(InetAddress a) {
        if (a.isLoopbackAddress()) {
            return "loopback";
        }
        if (a.isAnyLocalAddress()) {
            return "unspecified";
        }
        if (a.isLinkLocalAddress()) {
            return "link-local";
        }
        if (a.isMulticastAddress()) {
            return "multicast";
        }
        if (a.isSiteLocalAddress()) {
            return "private";
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet6Address) {
            if ((b[0] & 0xfe) == 0xfc) {
                return "private";   // unique local fc00::/7, which isSiteLocalAddress does not cover
            }
            InetAddress embedded = embeddedIpv4(b);
            String kind = embedded == null ? null : privateKind(embedded);
            return kind == null ? null : kind + " (in IPv6)";
        }
        int first = b[0] & 0xff;
        if (first == 100 && (b[1] & 0xc0) == 64) {
            return "private";   // carrier-grade NAT 100.64.0.0/10
        }
        if (first == 0 || first >= 240 || (first == 198 && (b[1] & 0xfe) == 18)
                || (first == 192 && b[1] == 0 && b[2] == 0)) {
            return "reserved";   // 0/8 "this network" (reaches the host itself), 240/4, 198.18/15, 192.0.0/24
        }
        return null;
    }

    /**
     * The IPv4 address an IPv6 address carries and that a network may route to: IPv4-compatible (::a.b.c.d), NAT64
     * (64:ff9b::/96) and 6to4 (2002:AABB:CCDD::/48). IPv4-mapped addresses (::ffff:a.b.c.d) Java already reads as
     * IPv4.
     */
    private static InetAddress embeddedIpv4(byte[] b) {
        byte[] v4 = null;
        if (allZero(b, 0, 12) && !allZero(b, 12, 14)) {
            v4 = Arrays.copyOfRange(b, 12, 16);   // ::a.b.c.d, but not :: and ::1 (named above)
        } else if ((b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b
                && allZero(b, 4, 12)) {
            v4 = Arrays.copyOfRange(b, 12, 16);
        } else if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
            v4 = Arrays.copyOfRange(b, 2, 6);
        }
        try {
            return v4 == null ? null : InetAddress.getByAddress(v4);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are an IPv4 address", e);
        }
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** A CIDR block, e.g. 10.20.0.0/16. */
    record Network(byte[] base, int prefix) {

        static Network parse(String cidr) {
            String[] parts = cidr.trim().split("/", 2);
            try {
                if (!parts[0].contains(":") && !DOTTED_QUAD.matcher(parts[0]).matches()) {
                    throw new IllegalArgumentException("not an address");
                }
                byte[] base = InetAddress.getByName(parts[0]).getAddress();
                int prefix = parts.length == 1 ? base.length * 8 : Integer.parseInt(parts[1]);
                if (prefix < 0 || prefix > base.length * 8) {
                    throw new IllegalArgumentException("prefix out of range");
                }
                return new Network(base, prefix);
            } catch (UnknownHostException | IllegalArgumentException e) {
                throw new IllegalArgumentException("not a network in CIDR form (10.20.0.0/16): " + cidr);
            }
        }

        boolean contains(InetAddress address) {
            byte[] a = address.getAddress();
            if (a.length != base.length) {
                return false;
            }
            for (int bit = 0; bit < prefix; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((a[bit / 8] & mask) != (base[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
