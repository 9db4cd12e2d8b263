package dev.wificall.junit;

import dev.wificall.discovery.SelectionInput;
import dev.wificall.dns.EpdgLookup.Resolution;
import dev.wificall.verdict.CheckSettings;
import dev.wificall.verdict.ReadinessCheck;
import java.util.List;

/**
 * ePDG discovery without the IKE probe: the same resolvers, timeout and sinkhole policy as the
 * readiness check ({@link CheckSettings#DEFAULTS}), through {@link ReadinessCheck#discover}, and the
 * check's own sentence.
 */
final class Discovery {

    private Discovery() {
    }

    static Resolution resolve(SelectionInput input, DnsConfiguration dns) {
        ReadinessCheck check;
        try {
            check = new ReadinessCheck(CheckSettings.DEFAULTS.withDnsServers(dns.servers()));
        } catch (IllegalArgumentException e) {
            throw dns.unusable(e);
        }
        return check.discover(input);
    }

    static String sentence(Resolution r) {
        return ReadinessCheck.sentence(r);
    }

    static List<String> lines(Resolution r) {
        return r.lines();
    }
}
