package dev.wificall.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.wificall.discovery.EpdgSelection;
import dev.wificall.discovery.NaptrRecord;
import dev.wificall.discovery.NaptrTargets;
import dev.wificall.dns.DnsNaptr;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.Message;
import org.xbill.DNS.NAPTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/**
 * NAPTR replacement handling for a visited-country name: {@link EpdgSelection#naptrTargets} must take
 * any records (it declares no exception), and the names it returns must be non-blank and distinct.
 */
class NaptrFuzzTest {

    /** Any list of records a resolver could hand over, with arbitrary flags, regexps and replacements. */
    @FuzzTest
    void records(FuzzedDataProvider data) {
        List<NaptrRecord> records = new ArrayList<>();
        int count = data.consumeInt(0, 12);
        for (int i = 0; i < count; i++) {
            records.add(new NaptrRecord(data.consumeInt(0, 0xFFFF), data.consumeInt(0, 0xFFFF), data.consumeString(4),
                    data.consumeString(24), data.consumeString(16), data.consumeString(80)));
        }
        check(records);
    }

    /**
     * A DNS answer from the wire (dnsjava parses it, refusing with IOException), its NAPTR records
     * taken as DnsLookup and EpdgLookup take them. Seeds: visited-country answers as zones publish them.
     */
    @FuzzTest
    void dnsAnswer(byte[] wire) {
        Message answer;
        try {
            answer = new Message(wire);
        } catch (IOException | IllegalArgumentException e) {
            // dnsjava's refusal of a broken message (an IllegalArgumentException such as InvalidTTLException for a
            // TTL of 2^31 or more): its resolver fails the query with it, which DnsLookup reports as ERROR
            return;
        }
        List<NaptrRecord> records = new ArrayList<>();
        for (Record r : answer.getSection(Section.ANSWER)) {
            if (r instanceof NAPTRRecord n) {
                DnsNaptr naptr = new DnsNaptr(n.getOrder(), n.getPreference(), n.getFlags(), n.getService(),
                        n.getRegexp(), n.getReplacement().toString(true), n.getTTL());
                assertThat(naptr.toString()).isNotNull();
                records.add(new NaptrRecord(naptr.order(), naptr.preference(), naptr.flags(), naptr.service(),
                        naptr.regexp(), naptr.replacement()));
            }
        }
        check(records);
    }

    private static void check(List<NaptrRecord> records) {
        NaptrTargets targets = EpdgSelection.naptrTargets(records);
        assertThat(targets.fqdns()).doesNotHaveDuplicates().allSatisfy(f -> {
            // one final dot is dropped; "x.." is no DNS name (an empty label) and stays "x.", harmlessly
            assertThat(f).isNotBlank().isEqualTo(f.strip());
        });
        assertThat(targets.fqdns().size()).isLessThanOrEqualTo(records.size());
        assertThat(targets.notes()).isNotNull();
        if (records.isEmpty()) {
            assertThat(targets.fqdns()).isEmpty();
        }
    }
}
