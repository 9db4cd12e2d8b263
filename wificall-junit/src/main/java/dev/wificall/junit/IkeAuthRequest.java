package dev.wificall.junit;

import dev.wificall.eap.CredentialSource;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What an annotation or the builder set about IKE_AUTH; what is not set comes from the
 * configuration parameters ({@link IkeAuthSettings}).
 *
 * @param applies     false for checks that only resolve (@EpdgResolvable, @FirewallAllowsEpdg): no
 *                    IKE_AUTH, and its parameters are not read
 * @param mode        {@link IkeAuth#DEFAULT}: {@code wificall.ikeAuth} decides
 * @param trustStore  path text, relative to the working directory
 * @param warningDays days before expiry that are a warning, as text
 * @param apn         IDr
 * @param timeout     the whole attach, as text ("20s")
 * @param credentials the USIM given in code; it wins over parameters and environment
 * @param simReader   the card reader named in code ({@code wificall.sim.reader}); it wins over the parameter
 * @param simPinFile  the SIM's PIN file named in code ({@code wificall.sim.pinFile}), relative to the working directory
 * @param written     each setting given here, by its parameter name ({@code wificall.trustStore}), as
 *                    written: {@code @EpdgReachable(...) on class X: trustStore = "ca.pem"}, for messages
 */
record IkeAuthRequest(boolean applies, IkeAuth mode, Optional<String> trustStore, Optional<String> warningDays,
                      Optional<String> apn, Optional<String> timeout, Optional<CredentialSource> credentials,
                      Optional<String> simReader, Optional<String> simPinFile, Map<String, String> written) {

    /** Nothing set in code: the configuration parameters decide. */
    static final IkeAuthRequest FROM_CONFIGURATION = new IkeAuthRequest(true, IkeAuth.DEFAULT, Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Map.of());

    /** A check that only resolves. */
    static final IkeAuthRequest NEVER = new IkeAuthRequest(false, IkeAuth.NONE, Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), Map.of());

    IkeAuthRequest {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(simReader, "simReader");
        Objects.requireNonNull(simPinFile, "simPinFile");
        written = Map.copyOf(written);
    }

    /** No SIM in a reader named in code: {@code wificall.sim.*} decide. */
    IkeAuthRequest(boolean applies, IkeAuth mode, Optional<String> trustStore, Optional<String> warningDays,
                   Optional<String> apn, Optional<String> timeout, Optional<CredentialSource> credentials,
                   Map<String, String> written) {
        this(applies, mode, trustStore, warningDays, apn, timeout, credentials, Optional.empty(), Optional.empty(), written);
    }
}
