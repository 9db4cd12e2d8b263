package dev.wificall.attach;

import dev.wificall.eap.Imsi;
import dev.wificall.eap.SoftUsim;
import dev.wificall.eap.UsimCredentials;
import dev.wificall.sim.ReaderSim;
import dev.wificall.sim.SimOptions;
import dev.wificall.sim.SimSettings;
import dev.wificall.verdict.CheckSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The IKE_AUTH settings as both front ends take them, as text under the same names
 * ({@code wificall.ikeAuth}, {@code wificall.trustStore}, ...); null means not set. Credentials come
 * from these values or else from the environment ({@value UsimCredentials#ENV_IMSI},
 * {@value UsimCredentials#ENV_K}, {@value UsimCredentials#ENV_OPC} or {@value UsimCredentials#ENV_OP}),
 * or from a SIM in a card reader ({@value SimOptions#READER}), which then wins over the environment;
 * errors name the setting and never echo a key or a PIN.
 *
 * @param mode         none, probe or attach
 * @param trustStore   PEM/DER file, directory of them, or PKCS#12/JKS key store; relative to the base directory
 * @param warningDays  days before a certificate's expiry that are a warning
 * @param apn          IDr
 * @param timeout      the whole attach, e.g. 15s
 * @param sim          the SIM in a card reader, {@link SimOptions#NONE} for none
 */
public record AttachOptions(String mode, String trustStore, String warningDays, String apn, String timeout,
                            String imsi, String k, String opc, String op, SimOptions sim) {

    public static final AttachOptions NONE = new AttachOptions(null, null, null, null, null, null, null, null, null);

    public AttachOptions {
        sim = sim == null ? SimOptions.NONE : sim;
    }

    /** Without a SIM in a reader: the subscriber from K/OPc, given or in the environment. */
    public AttachOptions(String mode, String trustStore, String warningDays, String apn, String timeout,
                         String imsi, String k, String opc, String op) {
        this(mode, trustStore, warningDays, apn, timeout, imsi, k, opc, op, SimOptions.NONE);
    }

    /** These options with the SIM in the reader {@code reader} (null for none), its PIN from {@code pinFile} or the environment. */
    public AttachOptions withSim(String reader, String pinFile) {
        return new AttachOptions(mode, trustStore, warningDays, apn, timeout, imsi, k, opc, op, new SimOptions(reader, pinFile));
    }

    /**
     * The settings these options ask for, empty for mode none.
     *
     * @param baseDir where a relative trust store path starts
     * @param env     the environment to take credentials from when none are configured
     * @throws IllegalArgumentException naming the setting, the value (never a key's) and what is expected
     */
    public Optional<AttachSettings> toSettings(Path baseDir, Map<String, String> env) {
        AttachMode m = mode == null || mode.isBlank() ? AttachMode.NONE : parse("wificall.ikeAuth", () -> AttachMode.parse(mode));
        Optional<SimSettings> card = sim.toSettings(baseDir, env);
        boolean configured = set(imsi) || set(k) || set(opc) || set(op);
        if (card.isPresent() && m != AttachMode.ATTACH) {
            throw new IllegalArgumentException(SimOptions.READER + ": a SIM in a reader is for the attach, but wificall.ikeAuth is "
                    + m + "; set wificall.ikeAuth=attach, or leave " + SimOptions.READER + " unset");
        }
        if (card.isPresent() && configured) {
            throw new IllegalArgumentException(SimOptions.READER + ": the SIM in reader '" + card.get().reader()
                    + "' and wificall.imsi/k/opc/op both name the subscriber; keep one of them");
        }
        if (m == AttachMode.NONE) {
            return Optional.empty();
        }
        AttachSettings s = AttachSettings.DEFAULTS;
        if (set(trustStore)) {
            Path path = baseDir.resolve(trustStore.strip());
            s = s.withTrust(parse("wificall.trustStore", () -> TrustAnchors.load(path)));
        }
        if (set(warningDays)) {
            int days = parse("wificall.certificateWarningDays", () -> {
                try {
                    return Integer.parseInt(warningDays.strip());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("'" + warningDays + "' is not a number of days; expected e.g. 30");
                }
            });
            AttachSettings base = s;
            s = parse("wificall.certificateWarningDays", () -> base.withExpiryWarningDays(days));
        }
        if (set(apn)) {
            AttachSettings base = s;
            s = parse("wificall.apn", () -> base.withApn(apn.strip()));
        }
        if (set(timeout)) {
            Duration whole = parse("wificall.attachTimeout", () -> CheckSettings.parseDuration(timeout));
            AttachSettings base = s;
            s = base.withDeadline(whole, whole.compareTo(base.exchangeTimeout()) < 0 ? whole : base.exchangeTimeout());
        }
        if (m == AttachMode.PROBE) {
            String text = configured ? imsi : env.get(UsimCredentials.ENV_IMSI);
            if (set(text)) {
                Imsi id = parse(configured ? "wificall.imsi" : UsimCredentials.ENV_IMSI, () -> Imsi.parse(text.strip()));
                s = s.withProbeImsi(id);
            }
            return Optional.of(s);
        }
        if (card.isPresent()) {
            // the card is asked only when the attach runs: a wrong PIN or an empty reader is then its SIM_ERROR
            return Optional.of(s.withCredentials(ReaderSim.of(card.get())));
        }
        UsimCredentials credentials;
        try {
            credentials = configured ? UsimCredentials.parse(imsi, k, opc, op) : UsimCredentials.fromEnvironment(env);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("wificall.ikeAuth=attach needs the subscriber's credentials: " + e.getMessage()
                    + (configured ? " (from wificall.imsi, wificall.k, wificall.opc or wificall.op)"
                    : " (set " + UsimCredentials.ENV_IMSI + ", " + UsimCredentials.ENV_K + " and " + UsimCredentials.ENV_OPC
                    + " or " + UsimCredentials.ENV_OP + " in the environment, or wificall.imsi/k/opc)"));
        }
        // a software USIM cannot know the network's SQN scheme (strongSwan's is time based): accept any fresh MAC
        return Optional.of(s.withCredentials(SoftUsim.builder(credentials).sqnCheck(SoftUsim.SqnCheck.ACCEPT_ANY).build()));
    }

    private static boolean set(String value) {
        return value != null && !value.isBlank();
    }

    private static <T> T parse(String setting, java.util.function.Supplier<T> parser) {
        try {
            return parser.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(setting + ": " + e.getMessage(), e);
        }
    }
}
