import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ingestion benchmark for POST /api/v1/events (issue 3). JDK only, run as a single-file program:
 *
 * <pre>
 *   java bench/ingest/IngestBench.java ingest --url http://localhost:18081 --token T --threads 4 ...
 *   java bench/ingest/IngestBench.java csv    --out events.csv ...      (same events, for COPY)
 *   java bench/ingest/IngestBench.java probe  --url ... --token T --probes 50
 * </pre>
 *
 * The event set is a pure function of --events, --seed and --end-day, so "ingest" and "csv"
 * with the same options produce exactly the same events. See README.md beside this file.
 */
public class IngestBench {

    // ---------------------------------------------------------------- options

    static final class Options {
        final Map<String, String> values = new HashMap<>();

        Options(String[] args, int from) {
            for (int i = from; i < args.length; i++) {
                if (!args[i].startsWith("--")) {
                    throw new IllegalArgumentException("Unexpected argument " + args[i]);
                }
                String key = args[i].substring(2);
                int eq = key.indexOf('=');
                if (eq >= 0) {
                    values.put(key.substring(0, eq), key.substring(eq + 1));
                } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                    values.put(key, args[++i]);
                } else {
                    values.put(key, "true");
                }
            }
        }

        String get(String key, String fallback) {
            return values.getOrDefault(key, fallback);
        }

        int integer(String key, int fallback) {
            return Integer.parseInt(get(key, Integer.toString(fallback)));
        }

        long longValue(String key, long fallback) {
            return Long.parseLong(get(key, Long.toString(fallback)));
        }

