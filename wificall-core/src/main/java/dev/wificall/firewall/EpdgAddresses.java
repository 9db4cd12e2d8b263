package dev.wificall.firewall;

import dev.wificall.verdict.OperatorVerdict;
import java.net.InetAddress;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a firewall must let out for one operator: UDP/500 and UDP/4500 to every address its ePDG name
 * resolves to now.
 *
 * @param operator  a label for people, e.g. "262-01 T-Mobile(Telekom)" ({@link OperatorVerdict#operator()})
 * @param fqdn      the ePDG name the addresses came from
 * @param addresses IPv4 and IPv6 addresses, in any order; empty when the name resolved to none
 */
public record EpdgAddresses(String operator, String fqdn, List<InetAddress> addresses) {

    private static final Pattern PLMN = Pattern.compile("^(\\d{3}-\\d{2,3})(?:\\s|$)");

    public EpdgAddresses {
        if (operator == null || operator.isBlank()) {
            throw new IllegalArgumentException("operator is empty; expected a label like \"262-01 T-Mobile(Telekom)\"");
        }
        if (fqdn == null || fqdn.isBlank()) {
            throw new IllegalArgumentException("fqdn of " + operator + " is empty; expected the ePDG name it resolved");
        }
        addresses = List.copyOf(addresses);
    }

    /** The operator's ePDG addresses as a check resolved them (the usable ones: sinkholes left out). */
    public static EpdgAddresses of(OperatorVerdict verdict) {
        return new EpdgAddresses(verdict.operator(), verdict.fqdn(), verdict.dns().usableAddresses());
    }

    /** "262-01" when the label starts with an MCC-MNC, else empty: the part that goes into rule names. */
    public String plmnCode() {
        Matcher m = PLMN.matcher(operator);
        return m.find() ? m.group(1) : "";
    }
}
