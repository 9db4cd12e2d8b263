package dev.wificall.dns;

import org.xbill.DNS.Type;

/** The record types wificall asks for: the ePDG's addresses and the visited country's NAPTR records. */
public enum DnsRecordType {
    /** IPv4 addresses. */
    A(Type.A),
    /** IPv6 addresses. */
    AAAA(Type.AAAA),
    /** Naming authority pointers: the visited-country ePDG list (TS 23.003 §19.4.2.9.4). */
    NAPTR(Type.NAPTR);

    private final int code;

    DnsRecordType(int code) {
        this.code = code;
    }

    /** The type number on the wire (1, 28, 35). */
    int code() {
        return code;
    }
}
