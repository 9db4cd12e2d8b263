package dev.wificall.ike;

import dev.wificall.ike.IkePayload.KeyExchange;
import dev.wificall.ike.IkePayload.Notify;
import java.util.List;
import java.util.Optional;

/**
 * One IKE_INTERMEDIATE exchange (RFC 9242) that carries an additional key exchange (RFC 9370 §2.2.2):
 * the request SK{KE(method, initiator's data)}, the answer SK{KE(method, responder's data)}, both under
 * the keys in force before it (after IKE_SA_INIT: SK_ei/SK_ai and SK_er/SK_ar of IKE_SA_INIT).
 *
 * @param messageId 1 for the first IKE_INTERMEDIATE, one more for each that follows
 */
public record IkeIntermediate(long initiatorSpi, long responderSpi, int messageId) {
    public IkeIntermediate {
        if (initiatorSpi == 0 || responderSpi == 0) {
            throw new IllegalArgumentException("IKE_INTERMEDIATE follows IKE_SA_INIT: SPIi and SPIr must both be set, not "
                    + String.format("0x%016x and 0x%016x", initiatorSpi, responderSpi));
        }
        if (messageId == 0) {
            throw new IllegalArgumentException("message ID 0 is IKE_SA_INIT's; the first IKE_INTERMEDIATE has 1");
        }
    }

    /** The initiator's request, to seal with {@link SkPayload#seal}. */
    public IkeMessage request(KeyExchange ke) {
        return new IkeMessage(initiatorSpi, responderSpi, IkeMessage.VERSION_2_0, IkeMessage.IKE_INTERMEDIATE,
                IkeMessage.FLAG_INITIATOR, messageId, List.of(ke));
    }

    /** The responder's answer with {@code payloads} (a KE, or an error notify), to seal with {@link SkPayload#seal}. */
    public IkeMessage response(List<IkePayload> payloads) {
        return new IkeMessage(initiatorSpi, responderSpi, IkeMessage.VERSION_2_0, IkeMessage.IKE_INTERMEDIATE,
                IkeMessage.FLAG_RESPONSE, messageId, payloads);
    }

    /**
     * Why the (outer, still protected) message {@code m} is not the answer to this exchange's request, or
     * empty when it is: both SPIs, Response set, Initiator clear, IKE_INTERMEDIATE, this message ID.
     */
    public Optional<String> mismatch(IkeMessage m) {
        String problem = null;
        if (m.initiatorSpi() != initiatorSpi || m.responderSpi() != responderSpi) {
            problem = String.format("an IKE message for another SA (SPIs 0x%016x/0x%016x)", m.initiatorSpi(), m.responderSpi());
        } else if (!m.isResponse() || m.isInitiator()) {
            problem = String.format("not a response from the responder (flags 0x%02x)", m.flags());
        } else if (m.exchangeType() != IkeMessage.IKE_INTERMEDIATE) {
            problem = "an " + IkeNames.exchange(m.exchangeType()) + " response, not IKE_INTERMEDIATE";
        } else if (m.messageId() != messageId) {
            problem = "an IKE_INTERMEDIATE response with message ID " + Integer.toUnsignedString(m.messageId()) + ", not "
                    + Integer.toUnsignedString(messageId);
        }
        return Optional.ofNullable(problem);
    }

    /**
     * The responder's KE for {@code method} from the opened answer; otherwise the problem in words:
     * the error notifies it sent instead, no KE, several, or one of another method.
     */
    public static Result<KeyExchange> keyExchange(IkeMessage answer, int method) {
        List<Notify> errors = answer.payloads(Notify.class).stream().filter(Notify::isError).toList();
        if (!errors.isEmpty()) {
            return Result.failed("notify " + String.join(", ", errors.stream().map(Notify::name).toList()));
        }
        List<KeyExchange> kes = answer.payloads(KeyExchange.class);
        String name = IkeNames.keyExchange(method);
        if (kes.isEmpty()) {
            return Result.failed("no KE payload (it sent " + answer.describe() + ")");
        }
        if (kes.size() > 1) {
            return Result.failed(kes.size() + " KE payloads (one is answered with one)");
        }
        if (kes.get(0).group() != method) {
            return Result.failed("a KE for " + IkeNames.keyExchange(kes.get(0).group()) + " instead of " + name);
        }
        return new Result<>(kes.get(0), null);
    }

    /** A value, or why there is none. */
    public record Result<T>(T value, String problem) {
        static <T> Result<T> failed(String problem) {
            return new Result<>(null, problem);
        }

        public boolean ok() {
            return problem == null;
        }
    }
}
