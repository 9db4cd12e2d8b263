package dev.wificall.attach;

import dev.wificall.discovery.Plmn;
import dev.wificall.dns.AddressText;
import dev.wificall.dns.Sentences;
import dev.wificall.eap.CredentialSource;
import dev.wificall.eap.Imsi;
import dev.wificall.eap.MalformedEapException;
import dev.wificall.eap.Nai;
import dev.wificall.ike.DhGroup;
import dev.wificall.ike.DhKeyPair;
import dev.wificall.ike.FragmentAssembly;
import dev.wificall.ike.IkeMessage;
import dev.wificall.ike.IkePayload;
import dev.wificall.ike.IkePayload.Authentication;
import dev.wificall.ike.IkePayload.Certificate;
import dev.wificall.ike.IkePayload.ConfigAttribute;
import dev.wificall.ike.IkePayload.Configuration;
import dev.wificall.ike.IkePayload.Eap;
import dev.wificall.ike.IkePayload.Identification;
import dev.wificall.ike.IkePayload.Notify;
import dev.wificall.ike.IkePayload.TrafficSelector;
import dev.wificall.ike.IkePayload.TrafficSelectors;
import dev.wificall.ike.IkeSaKeys;
import dev.wificall.ike.MalformedIkeException;
import dev.wificall.ike.SaInitRequest;
import dev.wificall.ike.SaInitResponse;
import dev.wificall.ike.SecurityAssociation;
import dev.wificall.ike.SecurityAssociation.Proposal;
import dev.wificall.ike.SecurityAssociation.Transform;
import dev.wificall.ike.SkPayload;
import dev.wificall.ike.SkPayloadIntegrityException;
import dev.wificall.ike.SkPayloadSuite;
import dev.wificall.sim.SimException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * IKE_AUTH as a phone sends it (TS 33.402 §8.2.2, TS 24.302 §7.2.2): IKE_SA_INIT on UDP/500, then on
 * UDP/4500 with the non-ESP marker IDi = NAI, IDr = APN, no AUTH payload (EAP), a CP request for the
 * inner address, DNS and P-CSCF (RFC 7651), and SA/TS for the child. Without a SIM it stops at the
 * ePDG's first answer; with one it runs EAP-AKA to the end and checks the ePDG's AUTH with the MSK.
 * Blocking and single-threaded: one attach is a handful of exchanges, each bounded by the deadlines.
 */
public final class AttachProbe {
    static final int IKE_AUTH = 35;
    static final int INFORMATIONAL = 37;
    private static final int MAX_EAP_ROUNDS = 8;
    private static final int MAX_SA_INIT_ROUNDS = 4;
    /**
     * Packets that were not the answer, noted per exchange; the rest are counted. With the bounded
     * rounds this bounds the transcript, whatever a peer floods the socket with.
     */
    private static final int SHOWN_IGNORED = 8;
    private static final byte[] KEY_PAD = "Key Pad for IKEv2".getBytes(StandardCharsets.US_ASCII);

    private final AttachSettings settings;
    private final SecureRandom random;

    public AttachProbe(AttachSettings settings) {
        this(settings, new SecureRandom());
    }

    AttachProbe(AttachSettings settings, SecureRandom random) {
        this.settings = settings;
        this.random = random;
    }

    public AttachSettings settings() {
        return settings;
    }

    /**
     * Attaches to (or, without a SIM, probes) the ePDG at {@code address}, reached by the name
     * {@code fqdn}, for a subscriber of {@code plmn} (null when only the name is known). Never throws
     * for what the network does: every failure is an outcome with a sentence.
     */
    public AttachResult attach(String fqdn, Plmn plmn, InetAddress address) {
        return new Session(fqdn, plmn, address, false).run();
    }

    /**
     * Attaches like {@link #attach} and keeps the IKE SA and its Child SA up for the user plane: the
     * caller closes the attachment, which deletes both at the ePDG. Needs credentials (a full attach).
     */
    public Attachment open(String fqdn, Plmn plmn, InetAddress address) {
        if (settings.credentials().isEmpty()) {
            throw new IllegalStateException("the user plane needs a full attach: set the SIM's credentials (software USIM) first");
        }
        Session session = new Session(fqdn, plmn, address, true);
        AttachResult result = session.run();
        if (session.tunnel != null) {
            return new Attachment(result, session.tunnel, null);
        }
        return new Attachment(result, null, session.noTunnel != null ? session.noTunnel
                : "the attach did not succeed (" + result.outcome() + "): " + result.sentence());
    }

    /** The identity a phone of {@code plmn} sends: the SIM's NAI, or without one a placeholder IMSI of that PLMN. */
    static Nai identity(AttachSettings settings, Plmn plmn) {
        Optional<Imsi> known = settings.credentials().map(CredentialSource::imsi).or(settings::probeImsi);
        if (known.isPresent()) {
            Imsi imsi = known.get();
            int mncLength = plmn != null && imsi.digits().startsWith(plmn.mcc() + plmn.mnc()) ? plmn.mnc().length() : 2;
            return Nai.eapAka(imsi, mncLength);
        }
        Plmn home = plmn == null ? new Plmn("001", "01") : plmn;
        String digits = home.mcc() + home.mnc();
        return Nai.eapAka(Imsi.parse(digits + "0".repeat(15 - digits.length())), home.mnc().length());
    }

    /** RFC 7296 §2.15/§2.16: the octets an AUTH payload covers, for the initiator or the responder side. */
    static byte[] signedOctets(byte[] realMessage, byte[] peerNonce, byte[] prfOfId) {
        byte[] out = Arrays.copyOf(realMessage, realMessage.length + peerNonce.length + prfOfId.length);
        System.arraycopy(peerNonce, 0, out, realMessage.length, peerNonce.length);
        System.arraycopy(prfOfId, 0, out, realMessage.length + peerNonce.length, prfOfId.length);
        return out;
    }

