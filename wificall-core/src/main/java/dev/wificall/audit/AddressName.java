package dev.wificall.audit;

import dev.wificall.dns.AddressText;

/** How sentences name a target: "epdg.example (10.0.0.1) on UDP/500". */
final class AddressName {
    private AddressName() {
    }

    static String of(AuditTarget t) {
        String address = AddressText.of(t.destination());
        return (t.fqdn().equals(AddressText.of(t.destination().getAddress())) ? "" : t.fqdn() + " at ") + address;
    }
}
