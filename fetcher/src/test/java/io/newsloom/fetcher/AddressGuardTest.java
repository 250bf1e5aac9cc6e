package io.newsloom.fetcher;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The SSRF guard against the address forms used to slip past such guards. */
class AddressGuardTest {

    @Test
    void everyFormOfAnInsideAddressIsRefused() {
        for (String url : List.of("http://127.0.0.1:8080/", "http://[::1]/", "http://0.0.0.0/", "http://0/",
                "http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/", "http://172.16.5.4/",
                "http://192.168.1.1/", "http://100.64.0.1/", "http://localhost/", "http://2130706433/",
                "http://0177.0.0.1/", "http://017700000001/", "http://0x7f000001/", "http://127.000.000.001/",
                "http://[::ffff:127.0.0.1]/", "http://[::ffff:7f00:1]/", "http://[0:0:0:0:0:ffff:a00:1]/",
                "http://[::127.0.0.1]/", "http://[64:ff9b::a9fe:a9fe]/", "http://[2002:7f00:1::]/",
                "http://[fd12::1]/", "http://[fe80::1]/", "http://0.1.2.3/", "http://255.255.255.255/",
                "http://198.18.0.1/", "http://224.0.0.1/")) {
            String host = URI.create(url).getHost();
            assertNotNull(host, url);
            String refusal = AddressGuard.PUBLIC_ONLY.refusal(host);
            assertNotNull(refusal, url + " must be refused");
            assertTrue(refusal.startsWith("refused: " + host), refusal);
        }
    }

    @Test
    void publicAddressesAndNamesThatDoNotResolvePass() {
        for (String host : List.of("93.184.216.34", "[2606:2800:220:1:248:1893:25c8:1946]", "1.1.1.1",
                "[2002:5db8:d822::]", "no-such-host.invalid")) {
            assertNull(AddressGuard.PUBLIC_ONLY.refusal(host), host);
        }
    }

    @Test
    void theKindOfAddressIsNamed() throws Exception {
        assertEquals("loopback (in IPv6)", AddressGuard.privateKind(InetAddress.getByName("::127.0.0.1")));
        assertEquals("link-local (in IPv6)", AddressGuard.privateKind(InetAddress.getByName("64:ff9b::a9fe:a9fe")));
        assertEquals("private (in IPv6)", AddressGuard.privateKind(InetAddress.getByName("2002:0a00:0001::")));
        assertEquals("reserved", AddressGuard.privateKind(InetAddress.getByName("240.0.0.1")));
        assertEquals("unspecified", AddressGuard.privateKind(InetAddress.getByName("::")));
    }

    @Test
    void trustedNetworksAreReachableAndNothingElseIs() {
        AddressGuard guard = AddressGuard.publicOnly(List.of("127.0.0.2/32", "10.20.0.0/16", "fd00:1::/64"));
        assertNull(guard.refusal("127.0.0.2"));
        assertNull(guard.refusal("10.20.255.1"));
        assertNull(guard.refusal("[fd00:1::5]"));
        assertNotNull(guard.refusal("127.0.0.1"));
        assertNotNull(guard.refusal("10.21.0.1"));
        assertNotNull(guard.refusal("[fd00:2::5]"));
        assertNotNull(guard.refusal("0127.0.0.2"), "an ambiguous form stays refused");
        for (String bad : List.of("10.0.0.0/33", "example.org/8", "10.0.0/8", "", "10.0.0.0/x")) {
            assertThrows(IllegalArgumentException.class, () -> AddressGuard.publicOnly(List.of(bad)), bad);
        }
    }
}