    /** RFC 7296 §2.16: AUTH = prf(prf(MSK, "Key Pad for IKEv2"), signed octets). */
    static byte[] mskAuth(SkPayloadSuite suite, byte[] msk, byte[] octets) {
        return suite.prf().apply(suite.prf().apply(msk, KEY_PAD), octets);
    }

    /** One attach: its socket, keys and findings. */
    private final class Session {
        private final String fqdn;
        private final Plmn plmn;
        private final InetAddress address;
        private final long start = System.nanoTime();
        private final long deadline;
        private final List<String> transcript = new ArrayList<>();
        /** Packets of the current exchange that were not its answer. */
        private int ignored;
        private final Nai nai;
        /** Why the SIM could not give its IMSI, when it could not: the attach then does not start. */
        private final String unreadSim;
        /** Keep the SAs up after a successful attach, for the user plane. */
        private final boolean keep;
        private Attachment.Tunnel tunnel;
        private String noTunnel;
        private int ownSpi;
        private final List<InetAddress> innerAddresses = new ArrayList<>();
        private final List<InetAddress> dnsAddresses = new ArrayList<>();
        private final List<InetAddress> pcscfAddresses = new ArrayList<>();
        private DatagramSocket socket;
        private boolean marker;
        private int port;
        // what the result reports
        private String proposalText;
        private AttachResult.Delivery delivery = AttachResult.Delivery.NONE;
        private int answerFragments;
        private int answerBytes;
        private CertificateReport certificate;
        private ResponderSignature.SignatureVerdict signature;
        private String eapMethod;
        private final List<String> errorNotifies = new ArrayList<>();
        private String eapFailure;
        private final List<String> inner = new ArrayList<>();
        private final List<String> dns = new ArrayList<>();
        private final List<String> pcscf = new ArrayList<>();
        private String childProposal;
        // the IKE SA
        private long spiI;
        private long spiR;
        private byte[] realMessage1;
        private byte[] realMessage2;
        private byte[] ni;
        private byte[] nr;
        private SkPayloadSuite suite;
        private IkeSaKeys keys;
        private SkPayload sender;
        private SkPayload receiver;
        private boolean responderFragments;
        /** The answer being put together in the last exchange: what arrived of it when the exchange timed out. */
        private FragmentAssembly assembly;
        private int messageId;
        private int transmissions;
        // IDr' of the first answer: the final AUTH covers it when the last answer repeats no IDr
        private byte[] lastIdr;

        Session(String fqdn, Plmn plmn, InetAddress address, boolean keep) {
            this.keep = keep;
            this.fqdn = fqdn;
            this.plmn = plmn;
            this.address = address;
            this.deadline = start + settings.deadline().toNanos();
            Nai identity;
            String unread = null;
            try {
                identity = identity(settings, plmn);
            } catch (SimException e) {
                // a SIM in a reader gives its IMSI at the first ask: an empty reader or a wrong PIN shows here
                identity = identity(settings.withoutCredentials(), plmn);
                unread = e.getMessage();
            }
            this.nai = identity;
            this.unreadSim = unread;
        }

        private String where() {
            return host() + ":" + port;
        }

        private String host() {
            String text = AddressText.of(address);
            return text.contains(":") ? "[" + text + "]" : text;
        }

        AttachResult run() {
            if (unreadSim != null) {
                port = 500 + settings.portOffset();
                return finish(AttachResult.Outcome.SIM_ERROR, false, "the attach at " + where() + " (" + fqdn
                        + ") did not start because the SIM could not be read: " + unreadSim);
            }
            DatagramSocket s = null;
            try {
                s = new DatagramSocket(0, null);
                socket = s;
                return attach();
            } catch (IOException e) {
                return finish(AttachResult.Outcome.SA_INIT_FAILED, false, "could not send IKE_SA_INIT to " + where()
                        + " for " + fqdn + ": " + e.getMessage() + "; check this host's route to " + host());
            } catch (SimException e) {
                // the card is asked only in EAP, which reports it itself; this keeps any other ask a result, not a trace
                return simError(e.getMessage());
            } finally {
                // a kept tunnel owns the socket from here on
                if (s != null && tunnel == null) {
                    s.close();
                }
            }
        }