        String required(String key) {
            String value = values.get(key);
            if (value == null) {
                throw new IllegalArgumentException("Missing --" + key);
            }
            return value;
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: java IngestBench.java ingest|csv|probe [--option value ...]  (see README.md)");
            System.exit(2);
        }
        Options o = new Options(args, 1);
        switch (args[0]) {
            case "ingest" -> ingest(o);
            case "csv" -> csv(o);
            case "probe" -> probeCommand(o);
            case "stats" -> stats(o);
            case "jfr-top" -> jfrTop(o);
            case "insert-sql" -> insertSql(o);
            default -> {
                System.err.println("unknown command " + args[0]);
                System.exit(2);
            }
        }
        System.exit(0);
    }

    // ---------------------------------------------------------------- events

    /** One event, kept compact (a million of them live in memory). */
    record Ev(String eventId, String meetingId, String meetingType, String type, long epochSecond,
              String participantId, String role, String department, String kind) {
    }

    static final String[] DEPARTMENTS = {"Cardiology", "Dermatology", "Paediatrics", "Mental Health",
            "General Practice", "Physiotherapy"};
    static final double[] DEPARTMENT_WEIGHTS = {0.22, 0.12, 0.18, 0.16, 0.22, 0.10};
    static final DateTimeFormatter BASIC = DateTimeFormatter.BASIC_ISO_DATE;

    /**
     * Realistic meeting activity over the 90 UTC days ending with endDay (inclusive): weekday
     * peaks, clinic hours, ~40% EHR, 85% SMS reminders, ~10% no-shows, ~3% abandoned lobby waits,
     * log-normal lobby waits and durations, sometimes a relative joining. A completed visit via
     * the lobby is SMS_SENT, LOBBY_JOINED, JOINED(staff), ADMITTED, JOINED(patient), LEFT x2,
     * MEETING_ENDED. Exactly {@code total} events: the last meeting may be cut short (in progress).
     */
    static List<Ev> generate(int total, long seed, LocalDate endDay, String prefix) {
        Random random = new Random(seed);
        LocalDate firstDay = endDay.minusDays(89);
        double[] dayWeights = new double[90];
        double sum = 0;
        for (int d = 0; d < 90; d++) {
            DayOfWeek dow = firstDay.plusDays(d).getDayOfWeek();
            dayWeights[d] = switch (dow) {
                case SATURDAY -> 0.25;
                case SUNDAY -> 0.12;
                case MONDAY -> 1.15;
                default -> 1.0;
            };
            sum += dayWeights[d];
        }
        double[] cumulative = new double[90];
        double acc = 0;
        for (int d = 0; d < 90; d++) {
            acc += dayWeights[d] / sum;
            cumulative[d] = acc;
        }
        List<Ev> out = new ArrayList<>(total + 16);
        int[] perDay = new int[90];
        while (out.size() < total) {
            int d = Arrays.binarySearch(cumulative, random.nextDouble());
            d = d < 0 ? Math.min(-d - 1, 89) : d;
            LocalDate day = firstDay.plusDays(d);
            meeting(out, random, prefix, day, perDay[d]++);
        }
        return new ArrayList<>(out.subList(0, total));
    }

    private static void meeting(List<Ev> out, Random random, String prefix, LocalDate day, int seqOfDay) {
        boolean isEhr = random.nextDouble() < 0.4;
        String type = isEhr ? "EHR" : "BOOKINGS";
        String meetingId = prefix + (isEhr ? "EHR-" : "BK-") + day.format(BASIC) + "-" + String.format("%05d", seqOfDay);
        String department = DEPARTMENTS[weighted(random)];
        String kind = random.nextDouble() < 0.12 ? "ON_DEMAND" : "SCHEDULED";
        long scheduled = day.atStartOfDay(ZoneOffset.UTC).toEpochSecond() + clinicMinute(random) * 60L;
        String patient = meetingId + "-patient";
        String staff = prefix + "staff-" + (1 + random.nextInt(120));
        int[] seq = {0};
        class Add {
            void ev(String eventType, long at, String participant, String role) {
                out.add(new Ev(meetingId + "-" + (seq[0]++), meetingId, type, eventType, at, participant, role,
                        department, kind));
            }
        }
        Add m = new Add();
        if (random.nextDouble() < 0.85) {
            m.ev("SMS_SENT", scheduled - (random.nextBoolean() ? 86_400 : 3_600), patient, "ATTENDEE");
        }
        double outcome = random.nextDouble();
        long staffJoin = scheduled + random.nextInt(420) - 120;
        if (outcome < 0.10) { // no-show
            m.ev("JOINED", staffJoin, staff, "STAFF");
            if (random.nextDouble() < 0.3) {
                m.ev("LOBBY_JOINED", scheduled + random.nextInt(300), patient, "ATTENDEE");
            }
            long gaveUp = staffJoin + 300 + random.nextInt(600);
            m.ev("LEFT", gaveUp, staff, "STAFF");
            m.ev("MEETING_ENDED", gaveUp + 5, null, null);
            return;
        }
        long lobby = scheduled + random.nextInt(480) - 300;
        if (outcome < 0.13) { // abandoned
            m.ev("LOBBY_JOINED", lobby, patient, "ATTENDEE");
            m.ev("MEETING_ENDED", lobby + 600 + random.nextInt(1200), null, null);
            return;
        }
        boolean viaLobby = isEhr || random.nextDouble() < 0.8;
        long attendeeIn;
        if (viaLobby) {
            m.ev("LOBBY_JOINED", lobby, patient, "ATTENDEE");
            attendeeIn = lobby + lobbyWaitSeconds(random);
            long staffIn = Math.max(lobby, attendeeIn - random.nextInt(90));
            m.ev("JOINED", staffIn, staff, "STAFF");
            m.ev("ADMITTED", attendeeIn, patient, "ATTENDEE");
        } else {
            m.ev("JOINED", staffJoin, staff, "STAFF");
            attendeeIn = staffJoin + random.nextInt(240);
        }
        m.ev("JOINED", attendeeIn, patient, "ATTENDEE");
        long duration = Math.round(Math.exp(Math.log(17 * 60) + 0.45 * random.nextGaussian()));
        duration = Math.max(180, Math.min(duration, 90 * 60));
        long end = attendeeIn + duration;
        if (random.nextDouble() < 0.1) { // a relative joins too
            m.ev("JOINED", attendeeIn + random.nextInt(300), meetingId + "-relative", "ATTENDEE");
            m.ev("LEFT", end + random.nextInt(30), meetingId + "-relative", "ATTENDEE");
        }
        m.ev("LEFT", end + random.nextInt(40), patient, "ATTENDEE");
        m.ev("LEFT", end + random.nextInt(60), staff, "STAFF");
        m.ev("MEETING_ENDED", end + 60 + random.nextInt(60), null, null);
    }

    private static int clinicMinute(Random random) {
        double hour = random.nextBoolean() ? 10 + 1.3 * random.nextGaussian() : 14.5 + 1.6 * random.nextGaussian();
        hour = Math.max(7, Math.min(hour, 19.5));
        return (int) Math.round(hour * 60);
    }

    private static long lobbyWaitSeconds(Random random) {
        long seconds = Math.round(Math.exp(Math.log(210) + 0.8 * random.nextGaussian()));
        return Math.max(5, Math.min(seconds, 75 * 60));
    }

    private static int weighted(Random random) {
        double r = random.nextDouble();
        for (int i = 0; i < DEPARTMENT_WEIGHTS.length; i++) {
            r -= DEPARTMENT_WEIGHTS[i];
            if (r < 0) {
                return i;
            }
        }
        return DEPARTMENT_WEIGHTS.length - 1;
    }

    /**
     * "time": the order a live feed sends them (by occurredAt), so a meeting's events spread over
     * several batches and its visit is re-derived several times. "meeting": all events of a
     * meeting together (a nightly export), the cheapest case for the server.
     */
    static List<Ev> ordered(List<Ev> events, String order) {
        List<Ev> copy = new ArrayList<>(events);
        switch (order) {
            case "time" -> copy.sort(Comparator.comparingLong(Ev::epochSecond).thenComparing(Ev::eventId));
            case "meeting" -> { /* generation order is meeting by meeting */ }
            default -> throw new IllegalArgumentException("--order must be time or meeting");
        }
        return copy;
    }

    static List<Ev> events(Options o) {
        int total = o.integer("events", 1_000_000);
        long seed = o.longValue("seed", 20261126L);
        LocalDate endDay = LocalDate.parse(o.get("end-day", LocalDate.now(ZoneOffset.UTC).minusDays(1).toString()));
        return ordered(generate(total, seed, endDay, o.get("prefix", "")), o.get("order", "time"));
    }

    // ---------------------------------------------------------------- JSON / CSV

    static void appendJsonString(StringBuilder sb, String value) {
        if (value == null) {
            sb.append("null");
            return;
        }
        sb.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    static void appendEventJson(StringBuilder sb, Ev e) {
        sb.append("{\"eventId\":");
        appendJsonString(sb, e.eventId());
        sb.append(",\"meetingId\":");
        appendJsonString(sb, e.meetingId());
        sb.append(",\"meetingType\":\"").append(e.meetingType());
        sb.append("\",\"type\":\"").append(e.type());
        sb.append("\",\"occurredAt\":\"").append(Instant.ofEpochSecond(e.epochSecond())).append('"');
        if (e.participantId() != null) {
            sb.append(",\"participantId\":");
            appendJsonString(sb, e.participantId());
            sb.append(",\"role\":\"").append(e.role()).append('"');
        }
        sb.append(",\"department\":");
        appendJsonString(sb, e.department());
        sb.append(",\"appointmentKind\":\"").append(e.kind()).append("\"}");
    }

    static byte[] batchBody(List<Ev> events) {
        StringBuilder sb = new StringBuilder(events.size() * 330);
        sb.append("{\"events\":[");
        for (int i = 0; i < events.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            appendEventJson(sb, events.get(i));
        }
        sb.append("]}");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    static String csvField(String value) {
        if (value == null) {
            return ""; // unquoted empty = NULL in COPY ... (format csv)
        }
        if (value.isEmpty() || value.contains(",") || value.contains("\"") || value.contains("\n")) {
            return '"' + value.replace("\"", "\"\"") + '"';
        }
        return value;
    }

    /** Writes the events as CSV for COPY (columns: see README). */
    static void csv(Options o) throws IOException {
        List<Ev> events = events(o);
        long org = o.longValue("organisation", 1);
        Path out = Path.of(o.required("out"));
        try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            for (Ev e : events) {
                w.write(Long.toString(org));
                for (String f : new String[] {e.eventId(), e.meetingId(), e.meetingType(), e.type(),
                        Instant.ofEpochSecond(e.epochSecond()).toString(), e.participantId(), e.role(),
                        e.department(), e.kind()}) {
                    w.write(',');
                    w.write(csvField(f));
                }
                w.write('\n');
            }
        }
        System.out.printf(Locale.ROOT, "wrote %d events to %s%n", events.size(), out);
    }

    // ---------------------------------------------------------------- HTTP

    static final Pattern ACCEPTED = Pattern.compile("\"accepted\"\\s*:\\s*(\\d+).*\"duplicates\"\\s*:\\s*(\\d+)");

    static HttpClient client(int threads) {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .executor(java.util.concurrent.Executors.newFixedThreadPool(Math.max(2, threads), r -> {
                    Thread thread = new Thread(r, "http-client");
                    thread.setDaemon(true);
                    return thread;
                }))
                .build();
    }

    static HttpRequest post(String url, String token, byte[] body) {
        return HttpRequest.newBuilder(URI.create(url + "/api/v1/events"))
                .timeout(Duration.ofMinutes(2))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
    }

    /** Runs the batches; returns [accepted, duplicates]. Fails loudly on anything but 202. */
    static long[] send(HttpClient client, String url, String token, List<byte[]> bodies, int threads,
                       long[] latenciesNanos) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        AtomicLong accepted = new AtomicLong();
        AtomicLong duplicates = new AtomicLong();
        AtomicBoolean failed = new AtomicBoolean();
        ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                int i;
                PlainHttp plain = client == null ? new PlainHttp(url, token) : null;
                while (!failed.get() && (i = next.getAndIncrement()) < bodies.size()) {
                    long start = System.nanoTime();
                    try {
                        int status;
                        String answer;
                        if (plain != null) {
                            Object[] response = plain.post(bodies.get(i));
                            status = (Integer) response[0];
                            answer = (String) response[1];
                        } else {
                            HttpResponse<String> response = client.send(post(url, token, bodies.get(i)),
                                    HttpResponse.BodyHandlers.ofString());
                            status = response.statusCode();
                            answer = response.body();
                        }
                        if (latenciesNanos != null) {
                            latenciesNanos[i] = System.nanoTime() - start;
                        }
                        if (status != 202) {
                            throw new IllegalStateException("batch " + i + ": HTTP " + status + " " + truncate(answer));
                        }
                        Matcher m = ACCEPTED.matcher(answer);
                        if (!m.find()) {
                            throw new IllegalStateException("batch " + i + ": unexpected answer " + answer);
                        }
                        accepted.addAndGet(Long.parseLong(m.group(1)));
                        duplicates.addAndGet(Long.parseLong(m.group(2)));
                    } catch (Exception e) {
                        failed.set(true);
                        errors.add(e.toString());
                    }
                }
                if (plain != null) {
                    try {
                        plain.close();
                    } catch (IOException ignored) {
                        // the run is over
                    }
                }
            }, "bench-client-" + t);
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        if (failed.get()) {
            throw new IllegalStateException("Ingestion failed: " + errors);
        }
        return new long[] {accepted.get(), duplicates.get()};
    }

    /**
     * A minimal HTTP/1.1 client for the timed batches: one kept-alive socket per sender thread, the request
     * head and the prepared body written with one call, the answer read by Content-Length or chunks. The JDK's
     * HttpClient spent about 5 us of CPU per event (5 ms per 300 kB batch: selector threads, buffer copies)
     * on the 2 cores the app and PostgreSQL are measured on; a real sender runs on another machine. Still
     * plain HTTP through Tomcat, security and the controller, like any client. {@code --client jdk} is the old way.
     */
    static final class PlainHttp implements AutoCloseable {
        private final String host;
        private final int port;
        private final byte[] head;
        private java.net.Socket socket;
        private java.io.OutputStream out;
        private java.io.BufferedInputStream in;

        PlainHttp(String url, String token) {
            URI uri = URI.create(url);
            if (!"http".equals(uri.getScheme()) || (uri.getPath() != null && !uri.getPath().isEmpty()
                    && !uri.getPath().equals("/"))) {
                throw new IllegalArgumentException("--client plain needs a plain http://host:port URL; use --client jdk");
            }
            host = uri.getHost();
            port = uri.getPort() < 0 ? 80 : uri.getPort();
            head = ("POST /api/v1/events HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nAuthorization: Bearer " + token
                    + "\r\nContent-Type: application/json\r\nContent-Length: ").getBytes(StandardCharsets.US_ASCII);
        }

        /**
         * Posts one body; returns {status, body}. Opens a new socket after the server announced it closes the
         * kept-alive one (Tomcat does every 100 requests); any I/O error closes the socket and fails the run.
         */
        Object[] post(byte[] body) throws IOException {
            try {
                return exchange(body);
            } catch (IOException | RuntimeException e) {
                close(); // never reuse a socket in an unknown state
                throw e;
            }
        }

        private Object[] exchange(byte[] body) throws IOException {
            if (socket == null) {
                socket = new java.net.Socket(host, port);
                socket.setTcpNoDelay(true);
                socket.setSoTimeout(120_000); // as the JDK client's request timeout: a stalled app fails the run
                out = socket.getOutputStream();
                in = new java.io.BufferedInputStream(socket.getInputStream(), 8192);
            }
            byte[] length = (body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            byte[] request = new byte[head.length + length.length + body.length];
            System.arraycopy(head, 0, request, 0, head.length);
            System.arraycopy(length, 0, request, head.length, length.length);
            System.arraycopy(body, 0, request, head.length + length.length, body.length);
            out.write(request);
            out.flush();
            String status = line();
            if (status == null) {
                throw new IOException("connection closed before the answer");
            }
            int code = Integer.parseInt(status.split(" ")[1]);
            int contentLength = -1;
            boolean chunked = false;
            boolean close = false;
            for (String header = line(); header != null && !header.isEmpty(); header = line()) {
                String h = header.toLowerCase(Locale.ROOT);
                if (h.startsWith("content-length:")) {
                    contentLength = Integer.parseInt(h.substring(15).trim());
                } else if (h.startsWith("transfer-encoding:") && h.contains("chunked")) {
                    chunked = true;
                } else if (h.startsWith("connection:") && h.contains("close")) {
                    close = true;
                }
            }
            java.io.ByteArrayOutputStream answer = new java.io.ByteArrayOutputStream();
            if (chunked) {
                for (int size = Integer.parseInt(line().split(";")[0].trim(), 16); size > 0;
                     size = Integer.parseInt(line().split(";")[0].trim(), 16)) {
                    answer.write(readExactly(size));
                    line();
                }
                line(); // the empty line after the last chunk (no trailers)
            } else if (contentLength >= 0) {
                answer.write(readExactly(contentLength));
            }
            if (close) {
                close();
            }
            return new Object[] {code, answer.toString(StandardCharsets.UTF_8)};
        }

        private byte[] readExactly(int count) throws IOException {
            byte[] bytes = in.readNBytes(count);
            if (bytes.length < count) {
                throw new IOException("answer cut off after " + bytes.length + " of " + count + " bytes");
            }
            return bytes;
        }

        private String line() throws IOException {
            StringBuilder sb = new StringBuilder();
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    return sb.length() == 0 ? null : sb.toString();
                }
                if (c != '\r') {
                    sb.append((char) c);
                }
            }
            return sb.toString();
        }

        @Override
        public void close() throws IOException {
            if (socket != null) {
                socket.close();
                socket = null;
            }
        }
    }

    static String truncate(String s) {
        return s == null ? "" : s.length() > 600 ? s.substring(0, 600) + "..." : s;
    }

    static List<byte[]> bodies(List<Ev> events, int batchSize) {
        List<byte[]> bodies = new ArrayList<>((events.size() + batchSize - 1) / batchSize);
        for (int i = 0; i < events.size(); i += batchSize) {
            bodies.add(batchBody(events.subList(i, Math.min(events.size(), i + batchSize))));
        }
        return bodies;
    }

    // ---------------------------------------------------------------- CPU / load accounting

    static String loadavg() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "?";
        }
    }

    /** utime+stime (+ children's, for the postmaster) of a process, in seconds; -1 if unknown. */
    static double cpuSeconds(long pid, boolean withChildren, int clkTck) {
        if (pid <= 0) {
            return -1;
        }
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields after ")": state(0) ppid(1) ... utime(11) stime(12) cutime(13) cstime(14)
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            if (withChildren) {
                ticks += Long.parseLong(f[13]) + Long.parseLong(f[14]);
            }
            return ticks / (double) clkTck;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** CPU seconds of a PostgreSQL server: the postmaster, its live children and its reaped children. */
    static double postgresCpuSeconds(long postmasterPid, int clkTck) {
        if (postmasterPid <= 0) {
            return -1;
        }
        double total = cpuSeconds(postmasterPid, true, clkTck);
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) procs::iterator) {
                String name = p.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    String stat = Files.readString(p.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    if (Long.parseLong(f[1]) == postmasterPid) {
                        total += (Long.parseLong(f[11]) + Long.parseLong(f[12])) / (double) clkTck;
                    }
                } catch (IOException | RuntimeException ignored) {
                    // process gone meanwhile
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return total;
    }

    static double ownCpuSeconds() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime() / 1e9;
        }
        return -1;
    }

    static double percentile(long[] sortedNanos, double p) {
        if (sortedNanos.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100.0 * sortedNanos.length) - 1;
        return sortedNanos[Math.max(0, Math.min(index, sortedNanos.length - 1))] / 1e6;
    }

    static void result(Options o, String metric, String value, String unit, String note) throws IOException {
        String line = String.join("\t", metric, value, unit, note);
        System.out.println("RESULT\t" + line);
        String file = o.get("results", null);
        if (file != null) {
            Files.writeString(Path.of(file), line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        }
    }

    // ---------------------------------------------------------------- ingest

    static void ingest(Options o) throws Exception {
        String url = o.get("url", "http://localhost:18081");
        String token = o.required("token");
        int threads = o.integer("threads", 1);
        int batchSize = o.integer("batch", 1000);
        String label = o.get("label", "api_" + threads + "t");
        int clkTck = o.integer("clk-tck", 100);
        long appPid = o.longValue("app-pid", -1);
        long pgPid = o.longValue("pg-pid", -1);

        // null: the timed batches go through PlainHttp; "jdk": through the JDK's HttpClient
        String clientKind = o.get("client", "plain");
        if (!clientKind.equals("plain") && !clientKind.equals("jdk")) {
            throw new IllegalArgumentException("--client must be plain or jdk");
        }
        HttpClient client = clientKind.equals("jdk") ? client(threads) : null;
        int warmup = o.integer("warmup-batches", 0);
        if (warmup > 0) {
            // Separate event ids, meetings and days; run.sh truncates the tables afterwards.
            List<Ev> warm = ordered(generate(warmup * batchSize, 7, LocalDate.parse("2020-06-30"), "WARMUP-"),
                    o.get("order", "time"));
            long w0 = System.nanoTime();
            send(client, url, token, bodies(warm, batchSize), threads, null);
            System.out.printf(Locale.ROOT, "[warm-up] %d events in %.1f s%n", warm.size(),
                    (System.nanoTime() - w0) / 1e9);
            return;
        }

        // The bodies are built before the clock starts: the client's JSON work is not measured.
        long t0 = System.nanoTime();
        List<Ev> events = events(o);
        List<byte[]> bodies = bodies(events, batchSize);
        long bytes = bodies.stream().mapToLong(b -> b.length).sum();
        System.out.printf(Locale.ROOT, "[%s] prepared %d events in %d batches (%.1f MB JSON, order=%s) in %.1f s%n",
                label, events.size(), bodies.size(), bytes / 1e6, o.get("order", "time"), (System.nanoTime() - t0) / 1e9);
        events = null; // only the bodies are needed from here on

        // Optional probes (202 -> readable) running beside the load.
        int probeEveryMs = o.integer("probe-interval-ms", 0);
        List<double[]> loadProbes = new ArrayList<>();
        AtomicBoolean done = new AtomicBoolean();
        Thread prober = null;
        if (probeEveryMs > 0) {
            HttpClient probeClient = client(1);
            LocalDate probeBase = LocalDate.parse(o.get("probe-base-day", "2021-12-31"));
            prober = new Thread(() -> {
                int i = 0;
                while (!done.get()) {
                    try {
                        loadProbes.add(probe(probeClient, url, token, probeBase.minusDays(i), "LOADPROBE-" + i));
                        i++;
                        Thread.sleep(probeEveryMs);
                    } catch (Exception e) {
                        System.err.println("probe failed: " + e);
                        return;
                    }
                }
            }, "bench-prober");
        }

        String loadBefore = loadavg();
        double appCpu0 = cpuSeconds(appPid, false, clkTck);
        double pgCpu0 = postgresCpuSeconds(pgPid, clkTck);
        double ownCpu0 = ownCpuSeconds();
        long[] latencies = new long[bodies.size()];
        if (prober != null) {
            prober.start();
        }
        long start = System.nanoTime();
        long[] counts = send(client, url, token, bodies, threads, latencies);
        long elapsed = System.nanoTime() - start;
        done.set(true);
        if (prober != null) {
            prober.join();
        }
        double appCpu = cpuSeconds(appPid, false, clkTck) - appCpu0;
        double pgCpu = postgresCpuSeconds(pgPid, clkTck) - pgCpu0;
        double ownCpu = ownCpuSeconds() - ownCpu0;
        String loadAfter = loadavg();

        double seconds = elapsed / 1e9;
        double rate = counts[0] / seconds;
        Arrays.sort(latencies);
        String note = String.format(Locale.ROOT, "threads=%d batch=%d order=%s client=%s load(before)=%s load(after)=%s",
                threads, batchSize, o.get("order", "time"), clientKind, loadBefore, loadAfter);
        System.out.printf(Locale.ROOT, "[%s] %d accepted, %d duplicates in %.1f s: %.0f events/s%n",
                label, counts[0], counts[1], seconds, rate);
        System.out.printf(Locale.ROOT, "[%s] batch latency ms: p50 %.0f  p95 %.0f  p99 %.0f  max %.0f%n", label,
                percentile(latencies, 50), percentile(latencies, 95), percentile(latencies, 99),
                percentile(latencies, 100));
        System.out.printf(Locale.ROOT, "[%s] CPU seconds during the run (wall %.1f s x 2 cores = %.1f core-s): "
                        + "app JVM %.1f, PostgreSQL %.1f, bench client %.1f%n",
                label, seconds, seconds * 2, appCpu, pgCpu, ownCpu);
        if (counts[0] != o.integer("events", 1_000_000)) {
            System.out.printf(Locale.ROOT, "[%s] WARNING: accepted %d, expected %d%n", label, counts[0],
                    o.integer("events", 1_000_000));
        }
        result(o, label + ".events_per_s", String.format(Locale.ROOT, "%.0f", rate), "events/s", note);
        result(o, label + ".seconds", String.format(Locale.ROOT, "%.1f", seconds), "s",
                counts[0] + " accepted, " + counts[1] + " duplicates");
        result(o, label + ".batch_ms_p50_p95_p99", String.format(Locale.ROOT, "%.0f / %.0f / %.0f",
                percentile(latencies, 50), percentile(latencies, 95), percentile(latencies, 99)), "ms", "");
        result(o, label + ".cpu_app_pg_client", String.format(Locale.ROOT, "%.0f / %.0f / %.0f", appCpu, pgCpu,
                ownCpu), "core-s", String.format(Locale.ROOT, "of %.0f available (2 cores x wall); per event: app %.0f us, "
                + "PostgreSQL %.0f us", seconds * 2, appCpu * 1e6 / counts[0], pgCpu * 1e6 / counts[0]));
        if (!loadProbes.isEmpty()) {
            reportProbes(o, label + ".probe_under_load", loadProbes);
        }
    }

    // ---------------------------------------------------------------- probes

    /**
     * Sends one complete meeting on a day that has no other visits and measures
     * [ms from POST to 202, ms from 202 to the visit being listed by GET /api/v1/visits, polls].
     */
    static double[] probe(HttpClient client, String url, String token, LocalDate day, String meetingId)
            throws Exception {
        long base = day.atStartOfDay(ZoneOffset.UTC).toEpochSecond() + 10 * 3600;
        String patient = meetingId + "-patient";
        String staff = meetingId + "-staff";
        List<Ev> events = List.of(
                new Ev(meetingId + "-0", meetingId, "EHR", "SMS_SENT", base - 3600, patient, "ATTENDEE", "Cardiology", "SCHEDULED"),
                new Ev(meetingId + "-1", meetingId, "EHR", "LOBBY_JOINED", base + 60, patient, "ATTENDEE", "Cardiology", "SCHEDULED"),
                new Ev(meetingId + "-2", meetingId, "EHR", "JOINED", base + 200, staff, "STAFF", "Cardiology", "SCHEDULED"),
                new Ev(meetingId + "-3", meetingId, "EHR", "ADMITTED", base + 240, patient, "ATTENDEE", "Cardiology", "SCHEDULED"),
                new Ev(meetingId + "-4", meetingId, "EHR", "JOINED", base + 240, patient, "ATTENDEE", "Cardiology", "SCHEDULED"),
                new Ev(meetingId + "-5", meetingId, "EHR", "LEFT", base + 1800, staff, "STAFF", "Cardiology", "SCHEDULED"),
                new Ev(meetingId + "-6", meetingId, "EHR", "LEFT", base + 1860, patient, "ATTENDEE", "Cardiology", "SCHEDULED"),
                new Ev(meetingId + "-7", meetingId, "EHR", "MEETING_ENDED", base + 1920, null, null, "Cardiology", "SCHEDULED"));
        HttpRequest get = HttpRequest.newBuilder(URI.create(url + "/api/v1/visits?from=" + day + "&to=" + day + "&size=100"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).GET().build();
        String expected = "\"meetingId\":\"" + meetingId + "\"";
        long sent = System.nanoTime();
        HttpResponse<String> posted = client.send(post(url, token, batchBody(events)), HttpResponse.BodyHandlers.ofString());
        long accepted = System.nanoTime();
        if (posted.statusCode() != 202) {
            throw new IllegalStateException("probe POST: HTTP " + posted.statusCode() + " " + truncate(posted.body()));
        }
        int polls = 0;
        while (true) {
            polls++;
            HttpResponse<String> answer = client.send(get, HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException("probe GET: HTTP " + answer.statusCode() + " " + truncate(answer.body()));
            }
            if (answer.body().contains(expected)) {
                if (!answer.body().contains("\"status\":\"COMPLETED\"")) {
                    throw new IllegalStateException("probe visit not COMPLETED: " + truncate(answer.body()));
                }
                long visible = System.nanoTime();
                return new double[] {(accepted - sent) / 1e6, (visible - accepted) / 1e6, polls};
            }
            if (System.nanoTime() - accepted > Duration.ofSeconds(60).toNanos()) {
                throw new IllegalStateException("visit " + meetingId + " not readable 60 s after its 202");
            }
            // Poll every 5 ms at first, then every 5 % of the time waited so far (at most 100 ms): a probe
            // that waits seconds behind a burst must not load the machine it measures with 200 GETs/s.
            Thread.sleep(Math.max(5, Math.min(100, (System.nanoTime() - accepted) / 20_000_000)));
        }
    }

    static void probeCommand(Options o) throws Exception {
        String url = o.get("url", "http://localhost:18081");
        String token = o.required("token");
        int probes = o.integer("probes", 50);
        LocalDate base = LocalDate.parse(o.get("probe-base-day", "2022-12-31"));
        String prefix = o.get("prefix", "PROBE-");
        HttpClient client = client(1);
        String loadBefore = loadavg();
        List<double[]> results = new ArrayList<>();
        for (int i = 0; i < probes; i++) {
            results.add(probe(client, url, token, base.minusDays(i), prefix + i));
            Thread.sleep(o.integer("pause-ms", 100));
        }
        System.out.printf(Locale.ROOT, "[probe] load before %s, after %s%n", loadBefore, loadavg());
        reportProbes(o, o.get("label", "probe_idle"), results);
    }

    static void reportProbes(Options o, String label, List<double[]> results) throws IOException {
        long[] post = results.stream().mapToLong(r -> Math.round(r[0] * 1e6)).sorted().toArray();
        long[] visible = results.stream().mapToLong(r -> Math.round(r[1] * 1e6)).sorted().toArray();
        long firstPoll = results.stream().filter(r -> r[2] == 1).count();
        String note = String.format(Locale.ROOT, "n=%d, visible on first GET: %d/%d; POST->202 p50 %.0f p95 %.0f ms; load=%s",
                results.size(), firstPoll, results.size(), percentile(post, 50), percentile(post, 95), loadavg());
        System.out.printf(Locale.ROOT, "[%s] 202 -> readable ms: p50 %.1f  p95 %.1f  max %.1f  (%s)%n", label,
                percentile(visible, 50), percentile(visible, 95), percentile(visible, 100), note);
        result(o, label + ".202_to_readable_ms_p50_p95_max", String.format(Locale.ROOT, "%.1f / %.1f / %.1f",
                percentile(visible, 50), percentile(visible, 95), percentile(visible, 100)), "ms", note);
    }

    /** Prints a few facts about the generated set (for the README). */
    static void stats(Options o) {
        List<Ev> events = events(o);
        Map<String, Integer> byType = new HashMap<>();
        Map<String, Integer> byMeetingType = new HashMap<>();
        java.util.Set<String> meetings = new java.util.HashSet<>();
        for (Ev e : events) {
            byType.merge(e.type(), 1, Integer::sum);
            if (meetings.add(e.meetingId())) {
                byMeetingType.merge(e.meetingType(), 1, Integer::sum);
            }
        }
        int batch = o.integer("batch", 1000);
        long spans = 0;
        for (int i = 0; i < events.size(); i += batch) {
            spans += events.subList(i, Math.min(events.size(), i + batch)).stream().map(Ev::meetingId).distinct().count();
        }
        long shared = 0;
        int pairs = 0;
        for (int i = 0; i + batch < events.size(); i += batch) {
            java.util.Set<String> here = new java.util.HashSet<>();
            events.subList(i, i + batch).forEach(e -> here.add(e.meetingId()));
            shared += events.subList(i + batch, Math.min(events.size(), i + 2 * batch)).stream().map(Ev::meetingId)
                    .distinct().filter(here::contains).count();
            pairs++;
        }
        System.out.printf(Locale.ROOT, "consecutive batches share %.1f meetings on average%n", shared / (double) Math.max(1, pairs));
        System.out.printf(Locale.ROOT, "%d events, %d meetings (%s), %.2f events/meeting%n", events.size(),
                meetings.size(), byMeetingType, events.size() / (double) meetings.size());
        System.out.println("by type: " + byType);
        System.out.printf(Locale.ROOT, "order=%s: a batch of %d touches %.0f meetings on average (%.2f batches per meeting)%n",
                o.get("order", "time"), batch, spans / Math.ceil(events.size() / (double) batch),
                spans / (double) meetings.size());
        System.out.println("first " + Instant.ofEpochSecond(events.stream().mapToLong(Ev::epochSecond).min().orElse(0))
                + ", last " + Instant.ofEpochSecond(events.stream().mapToLong(Ev::epochSecond).max().orElse(0)));
    }

    /**
     * Where the application JVM spends its CPU during a run, from a JFR recording (jcmd JFR.start/stop):
     * "self" = the top frame of each execution sample; "inclusive" = samples whose stack holds the
     * method, for the application's, the JDBC driver's, Jackson's, Spring's and Tomcat's frames.
     */
    static void jfrTop(Options o) throws IOException {
        Path file = Path.of(o.required("file"));
        int limit = o.integer("limit", 25);
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> inclusive = new HashMap<>();
        Map<String, Integer> threads = new HashMap<>();
        Map<String, Map<String, Integer>> callers = new HashMap<>();
        int samples = 0;
        try (var recording = new jdk.jfr.consumer.RecordingFile(file)) {
            while (recording.hasMoreEvents()) {
                var event = recording.readEvent();
                if (!event.getEventType().getName().equals("jdk.ExecutionSample")) {
                    continue;
                }
                var stack = event.getStackTrace();
                if (stack == null || stack.getFrames().isEmpty()) {
                    continue;
                }
                samples++;
                var thread = event.getThread("sampledThread");
                String threadName = thread == null ? "?" : thread.getJavaName();
                threads.merge(threadName == null ? "?" : threadName.replaceAll("-\\d+$", "-N"), 1, Integer::sum);
                String top = frame(stack.getFrames().get(0));
                self.merge(top, 1, Integer::sum);
                // the first application (or Spring/Jackson/driver) frame below the top one
                String caller = stack.getFrames().stream().skip(1).map(IngestBench::frame)
                        .filter(n -> n.startsWith("org.virtualvisits.") || n.startsWith("org.postgresql.")
                                || n.startsWith("com.fasterxml.") || n.startsWith("org.springframework."))
                        .findFirst().orElse("?");
                callers.computeIfAbsent(top, k -> new HashMap<>()).merge(caller, 1, Integer::sum);
                java.util.Set<String> seen = new java.util.HashSet<>();
                for (var f : stack.getFrames()) {
                    String name = frame(f);
                    if (name.startsWith("org.virtualvisits.") || name.startsWith("org.postgresql.")
                            || name.startsWith("com.fasterxml.jackson.databind.ObjectMapper.readTree")
                            || name.startsWith("com.zaxxer.hikari.") && name.contains("getConnection")
                            || name.startsWith("org.springframework.security.web.FilterChainProxy.doFilter")
                            || name.startsWith("org.springframework.transaction.support.AbstractPlatformTransactionManager.commit")
                            || name.startsWith("org.apache.catalina.connector.CoyoteAdapter.service")) {
                        if (seen.add(name)) {
                            inclusive.merge(name, 1, Integer::sum);
                        }
                    }
                }
            }
        }
        System.out.printf(Locale.ROOT, "%d execution samples in %s%n", samples, file.getFileName());
        print("samples by thread", threads, samples, 8);
        print("self (top frame)", self, samples, limit);
        int total = samples;
        self.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(6)
                .forEach(e -> print("nearest application/library callers of " + e.getKey(), callers.get(e.getKey()),
                        total, 4));
        print("inclusive (application, driver, Jackson, Spring, Tomcat frames)", inclusive, samples, limit + 15);
    }

    private static String frame(jdk.jfr.consumer.RecordedFrame f) {
        var method = f.getMethod();
        return method.getType().getName() + "." + method.getName();
    }

    private static void print(String title, Map<String, Integer> counts, int total, int limit) {
        System.out.println("-- " + title);
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(limit)
                .forEach(e -> System.out.printf(Locale.ROOT, "%6.1f%%  %s%n", 100.0 * e.getValue() / Math.max(1, total),
                        e.getKey()));
    }

    /**
     * A psql script that inserts the events, one batch per statement and transaction, with the
     * very statement the application's MeetingEvents.insertNew sends (text arrays through
     * unnest, ON CONFLICT DO NOTHING RETURNING event_id); for comparing insert variants in SQL.
     * --variant unnest (as the app) | unnest-noconflict (same without ON CONFLICT/RETURNING) |
     * unnest-antijoin (no ON CONFLICT; rows whose event_id is stored already are filtered by NOT EXISTS).
     */
    static void insertSql(Options o) throws IOException {
        List<Ev> events = events(o);
        int batchSize = o.integer("batch", 1000);
        String table = o.required("table");
        String variant = o.get("variant", "unnest");
        long org = o.longValue("organisation", 1);
        try (BufferedWriter w = Files.newBufferedWriter(Path.of(o.required("out")), StandardCharsets.UTF_8)) {
            w.write("\\set ON_ERROR_STOP on\n\\o /dev/null\n");
            for (int i = 0; i < events.size(); i += batchSize) {
                List<Ev> batch = events.subList(i, Math.min(events.size(), i + batchSize));
                StringBuilder sb = new StringBuilder(batch.size() * 330);
                sb.append("insert into ").append(table).append(" (organisation_id, event_id, meeting_id, meeting_type, type, ")
                        .append("occurred_at, participant_id, role, department, appointment_kind)\nselect ").append(org)
                        .append(", e.* from unnest(");
                arrayLiteral(sb, batch, Ev::eventId, "text").append(", ");
                arrayLiteral(sb, batch, Ev::meetingId, "text").append(", ");
                arrayLiteral(sb, batch, Ev::meetingType, "text").append(", ");
                arrayLiteral(sb, batch, Ev::type, "text").append(", ");
                arrayLiteral(sb, batch, e -> Instant.ofEpochSecond(e.epochSecond()).toString(), "timestamptz").append(", ");
                arrayLiteral(sb, batch, Ev::participantId, "text").append(", ");
                arrayLiteral(sb, batch, Ev::role, "text").append(", ");
                arrayLiteral(sb, batch, Ev::department, "text").append(", ");
                arrayLiteral(sb, batch, Ev::kind, "text").append(") as e(event_id, meeting_id, meeting_type, type, ")
                        .append("occurred_at, participant_id, role, department, appointment_kind)");
                if (variant.equals("unnest-antijoin")) {
                    sb.append("\nwhere not exists (select 1 from ").append(table).append(" m where m.organisation_id = ")
                            .append(org).append(" and m.event_id = e.event_id)");
                } else if (variant.equals("unnest")) {
                    sb.append("\non conflict (organisation_id, event_id) do nothing returning event_id");
                } else if (!variant.equals("unnest-noconflict")) {
                    throw new IllegalArgumentException("--variant unnest|unnest-noconflict|unnest-antijoin");
                }
                sb.append(";\n");
                w.write(sb.toString());
            }
        }
    }

    private static StringBuilder arrayLiteral(StringBuilder sb, List<Ev> batch, java.util.function.Function<Ev, String> field,
                                              String type) {
        sb.append("'{");
        for (int i = 0; i < batch.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            String v = field.apply(batch.get(i));
            if (v == null) {
                sb.append("NULL");
            } else {
                sb.append('"').append(v.replace("\\", "\\\\").replace("\"", "\\\"").replace("'", "''")).append('"');
            }
        }
        return sb.append("}'::").append(type).append("[]");
    }
}
