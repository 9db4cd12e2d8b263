package dev.wificall.verdict;

import dev.wificall.audit.PhoneProfile;
import dev.wificall.audit.PhoneProfiles;
import dev.wificall.discovery.PhoneNames;
import dev.wificall.discovery.SelectionInput;
import dev.wificall.ike.IkeProposals;
import dev.wificall.probe.IkePort;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One operator to check, with the ports and address policy that apply to it; the check's settings
 * give the defaults, a front end's per-operator configuration overrides them.
 *
 * @param operator      what the phone knows: operator, area, abroad, emergency, or a configured name
 * @param ports         the ports to probe on every address, at least one
 * @param addressPolicy whether one working address is enough or every address must work
 * @param phones        the phone profiles configured with this target's name when it is a carrier's
 *                      own ({@link PhoneNames}); empty for a name the phone builds or the user gave
 * @param offer         what IKE_SA_INIT offers, with the phone it copies; empty for the settings' proposals
 */
public record CheckTarget(SelectionInput operator, List<IkePort> ports, AddressPolicy addressPolicy,
                          List<String> phones, Optional<PhoneOffer> offer) {

    /** A phone's own IKE_SA_INIT offer, from the phone profiles. */
    public record PhoneOffer(String phone, IkeProposals proposals) {
        public PhoneOffer {
            Objects.requireNonNull(phone, "phone");
            Objects.requireNonNull(proposals, "proposals");
        }
    }

    public CheckTarget {
        Objects.requireNonNull(operator, "operator");
        if (ports == null || ports.isEmpty()) {
            throw new IllegalArgumentException("no ports to probe for " + operator.label()
                    + "; expected UDP/500, UDP/4500 or both");
        }
        ports = List.copyOf(ports);
        Objects.requireNonNull(addressPolicy, "addressPolicy");
        phones = List.copyOf(phones);
        Objects.requireNonNull(offer, "offer");
    }

    public CheckTarget(SelectionInput operator, List<IkePort> ports, AddressPolicy addressPolicy) {
        this(operator, ports, addressPolicy, List.of(), Optional.empty());
    }

    /** The operator with the settings' ports and address policy. */
    public static CheckTarget of(SelectionInput operator, CheckSettings settings) {
        return new CheckTarget(operator, settings.ports(), settings.addressPolicy());
    }

    /**
     * The targets as the operators' phones see them: each operator's 3GPP name and, as {@code names}
     * asks, the names its phones are configured with, each a target of its own that says which
     * phones use it. With {@code phoneOffers}, each target offers what one of those phones offers
     * (the first profile of the source that can be replayed), so the gate's IKE_SA_INIT looks like
     * a real phone's. Targets with a configured name, an area or abroad stay as given.
     */
    public static List<CheckTarget> asPhonesSeeThem(List<CheckTarget> targets, NamePolicy names, boolean phoneOffers) {
        List<CheckTarget> out = new ArrayList<>();
        for (CheckTarget t : targets) {
            SelectionInput in = t.operator;
            boolean plain = in.configured().isEmpty() && in.plmn() != null && in.visitedMcc().isEmpty()
                    && in.tac().isEmpty() && in.tac5gs().isEmpty() && in.lac().isEmpty() && !in.emergency() && !in.n3iwf();
            List<PhoneNames.Configured> carrier = plain && names != NamePolicy.THREE_GPP
                    ? PhoneNames.shipped().forPlmn(in.plmn()) : List.of();
            List<PhoneProfile> profiles = phoneOffers && in.plmn() != null
                    ? PhoneProfiles.load().forPlmn(in.plmn().mcc(), in.plmn().mnc()) : List.of();
            if (names != NamePolicy.CARRIER || carrier.isEmpty()) {
                List<String> own = carrier.stream().flatMap(c -> c.phones().stream()).toList();
                out.add(new CheckTarget(in, t.ports, t.addressPolicy, t.phones,
                        phoneOffers ? offerOf(profiles, p -> !own.contains(p)) : t.offer));
            }
            for (PhoneNames.Configured c : carrier) {
                SelectionInput named;
                try {
                    named = SelectionInput.configured(c.fqdn(), in.plmn());
                } catch (IllegalArgumentException e) {
                    continue; // its labels name another operator: not this operator's name
                }
                out.add(new CheckTarget(named, t.ports, t.addressPolicy, c.phones(),
                        phoneOffers ? offerOf(profiles, c.phones()::contains) : t.offer));
            }
        }
        return out;
    }

    private static Optional<PhoneOffer> offerOf(List<PhoneProfile> profiles, java.util.function.Predicate<String> phone) {
        return profiles.stream().filter(p -> phone.test(p.label())).findFirst()
                .map(p -> new PhoneOffer(p.label(), p.offer()));
    }
}