        private AttachResult attach() throws IOException {
            port = 500 + settings.portOffset();
            socket.connect(new InetSocketAddress(address, port));
            InetSocketAddress local = new InetSocketAddress(socket.getLocalAddress(), socket.getLocalPort());
            InetSocketAddress remote = new InetSocketAddress(address, port);
            DhGroup group = settings.offer().firstGroup();
            DhKeyPair pair = group.generateKeyPair(random);
            SaInitRequest request = SaInitRequest.create(settings.offer(), group, pair.publicValue(), local, remote, random);
            SaInitResponse response = null;
            for (int round = 0; round < MAX_SA_INIT_ROUNDS && response == null; round++) {
                byte[] sent = request.encode(false);
                SaInitRequest asked = request;
                Reply reply = exchange(List.of(sent), "IKE_SA_INIT", bytes -> {
                    IkeMessage m = IkeMessage.decode(bytes);
                    return asked.mismatch(m).isEmpty() ? Optional.of(m) : Optional.empty();
                });
                if (reply == null) {
                    return finish(AttachResult.Outcome.SA_INIT_FAILED, false, "no answer from " + where() + " to "
                            + transmissions + " IKE_SA_INIT requests within " + seconds(settings.exchangeTimeout())
                            + " for " + fqdn + "; IKE_AUTH needs UDP/500 open first — run the reachability check for this address");
                }
                SaInitResponse answer = new SaInitResponse(reply.message(), reply.bytes());
                switch (answer.kind()) {
                    case COOKIE -> request = request.withCookie(answer.cookie().orElseThrow());
                    case INVALID_KE -> {
                        int wanted = answer.requestedGroup().getAsInt();
                        Optional<DhGroup> other = DhGroup.byId(wanted).filter(settings.offer().groups()::contains);
                        if (other.isEmpty()) {
                            return finish(AttachResult.Outcome.SA_INIT_FAILED, false, "the ePDG at " + where()
                                    + " asks for DH group " + wanted + ", which the offer (" + settings.offer().describe()
                                    + ") does not contain; offer that group to attach");
                        }
                        pair = other.get().generateKeyPair(random);
                        request = request.withGroup(other.get(), pair.publicValue());
                    }
                    case ACCEPTED -> {
                        response = answer;
                        realMessage1 = sent;
                        realMessage2 = reply.raw();
                    }
                    default -> {
                        return finish(AttachResult.Outcome.SA_INIT_FAILED, false, "the ePDG at " + where()
                                + " refused IKE_SA_INIT with " + String.join(", ", answer.notifyNames()) + " for " + fqdn
                                + "; the phone's proposals (" + settings.offer().describe() + ") are not accepted");
                    }
                }
            }
            if (response == null) {
                return finish(AttachResult.Outcome.SA_INIT_FAILED, false, "the ePDG at " + where()
                        + " kept asking for a new IKE_SA_INIT (cookie or DH group) " + MAX_SA_INIT_ROUNDS + " times");
            }
            Proposal chosen = response.selectedProposal().orElseThrow();
            proposalText = response.selectedProposalText().orElse("?");
            try {
                suite = SkPayloadSuite.of(chosen);
            } catch (IllegalArgumentException e) {
                return finish(AttachResult.Outcome.PROTOCOL_ERROR, false, "the ePDG at " + where() + " chose " + proposalText
                        + ", which this probe cannot use for IKE_AUTH: " + e.getMessage());
            }
            IkeMessage init = response.message();
            spiI = request.spi();
            spiR = init.responderSpi();
            ni = request.nonce();
            nr = init.payloads(IkePayload.Nonce.class).get(0).data();
            byte[] gir;
            try {
                gir = pair.sharedSecret(init.payloads(IkePayload.KeyExchange.class).get(0).data());
            } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                return finish(AttachResult.Outcome.PROTOCOL_ERROR, false, "the ePDG at " + where()
                        + " sent an unusable KE value in IKE_SA_INIT: " + e.getMessage());
            }
            keys = IkeSaKeys.derive(suite, ni, nr, gir, spiI, spiR);
            Arrays.fill(gir, (byte) 0);
            sender = SkPayload.sending(suite, keys, true);
            receiver = SkPayload.receiving(suite, keys, true);
            responderFragments = response.fragmentationSupported();
            return authenticate();
        }

        private AttachResult authenticate() throws IOException {
            // RFC 7296 §2.23: the initiator may move to 4500 at any time; phones always do
            socket.disconnect();
            port = 4500 + settings.portOffset();
            socket.connect(new InetSocketAddress(address, port));
            marker = true;
            Identification idi = Identification.rfc822(true, nai.value());
            List<IkePayload> first = new ArrayList<>();
            first.add(idi);
            first.add(Identification.fqdn(false, settings.apn()));
            first.add(new Configuration(Configuration.CFG_REQUEST, List.of(
                    new ConfigAttribute(ConfigAttribute.INTERNAL_IP4_ADDRESS, new byte[0]),
                    new ConfigAttribute(ConfigAttribute.INTERNAL_IP4_DNS, new byte[0]),
                    new ConfigAttribute(ConfigAttribute.INTERNAL_IP6_ADDRESS, new byte[0]),
                    new ConfigAttribute(ConfigAttribute.INTERNAL_IP6_DNS, new byte[0]),
                    new ConfigAttribute(ConfigAttribute.P_CSCF_IP4_ADDRESS, new byte[0]),
                    new ConfigAttribute(ConfigAttribute.P_CSCF_IP6_ADDRESS, new byte[0]))));
            first.add(new SecurityAssociation(childProposals()));
            first.add(new TrafficSelectors(true, List.of(TrafficSelector.allIpv4(), TrafficSelector.allIpv6())));
            first.add(new TrafficSelectors(false, List.of(TrafficSelector.allIpv4(), TrafficSelector.allIpv6())));
            Reply reply = authExchange(first);
            if (reply == null) {
                return finish(AttachResult.Outcome.NO_AUTH_ANSWER, false, incompleteFragments("IKE_AUTH request 1")
                        .orElseGet(this::noAnswerSentence));
            }
            delivery = reply.fragments() > 0 ? AttachResult.Delivery.IKE_FRAGMENTS : AttachResult.Delivery.WHOLE;
            answerFragments = reply.fragments();
            answerBytes = reply.bytes();
            IkeMessage answer = reply.message();
            Optional<AttachResult> refused = errors(answer, "its first IKE_AUTH answer", false);
            List<Identification> idr = answer.payloads(Identification.class).stream().filter(i -> !i.initiator()).toList();
            List<byte[]> certs = answer.payloads(Certificate.class).stream()
                    .filter(c -> c.encoding() == Certificate.X509_SIGNATURE).map(Certificate::data).toList();
            if (!idr.isEmpty() || !certs.isEmpty()) {
                Identification id = idr.isEmpty() ? Identification.fqdn(false, "") : idr.get(0);
                certificate = withoutApnIdr(new CertificateCheck(settings.trust(), settings.expiryWarningDays(), settings.clock())
                        .check(fqdn, id.idType(), id.data(), certs));
                List<Authentication> auth = answer.payloads(Authentication.class);
                if (!auth.isEmpty() && !idr.isEmpty()) {
                    signature = verifySignature(certs, auth.get(0), idr.get(0));
                }
            }
            List<Eap> eap = answer.payloads(Eap.class);
            if (!eap.isEmpty()) {
                eapMethod = eapMethodOf(eap.get(0).message());
            }
            if (refused.isPresent() && eap.isEmpty()) {
                return refused.get();
            }
            if (eap.isEmpty()) {
                return finish(AttachResult.Outcome.PROTOCOL_ERROR, false, "the ePDG at " + where() + " answered IKE_AUTH for "
                        + fqdn + " without an EAP request (" + answer.describe() + "); a phone authenticates only by EAP-AKA");
            }
            if (settings.credentials().isEmpty()) {
                if (certs.isEmpty() && endsEap(eap.get(0).message())) {
                    // an AAA that refuses the identity outright answers before the ePDG shows its certificate
                    eapFailure = "EAP-Failure for " + nai.masked() + " before any challenge";
                    return finish(AttachResult.Outcome.EAP_FAILED, false, "the ePDG " + fqdn + " at " + where()
                            + " answered IKE_AUTH with EAP-Failure for " + nai.masked() + " and without its certificate: "
                            + "its AAA does not know this identity, so the certificate cannot be read; set wificall.imsi "
                            + "(or WIFICALL_IMSI) to a subscriber of this operator (no keys needed) and probe again");
                }
                deleteQuietly();
                return answeredWithoutSim();
            }
            return eap(eap.get(0).message(), idi);
        }

