package dev.wificall.it;

import java.nio.file.Path;
import java.util.List;

/**
 * The IKE_AUTH lab of it/lab/attach.sh (see it/lab/README.md): charon with eap-aka-3gpp in the namespace
 * wificall-ims, one ePDG address per scenario, its dnsmasq, the test subscriber. Brought up once per run
 * (root store), taken down when the run ends, also after failures.
 */
final class AttachLab extends OncePerRun<AttachLab.Handle> {
    static final String DNS = "127.0.0.81:15381";
    static final Path TRUST = Path.of("/run/wificall-ims/trust/ca.pem");
    /** TS 35.208 test set 1, the lab's subscriber; public test values, not secrets of anyone. */
    static final String IMSI = "262011234567890";
    static final String K = "465b5ce8b199b49faa5f0a2ee238a6bc";
    static final String OPC = "cd63cb71954a9f4e48a5994e37a02baf";
    static final String GOOD = "10.77.9.2";
    static final String BIG_CHAIN = "10.77.9.3";
    static final String BIG_CHAIN_NO_IKE_FRAGMENTS = "10.77.9.4";
    static final String EXPIRED = "10.77.9.5";
    static final String WRONG_NAME = "10.77.9.6";
    static final String EXPIRING = "10.77.9.7";
    /** The IMS core behind the ePDG (namespace wificall-imscore), reachable through the tunnel only. */
    static final String INNER_DNS4 = "10.46.0.53";
    static final String INNER_DNS6 = "fd46::53";
    static final List<String> PCSCF4 = List.of("10.46.0.10", "10.46.0.11");
    static final List<String> PCSCF6 = List.of("fd46::10", "fd46::11");
    /** Free in the core for a test's own server (attach.sh core-run NAME CMD...). */
    static final String CORE_SERVER4 = "10.46.0.20";
    static final String CORE_SERVER6 = "fd46::20";
    static final String POOL4 = "10.45.0.0/24";
    static final String POOL6 = "fd45::/112";
    static final String IMS_DOMAIN = "ims.mnc001.mcc262.3gppnetwork.org";
    static final String PCSCF_FQDN = "pcscf.ims.mnc001.mcc262.3gppnetwork.org";
    /** kamailio's log: one "SIP-REQUEST time=... method=... transport=... src=... call-id=... reply=..." line per request. */
    static final Path SIP_LOG = Path.of("/run/wificall-ims/kamailio.log");
    /** The inner dnsmasq's --log-queries log ("query[A] NAME from ADDRESS"). */
    static final Path CORE_DNS_LOG = Path.of("/run/wificall-ims/core-dns.log");

    /** The lab's commands (fragdrop on|off, logs), as {@link Lab#command} runs them. */
    record Handle(Lab lab) implements AutoCloseable {
        @Override
        public void close() {
            lab.close();
        }
    }

    AttachLab() {
        super(Handle.class, () -> new Handle(Lab.attach()));
    }
}
