package dev.wificall.probe;

import dev.wificall.dns.AddressText;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Everything one probe sent, received and decided, in order, with the datagrams as they were on the
 * wire (non-ESP marker included). {@link #text()} is for people; {@link PcapWriter} turns a list of
 * transcripts into a capture for Wireshark. Immutable.
 */
public final class Transcript {

    /** What an entry records. */
    public enum Kind {
        /** A datagram we sent. */
        SENT,
        /** A datagram that came back on the probe's socket. */
        RECEIVED,
        /** An ICMP error the kernel reported for the socket. */
        ICMP,
        /** The deadline passed. */
        TIMEOUT,
        /** A decision: a retry, a re-check, an answer set aside. */
        NOTE
    }

    /**
     * One event.
     *
     * @param at       since the transcript started (the probe's socket was opened)
     * @param from     sender of a datagram; null for other kinds
     * @param to       receiver of a datagram; null for other kinds
     * @param size     datagram bytes; 0 for other kinds
     * @param summary  one line, e.g. "IKE_SA_INIT request, phone proposal, SPIi 0x..., KE DH group 19"
     * @param datagram the bytes as sent or received; empty for other kinds
     * @param label    a few words for a picture of the exchange, e.g. "retransmission #2" or "INVALID_KE_PAYLOAD:
     *                 wants DH group 14"; empty for entries a picture leaves out (most notes)
     */
    public record Entry(Duration at, Kind kind, InetSocketAddress from, InetSocketAddress to, int size, String summary,
                        byte[] datagram, String label) {
        public Entry {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(summary, "summary");
            datagram = datagram == null ? new byte[0] : datagram.clone();
            label = label == null ? "" : label;
        }

        /** An entry without a label. */
        public Entry(Duration at, Kind kind, InetSocketAddress from, InetSocketAddress to, int size, String summary,
                     byte[] datagram) {
            this(at, kind, from, to, size, summary, datagram, "");
        }

        @Override
        public byte[] datagram() {
            return datagram.clone();
        }

        /** Whether this entry carries a datagram. */
        public boolean isDatagram() {
            return kind == Kind.SENT || kind == Kind.RECEIVED;
        }

        /** "+0.004 s  10.77.0.2:500 > 10.77.0.1:41234  38 bytes  INVALID_KE_PAYLOAD: ..." */
        public String line() {
            String time = String.format(Locale.ROOT, "+%.3f s", at.toNanos() / 1e9);
            if (isDatagram()) {
                return time + "  " + AddressText.of(from) + " > " + AddressText.of(to) + "  " + size + " bytes  " + summary;
            }
            return time + "  " + kind.name().toLowerCase(Locale.ROOT) + ": " + summary;
        }
    }

    static final Transcript EMPTY = new Transcript("no probe", Instant.EPOCH, 0, List.of());

    private final String header;
    private final Instant started;
    private final long startNanos;
    private final List<Entry> entries;

    private Transcript(String header, Instant started, long startNanos, List<Entry> entries) {
        this.header = header;
        this.started = started;
        this.startNanos = startNanos;
        this.entries = List.copyOf(entries);
    }

    /** e.g. "UDP/500 probe of 10.77.0.2:500 from 10.77.0.1:41234 (ephemeral port)". */
    public String header() {
        return header;
    }

    /** Wall-clock time of the start; entries count from here. */
    public Instant started() {
        return started;
    }

    /** System.nanoTime() at the start, to compare transcripts of one run. */
    long startNanos() {
        return startNanos;
    }

    public List<Entry> entries() {
        return entries;
    }

    /** The datagrams sent and received, in order. */
    public List<byte[]> datagrams() {
        return entries.stream().filter(Entry::isDatagram).map(Entry::datagram).toList();
    }

    /** The header and one line per entry. */
    public String text() {
        StringBuilder s = new StringBuilder(header).append('\n');
        for (Entry e : entries) {
            s.append("  ").append(e.line()).append('\n');
        }
        return s.toString();
    }

    @Override
    public String toString() {
        return text();
    }

    /**
     * Collects entries while a probe runs; only the engine thread touches it. Times count from the
     * first request, like {@link PortResult#elapsed()}; what happened before it (binding) shows at +0.
     */
    static final class Recorder {
        private record Raw(long nanos, Kind kind, InetSocketAddress from, InetSocketAddress to, String summary,
                           byte[] datagram, String label) {
        }

        /**
         * Entries kept per probe: a responder that floods the socket must not grow the result, the
         * reports and the capture with it. Past this the entries are counted, and the last one kept.
         */
        static final int MAX_ENTRIES = 64;

        private final List<Raw> raw = new ArrayList<>();
        private int dropped;
        private long lastDropped;
        // one reading of both clocks, so wall-clock times follow the monotonic ones however late origin() runs
        private final Instant wallAtRead = Instant.now();
        private final long nanosAtRead = System.nanoTime();
        private long origin;
        private String header;

        Recorder(long now, String header) {
            this.header = header;
            this.origin = now;
        }

        void header(String text) {
            header = text;
        }

        /** Entries count from {@code now}: called at the first request. */
        void origin(long now) {
            origin = now;
        }

        void sent(long now, InetSocketAddress from, InetSocketAddress to, byte[] datagram, String summary, String label) {
            add(new Raw(now, Kind.SENT, from, to, summary, datagram, label));
        }

        void received(long now, InetSocketAddress from, InetSocketAddress to, byte[] datagram, String summary,
                      String label) {
            add(new Raw(now, Kind.RECEIVED, from, to, summary, datagram, label));
        }

        void event(long now, Kind kind, String summary) {
            event(now, kind, summary, "");
        }

        void event(long now, Kind kind, String summary, String label) {
            add(new Raw(now, kind, null, null, summary, null, label));
        }

        // the first MAX_ENTRIES - 1 as they come; then only the newest, which is the one that decided
        private void add(Raw r) {
            if (raw.size() < MAX_ENTRIES - 1) {
                raw.add(r);
                return;
            }
            if (raw.size() == MAX_ENTRIES) {
                lastDropped = raw.remove(MAX_ENTRIES - 1).nanos();
                dropped++;
            }
            raw.add(r);
        }

        Transcript build() {
            List<Entry> entries = new ArrayList<>();
            for (int i = 0; i < raw.size(); i++) {
                Raw r = raw.get(i);
                if (i == MAX_ENTRIES - 1 && dropped > 0) {
                    String more = dropped + (dropped == 1 ? " more entry" : " more entries") + " not recorded";
                    entries.add(new Entry(Duration.ofNanos(Math.max(0, lastDropped - origin)), Kind.NOTE, null, null, 0,
                            more + " (at most " + MAX_ENTRIES + " per probe)", null, "\u2026 " + more));
                }
                entries.add(new Entry(Duration.ofNanos(Math.max(0, r.nanos() - origin)), r.kind(), r.from(), r.to(),
                        r.datagram() == null ? 0 : r.datagram().length, r.summary(), r.datagram(), r.label()));
            }
            return new Transcript(header, wallAtRead.plusNanos(origin - nanosAtRead), origin, entries);
        }
    }
}