        private AttachResult eap(byte[] request, Identification idi) throws IOException {
            EapAkaPeer peer = new EapAkaPeer(settings.credentials().get(), nai.value(), nai.masked());
            byte[] packet = request;
            for (int round = 0; round < MAX_EAP_ROUNDS; round++) {
                EapAkaPeer.Step step;
                try {
                    step = peer.receive(packet);
                } catch (MalformedEapException e) {
                    return finish(AttachResult.Outcome.PROTOCOL_ERROR, false, "the ePDG at " + where()
                            + " sent a malformed EAP packet: " + e.getMessage());
                }
                note("EAP: " + step.event());
                if (step.state() == EapAkaPeer.State.FAILED && peer.simError().isPresent()) {
                    return simError(peer.simError().get());
                }
                if (step.state() == EapAkaPeer.State.FAILED) {
                    eapFailure = peer.rejection().orElse("the ePDG ended EAP with " + step.event() + " for " + nai.masked()
                            + (peer.notification() >= 0 ? " after AKA-Notification " + EapAkaPeer.notificationText(peer.notification()) : "")
                            + ": the subscriber is unknown to its AAA/HSS, not allowed Wi-Fi Calling, or its keys differ");
                    return finish(AttachResult.Outcome.EAP_FAILED, false, "EAP-AKA for " + nai.masked() + " at " + where()
                            + " (" + fqdn + ") failed: " + eapFailure + notifiesText());
                }
                if (step.state() == EapAkaPeer.State.SUCCEEDED) {
                    return finalAuth(peer.msk().orElseThrow(), idi);
                }
                Reply reply = authExchange(List.of(new Eap(step.response().orElseThrow())));
                if (reply == null) {
                    return finish(AttachResult.Outcome.EAP_FAILED, false, incompleteFragments("an EAP response")
                            .orElseGet(() -> "the ePDG at " + where() + " stopped answering during EAP-AKA for " + nai.masked()
                                    + " (no answer within " + seconds(settings.exchangeTimeout()) + ")"));
                }
                Optional<AttachResult> refused = errors(reply.message(), "EAP", true);
                List<Eap> eap = reply.message().payloads(Eap.class);
                if (eap.isEmpty()) {
                    return refused.orElseGet(() -> finish(AttachResult.Outcome.PROTOCOL_ERROR, false, "the ePDG at "
                            + where() + " answered an EAP response without EAP payload: " + reply.message().describe()));
                }
                packet = eap.get(0).message();
            }
            return finish(AttachResult.Outcome.EAP_FAILED, false, "EAP-AKA at " + where() + " did not end after "
                    + MAX_EAP_ROUNDS + " rounds");
        }

