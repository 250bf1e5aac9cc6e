package io.newsloom.fetcher;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The SSRF guard: a crawler fed URLs from outside must not be turned against the machines next to it. A host is
 * refused when any address it resolves to is loopback, private, link-local, multicast or unspecified, checked after
 * DNS so that a public name pointing inside is caught too.
 */
@FunctionalInterface
public interface AddressGuard {

    /** Why this host may not be fetched, or null when it may. */
    String refusal(String host);

    /** Every host allowed: for local testing only. */
    AddressGuard ALLOW_ALL = host -> null;

    /** The default guard, resolving with the system's DNS. */
    AddressGuard PUBLIC_ONLY = AddressGuard::refusePrivate;

    static String refusePrivate(String host) {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            return null;   // the fetch itself reports the unknown host
        }
        for (InetAddress a : addresses) {
            String kind = privateKind(a);
            if (kind != null) {
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
        if (a instanceof Inet6Address && (b[0] & 0xfe) == 0xfc) {
            return "private";   // unique local fc00::/7, which isSiteLocalAddress does not cover
        }
        if (b.length == 4 && (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64) {
            return "private";   // carrier-grade NAT 100.64.0.0/10
        }
        return null;
    }
}