        private AttachResult finalAuth(byte[] msk, Identification idi) throws IOException {
            byte[] octets = signedOctets(realMessage1, nr, suite.prf().apply(keys.skPi(), idi.body()));
            byte[] ours = mskAuth(suite, msk, octets);
            Reply reply = authExchange(List.of(new Authentication(Authentication.SHARED_KEY_MIC, ours)));
            if (reply == null) {
                return finish(AttachResult.Outcome.EAP_FAILED, false, incompleteFragments("the final AUTH")
                        .orElseGet(() -> "EAP-AKA succeeded, but the ePDG at " + where() + " did not answer the AUTH payload within "
                                + seconds(settings.exchangeTimeout())));
            }
            IkeMessage answer = reply.message();
            List<Authentication> auth = answer.payloads(Authentication.class);
            Optional<AttachResult> refused = errors(answer, "the final IKE_AUTH", true);
            if (auth.isEmpty()) {
                return refused.orElseGet(() -> finish(AttachResult.Outcome.PROTOCOL_ERROR, false, "the ePDG at " + where()
                        + " sent no AUTH payload after EAP-Success: " + answer.describe()));
            }
            Identification idr = answer.payloads(Identification.class).stream().filter(i -> !i.initiator()).findFirst()
                    .orElse(null);
            byte[] idrBody = idr != null ? idr.body() : lastIdr;
            if (idrBody == null) {
                return finish(AttachResult.Outcome.PROTOCOL_ERROR, false, "the ePDG at " + where()
                        + " never sent IDr, so its AUTH cannot be checked");
            }
            byte[] expected = mskAuth(suite, msk, signedOctets(realMessage2, ni, suite.prf().apply(keys.skPr(), idrBody)));
            if (!java.security.MessageDigest.isEqual(expected, auth.get(0).data())) {
                return finish(AttachResult.Outcome.AUTH_FAILED, false, "the AUTH payload of the ePDG at " + where()
                        + " after EAP-Success does not match the MSK of this EAP-AKA run: it is not the server the SIM "
                        + "authenticated with");
            }
            note("AUTH of the ePDG verified with the EAP MSK");
            if (refused.isPresent()) {
                return refused.get();
            }
            answer.payloads(Configuration.class).forEach(this::addresses);
            List<SecurityAssociation> child = answer.payloads(SecurityAssociation.class);
            if (!child.isEmpty() && !child.get(0).proposals().isEmpty()) {
                childProposal = child.get(0).proposals().get(0).describe();
            }
            if (keep && !inner.isEmpty()) {
                keepTunnel(child);
            } else {
                deleteQuietly();
            }
            String sentence = "attached to the ePDG " + fqdn + " at " + where() + " as " + nai.masked() + " with EAP-AKA ("
                    + settings.credentials().map(CredentialSource::description).orElse("USIM") + "): inner "
                    + (inner.isEmpty() ? "address none" : "address " + String.join(", ", inner))
                    + ", DNS " + (dns.isEmpty() ? "none" : String.join(", ", dns))
                    + ", P-CSCF " + (pcscf.isEmpty() ? "none" : String.join(", ", pcscf))
                    + (childProposal == null ? "" : ", child SA " + childProposal);
            boolean ok = certificate == null || certificate.passed();
            return finish(AttachResult.Outcome.ATTACHED, ok && !inner.isEmpty(), sentence
                    + (certificate == null ? "" : "; " + certificate.sentence())
                    + (inner.isEmpty() ? "; but no inner address was assigned: IMS traffic has no address to use" : ""));
        }

        /** The Child SA for the user plane: the ePDG's SPI and transforms from its SA payload, KEYMAT from SK_d. */
        private void keepTunnel(List<SecurityAssociation> child) {
            Optional<Proposal> chosen = child.isEmpty() ? Optional.empty() : child.get(0).proposals().stream().findFirst();
            if (chosen.isEmpty() || chosen.get().spi().length != 4) {
                noTunnel = "the ePDG at " + where() + " accepted the attach but sent no ESP proposal with a 4-byte SPI for the Child SA";
                deleteQuietly();
                return;
            }
            dev.wificall.ike.ChildSaKeys.Suite espSuite;
            try {
                espSuite = dev.wificall.ike.ChildSaKeys.suite(chosen.get());
            } catch (IllegalArgumentException e) {
                noTunnel = e.getMessage();
                deleteQuietly();
                return;
            }
            byte[] spi = chosen.get().spi();
            int peerSpi = (spi[0] & 0xFF) << 24 | (spi[1] & 0xFF) << 16 | (spi[2] & 0xFF) << 8 | spi[3] & 0xFF;
            tunnel = new Attachment.Tunnel(socket, new InetSocketAddress(address, port),
                    dev.wificall.ike.ChildSaKeys.derive(espSuite, suite.prf(), keys.skD(), ni, nr), ownSpi, peerSpi,
                    innerAddresses, dnsAddresses, pcscfAddresses, spiI, spiR, sender, receiver, messageId, random);
            note("Child SA kept for the user plane: ESP " + espSuite.describe() + ", SPI out " + String.format("0x%08x", peerSpi)
                    + ", SPI in " + String.format("0x%08x", ownSpi));
        }

        /** An ePDG that echoes the APN the phone asked for as IDr does what TS 24.302 expects: not a finding. */
        private CertificateReport withoutApnIdr(CertificateReport report) {
            if (!settings.apn().equalsIgnoreCase(report.idr().replaceFirst("^ID_FQDN ", ""))) {
                return report;
            }
            List<CertificateFinding> kept = report.findings().stream()
                    .filter(f -> f.kind() != CertificateFinding.Kind.IDR_NOT_CONFIRMED).toList();
            return new CertificateReport(report.fqdn(), report.chain(), report.idr(), report.idrConfirmed(), report.nameMatches(),
                    report.trust(), report.daysToExpiry(), report.chainDaysToExpiry(), kept, report.sentence());
        }

        private ResponderSignature.SignatureVerdict verifySignature(List<byte[]> certs, Authentication auth, Identification idr) {
            lastIdr = idr.body();
            if (certs.isEmpty()) {
                return null;
            }
            X509Certificate leaf;
            try {
                leaf = (X509Certificate) CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(certs.get(0)));
            } catch (CertificateException | RuntimeException e) {
                return null;
            }
            byte[] octets = signedOctets(realMessage2, ni, suite.prf().apply(keys.skPr(), idr.body()));
            ResponderSignature.SignatureVerdict v = ResponderSignature.verify(leaf, auth.method(), auth.data(), octets);
            note("AUTH (" + auth.methodName() + ") of the ePDG: " + (v.valid() ? "signature verified with its certificate" : v.sentence()));
            return v;
        }

        private AttachResult answeredWithoutSim() {
            StringBuilder s = new StringBuilder("the ePDG ").append(fqdn).append(" at ").append(where())
                    .append(" answered IKE_AUTH ").append(deliveryText());
            s.append(eapMethod == null ? "" : " and asks for " + eapMethod);
            boolean ok = true;
            if (certificate != null) {
                s.append("; ").append(certificate.sentence());
                ok = certificate.passed();
            } else {
                s.append("; it sent no certificate, so a phone cannot authenticate it");
                ok = false;
            }
            if (signature != null && !signature.valid()) {
                s.append("; ").append(signature.sentence());
                ok = false;
            }
            if (eapMethod != null && !eapMethod.startsWith("EAP-AKA")) {
                s.append("; a phone answers only EAP-AKA");
                ok = false;
            }
            return finish(AttachResult.Outcome.ANSWERED, ok, s.toString());
        }

        private String deliveryText() {
            return delivery == AttachResult.Delivery.IKE_FRAGMENTS
                    ? "in " + answerFragments + " IKE fragments (" + answerBytes + " bytes, RFC 7383)"
                    : "in one message of " + answerBytes + " bytes";
        }

        /**
         * When the last exchange timed out with some IKE fragments of its answer in: which came and which
         * did not. A phone cannot use a part of a message, so this is no answer, said as what was seen.
         */
        private Optional<String> incompleteFragments(String request) {
            if (assembly == null || assembly.total() == 0) {
                return Optional.empty();
            }
            List<String> missing = assembly.missing().stream().map(String::valueOf).toList();
            return Optional.of("the ePDG " + fqdn + " at " + host() + " sent " + assembly.received() + " of the " + assembly.total()
                    + " IKE fragments (RFC 7383) of its answer to " + request + " on UDP/" + port + ", but fragment"
                    + (missing.size() == 1 ? " " : "s ") + Sentences.capped(missing) + " did not come within "
                    + seconds(settings.exchangeTimeout()) + " (" + transmissions + " transmissions); a phone cannot attach on part of "
                    + "a message. Something on the path drops some of the ePDG's UDP packets (a rate limit, DPI or a flood "
                    + "guard on UDP/4500 from " + host() + "), or the ePDG stops sending: compare a capture on both sides");
        }

        private String noAnswerSentence() {
            String base = "the ePDG " + fqdn + " at " + host() + " answered IKE_SA_INIT on UDP/" + (500 + settings.portOffset())
                    + " but nothing came back to IKE_AUTH on UDP/" + port + " within " + seconds(settings.exchangeTimeout())
                    + " (" + transmissions + " transmissions)";
            if (!responderFragments) {
                return base + ". The IKE_AUTH answer carries the ePDG's certificate chain and is usually larger than "
                        + "one packet; the ePDG did not offer IKE fragmentation (RFC 7383), so it arrives as IP fragments: "
                        + "this is the signature of a firewall or NAT that drops IP fragments. Allow fragments of UDP from "
                        + host() + " (or enable IKE fragmentation on the ePDG), and check that UDP/4500 is open";
            }
            return base + ". The ePDG supports IKE fragmentation, so dropped IP fragments are unlikely: check that "
                    + "UDP/4500 to " + host() + " is open in both directions (ESP-in-UDP ALGs may eat IKE on 4500)";
        }

        /** An error notify in an answer as the result; {@code eapStarted}: AUTHENTICATION_FAILED then ends EAP. */
        private Optional<AttachResult> errors(IkeMessage answer, String where, boolean eapStarted) {
            List<Notify> errors = answer.payloads(Notify.class).stream().filter(Notify::isError).toList();
            if (errors.isEmpty()) {
                return Optional.empty();
            }
            errors.forEach(n -> errorNotifies.add(n.name()));
            boolean auth = errors.stream().anyMatch(n -> n.notifyType() == Notify.AUTHENTICATION_FAILED);
            String hint = auth && !eapStarted
                    ? ": the ePDG refused IKE_AUTH before any EAP, so it has no configuration for IDi " + nai.masked()
                    + " with IDr " + settings.apn() + " (strongSwan answers so when no connection's identities match; "
                    + "check the APN) or its AAA refused the identity outright"
                    : threeGppHint(errors);
            return Optional.of(finish(auth && eapStarted ? AttachResult.Outcome.EAP_FAILED : AttachResult.Outcome.REJECTED, false,
                    "the ePDG " + fqdn + " at " + where() + " refused the attach of " + nai.masked() + " in " + where + " with "
                            + String.join(", ", errorNotifies) + hint));
        }

        private String notifiesText() {
            return errorNotifies.isEmpty() ? "" : " (notify " + String.join(", ", errorNotifies) + ")";
        }

        private String threeGppHint(List<Notify> errors) {
            for (Notify n : errors) {
                switch (n.notifyType()) {
                    case 9000: return ": the subscription does not allow Wi-Fi Calling (non-3GPP access to EPC)";
                    case 9001: return ": the ePDG's HSS does not know this subscriber";
                    case 9002: return ": the subscriber has no subscription for APN " + settings.apn();
                    case 9003: return ": the operator rejected the authorization";
                    case 9006: return ": the device is barred (ILLEGAL_ME)";
                    case 10500: return ": the ePDG reports a network failure behind it; retry later";
                    case 24: return ": authentication failed";
                    case 38: return ": the traffic selectors were not accepted";
                    case 36: return ": the ePDG could not assign an inner address";
                    default: break;
                }
            }
            return "";
        }

        private void addresses(Configuration cp) {
            for (ConfigAttribute a : cp.attributes()) {
                List<String> into = switch (a.type()) {
                    case ConfigAttribute.INTERNAL_IP4_ADDRESS, ConfigAttribute.INTERNAL_IP6_ADDRESS -> inner;
                    case ConfigAttribute.INTERNAL_IP4_DNS, ConfigAttribute.INTERNAL_IP6_DNS -> dns;
                    case ConfigAttribute.P_CSCF_IP4_ADDRESS, ConfigAttribute.P_CSCF_IP6_ADDRESS -> pcscf;
                    default -> null;
                };
                List<InetAddress> parsed = into == inner ? innerAddresses : into == dns ? dnsAddresses : pcscfAddresses;
                if (into == null || a.value().length < 4) {
                    continue;
                }
                int length = a.value().length >= 16 ? 16 : 4;
                try {
                    InetAddress value = InetAddress.getByAddress(Arrays.copyOf(a.value(), length));
                    into.add(AddressText.of(value));
                    parsed.add(value);
                } catch (UnknownHostException e) {
                    // cannot happen for 4 or 16 bytes
                }
            }
        }

        private List<Proposal> childProposals() {
            byte[] spi = new byte[4];
            random.nextBytes(spi);
            spi[0] |= 1; // SPIs below 256 are reserved (RFC 4303 §2.1)
            ownSpi = (spi[0] & 0xFF) << 24 | (spi[1] & 0xFF) << 16 | (spi[2] & 0xFF) << 8 | spi[3] & 0xFF;
            List<Transform> gcm = List.of(Transform.encr(20, 256), Transform.encr(20, 128), Transform.of(SecurityAssociation.ESN, 0));
            List<Transform> cbc = List.of(Transform.encr(12, 256), Transform.encr(12, 128), Transform.of(SecurityAssociation.INTEG, 12),
                    Transform.of(SecurityAssociation.INTEG, 2), Transform.of(SecurityAssociation.ESN, 0));
            return List.of(Proposal.esp(1, spi, gcm), Proposal.esp(2, spi, cbc));
        }

        private static boolean endsEap(byte[] packet) {
            try {
                return !dev.wificall.eap.EapPacket.decode(packet).code().typed();
            } catch (MalformedEapException e) {
                return false;
            }
        }

        private static String eapMethodOf(byte[] packet) {
            try {
                dev.wificall.eap.EapPacket p = dev.wificall.eap.EapPacket.decode(packet);
                if (!p.code().typed()) {
                    return p.code() == dev.wificall.eap.EapPacket.Code.SUCCESS ? "EAP-Success" : "EAP-Failure";
                }
                String method = EapAkaPeer.methodName(p.type());
                if (p.type() == dev.wificall.eap.EapPacket.TYPE_AKA) {
                    return method + " " + dev.wificall.eap.EapAkaMessage.decode(packet).subtype();
                }
                return method;
            } catch (MalformedEapException e) {
                return "a malformed EAP packet (" + e.getMessage() + ")";
            }
        }

        // --- exchanges ---

        /** Sends one IKE_AUTH (or INFORMATIONAL) request in SK or SKF payloads and waits for its answer. */
        private Reply authExchange(List<IkePayload> payloads) throws IOException {
            return protectedExchange(IKE_AUTH, payloads);
        }

        private Reply protectedExchange(int exchange, List<IkePayload> payloads) throws IOException {
            int id = ++messageId;
            IkeMessage message = new IkeMessage(spiI, spiR, IkeMessage.VERSION_2_0, exchange, IkeMessage.FLAG_INITIATOR, id, payloads);
            List<byte[]> datagrams = responderFragments
                    ? sender.sealFragments(message, settings.fragmentSize() - (address.getAddress().length == 4 ? 28 : 48), random)
                    : List.of(sender.seal(message, random));
            note("→ " + message.describe() + (datagrams.size() > 1 ? " in " + datagrams.size() + " IKE fragments" : ""));
            FragmentAssembly assembly = new FragmentAssembly(receiver);
            this.assembly = assembly;
            // datagram sizes of the answer by fragment number (0: one SK message): a resent fragment counts once
            Map<Integer, Integer> sizes = new HashMap<>();
            return exchange(datagrams, message.describe(), bytes -> {
                IkeMessage outer = IkeMessage.decode(bytes);
                if (outer.initiatorSpi() != spiI || outer.responderSpi() != spiR || !outer.isResponse()
                        || outer.exchangeType() != exchange || outer.messageId() != id) {
                    return Optional.empty();
                }
                try {
                    Optional<IkeMessage> done = assembly.add(bytes);
                    sizes.put(fragmentNumber(outer), bytes.length);
                    return done;
                } catch (SkPayloadIntegrityException e) {
                    ignored("ignored a packet whose integrity check failed: " + e.getMessage());
                    return Optional.empty();
                }
            }, sizes);
        }

        /** The SKF payload's Fragment Number (RFC 7383 §2.5), 0 for a message that is not a fragment. */
        private static int fragmentNumber(IkeMessage outer) {
            List<IkePayload> payloads = outer.payloads();
            IkePayload last = payloads.isEmpty() ? null : payloads.get(payloads.size() - 1);
            if (last instanceof IkePayload.Unknown u && u.type() == IkePayload.ENCRYPTED_FRAGMENT && u.body().length >= 2) {
                return (u.body()[0] & 0xFF) << 8 | u.body()[1] & 0xFF;
            }
            return 0;
        }

        private Reply exchange(List<byte[]> datagrams, String what, Matcher matcher) throws IOException {
            return exchange(datagrams, what, matcher, null);
        }

        /**
         * Sends {@code datagrams}, then waits for {@code matcher} to accept what comes back; resends with
         * doubling intervals until the exchange timeout or the attach deadline. Null when nothing came.
         * {@code sizes}, filled by the matcher, gives the answer's size and fragments; null for a single datagram.
         */
        private Reply exchange(List<byte[]> datagrams, String what, Matcher matcher, Map<Integer, Integer> sizes) throws IOException {
            long exchangeEnd = Math.min(deadline, System.nanoTime() + settings.exchangeTimeout().toNanos());
            long wait = settings.initialWait().toNanos();
            transmissions = 0;
            ignored = 0;
            byte[] buffer = new byte[65536];
            while (true) {
                long now = System.nanoTime();
                if (now >= exchangeEnd) {
                    noteIgnored();
                    note("no answer to " + what + " after " + transmissions + " transmissions");
                    return null;
                }
                for (byte[] d : datagrams) {
                    byte[] wire = marker ? withMarker(d) : d;
                    try {
                        socket.send(new DatagramPacket(wire, wire.length));
                    } catch (IOException e) {
                        note("sending to " + where() + " failed: " + e.getMessage());
                    }
                }
                transmissions++;
                if (what.startsWith("IKE_SA_INIT")) {
                    note("→ IKE_SA_INIT request 0 to " + where() + (transmissions > 1 ? " (retransmission " + (transmissions - 1) + ")" : ""));
                } else if (transmissions > 1) {
                    // the first transmission of a protected request is logged by the caller, with its payloads
                    note("→ retransmission " + (transmissions - 1) + " of " + what);
                }
                long resendAt = Math.min(exchangeEnd, System.nanoTime() + wait);
                wait *= 2;
                while (true) {
                    long left = resendAt - System.nanoTime();
                    if (left <= 0) {
                        break;
                    }
                    socket.setSoTimeout((int) Math.max(1, left / 1_000_000));
                    DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                    try {
                        socket.receive(packet);
                    } catch (SocketTimeoutException e) {
                        break;
                    } catch (IOException e) {
                        note("ICMP error from " + where() + ": " + e.getMessage());
                        break;
                    }
                    int offset = marker ? 4 : 0;
                    if (packet.getLength() <= offset || (marker && !zeroMarker(buffer))) {
                        continue;
                    }
                    byte[] message = Arrays.copyOfRange(buffer, offset, packet.getLength());
                    try {
                        Optional<IkeMessage> m = matcher.match(message);
                        if (m.isPresent()) {
                            int bytes = sizes == null ? message.length : sizes.values().stream().mapToInt(Integer::intValue).sum();
                            int fragments = sizes == null || sizes.containsKey(0) ? 0 : sizes.size();
                            noteIgnored();
                            note("← " + m.get().describe() + " (" + bytes + " bytes"
                                    + (fragments > 0 ? " in " + fragments + " IKE fragments" : "") + ")");
                            return new Reply(m.get(), message, bytes, fragments);
                        }
                    } catch (MalformedIkeException e) {
                        ignored("ignored a malformed packet from " + where() + ": " + e.getMessage());
                    }
                }
            }
        }

        /** INFORMATIONAL with Delete of the IKE SA, so the ePDG does not keep a half-made SA; its answer is not awaited long. */
        private void deleteQuietly() {
            try {
                int id = ++messageId;
                IkeMessage delete = new IkeMessage(spiI, spiR, IkeMessage.VERSION_2_0, INFORMATIONAL, IkeMessage.FLAG_INITIATOR, id,
                        List.of(IkePayload.Delete.ikeSa()));
                byte[] wire = withMarker(sender.seal(delete, random));
                socket.send(new DatagramPacket(wire, wire.length));
                note("→ " + delete.describe());
            } catch (IOException | RuntimeException e) {
                note("could not send the Delete: " + e.getMessage());
            }
        }

        private void note(String line) {
            long ms = (System.nanoTime() - start) / 1_000_000;
            transcript.add(String.format("%6d ms  %s", ms, line));
        }

        /** Notes the first few packets of an exchange that were not its answer; the rest are counted. */
        private void ignored(String line) {
            if (++ignored <= SHOWN_IGNORED) {
                note(line);
            }
        }

        private void noteIgnored() {
            if (ignored > SHOWN_IGNORED) {
                note("ignored " + Sentences.count(ignored - SHOWN_IGNORED) + " more packets like these");
            }
        }

        /** The SIM failed mid-attach: a failure of the check that says why, not of the ePDG. */
        private AttachResult simError(String why) {
            return finish(AttachResult.Outcome.SIM_ERROR, false, "the attach of " + nai.masked() + " at " + where() + " ("
                    + fqdn + ") stopped because the SIM could not answer: " + why);
        }

        private AttachResult finish(AttachResult.Outcome outcome, boolean passed, String sentence) {
            return new AttachResult(fqdn, AddressText.of(address), outcome, passed, sentence, Optional.ofNullable(proposalText),
                    delivery, answerFragments, answerBytes, Optional.ofNullable(certificate), Optional.ofNullable(signature),
                    Optional.ofNullable(eapMethod), errorNotifies, Optional.ofNullable(eapFailure), inner, dns, pcscf,
                    Optional.ofNullable(childProposal), nai.masked(), transcript,
                    Duration.ofNanos(System.nanoTime() - start));
        }
    }

    private static boolean zeroMarker(byte[] b) {
        return b[0] == 0 && b[1] == 0 && b[2] == 0 && b[3] == 0;
    }

    private static byte[] withMarker(byte[] message) {
        byte[] out = new byte[message.length + 4];
        System.arraycopy(message, 0, out, 4, message.length);
        return out;
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    /** Accepts a received IKE message (without marker) as the awaited answer, or not. */
    @FunctionalInterface
    private interface Matcher {
        Optional<IkeMessage> match(byte[] message) throws MalformedIkeException;
    }

    /** An answer: the (decrypted) message, its raw bytes (the last datagram), total bytes and IKE fragments. */
    private record Reply(IkeMessage message, byte[] raw, int bytes, int fragments) {
    }
}
