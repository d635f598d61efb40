import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fault suite's client (issue 15). JDK only, run as a single-file program by bench/faults/run.sh:
 *
 * <pre>
 *   java bench/faults/FaultBench.java load     --url U --token T --out DIR --stop-file F [--threads 4] ...
 *   java bench/faults/FaultBench.java analyse  --dir DIR --kill-ms EPOCH_MS --stored IDS.txt [--label L]
 *   java bench/faults/FaultBench.java badinput --url U --token T --out DIR [--threads 4]
 *   java bench/faults/FaultBench.java sticky   --url U --requests 20 [--cookies FILE]
 * </pre>
 *
 * "load" POSTs batches of whole meetings with unique event ids to /api/v1/events from several threads, keeps
 * every request (start, end, outcome) and every event id acknowledged with 202, and retries a batch that got no
 * 202 (a client that wants its events stored); a probe thread GETs /actuator/health every 100 ms. "analyse"
 * compares the acknowledged ids with the ids stored (psql's dump) and classifies the requests around a fault.
 * See README.md beside this file.
 */
public class FaultBench {

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
            System.err.println("usage: java FaultBench.java load|analyse|badinput|sticky [--option value ...]");
            System.exit(2);
        }
        Options o = new Options(args, 1);
        int rc = switch (args[0]) {
            case "load" -> load(o);
            case "analyse" -> analyse(o);
            case "badinput" -> badInput(o);
            case "sticky" -> sticky(o);
            default -> {
                System.err.println("unknown command " + args[0]);
                yield 2;
            }
        };
        System.exit(rc);
    }

    static long now() {
        return System.currentTimeMillis();
    }

    // ---------------------------------------------------------------- events

    /** Eight events of one completed visit through the lobby, all on the given UTC day. */
    static void appendMeeting(StringBuilder sb, String meetingId, boolean ehr, long start) {
        String type = ehr ? "EHR" : "BOOKINGS";
        String patient = meetingId + "-p";
        String staff = "staff-" + (Math.abs(meetingId.hashCode()) % 50);
        String[][] events = {
                {"SMS_SENT", "-3600", patient, "ATTENDEE"},
                {"LOBBY_JOINED", "0", patient, "ATTENDEE"},
                {"JOINED", "120", staff, "STAFF"},
                {"ADMITTED", "180", patient, "ATTENDEE"},
                {"JOINED", "181", patient, "ATTENDEE"},
                {"LEFT", "1500", patient, "ATTENDEE"},
                {"LEFT", "1510", staff, "STAFF"},
                {"MEETING_ENDED", "1520", null, null}};
        for (int k = 0; k < events.length; k++) {
            if (sb.charAt(sb.length() - 1) != '[') {
                sb.append(',');
            }
            String[] e = events[k];
            sb.append("{\"eventId\":\"").append(meetingId).append('-').append(k)
                    .append("\",\"meetingId\":\"").append(meetingId)
                    .append("\",\"meetingType\":\"").append(type)
                    .append("\",\"type\":\"").append(e[0])
                    .append("\",\"occurredAt\":\"").append(Instant.ofEpochSecond(start + Long.parseLong(e[1]))).append('"');
            if (e[2] != null) {
                sb.append(",\"participantId\":\"").append(e[2]).append("\",\"role\":\"").append(e[3]).append('"');
            }
            sb.append(",\"department\":\"Cardiology\",\"appointmentKind\":\"SCHEDULED\"}");
        }
    }

    static final int EVENTS_PER_MEETING = 8;

    // ---------------------------------------------------------------- a minimal HTTP/1.1 client

    record Answer(int status, Map<String, List<String>> headers, byte[] body) {
        String header(String name) {
            List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
            return v == null ? null : v.get(0);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** One kept-alive connection; any error closes it (never reused in an unknown state). */
    static final class Conn implements AutoCloseable {
        final String host;
        final int port;
        final int timeoutMs;
        Socket socket;
        OutputStream out;
        InputStream in;

        Conn(String url, int timeoutMs) {
            URI uri = URI.create(url);
            this.host = uri.getHost();
            this.port = uri.getPort() < 0 ? 80 : uri.getPort();
            this.timeoutMs = timeoutMs;
        }

        Answer exchange(String method, String path, String[] headers, byte[] body) throws IOException {
            try {
                if (socket == null) {
                    socket = new Socket();
                    socket.connect(new InetSocketAddress(host, port), 2000);
                    socket.setTcpNoDelay(true);
                    socket.setSoTimeout(timeoutMs);
                    out = socket.getOutputStream();
                    in = new java.io.BufferedInputStream(socket.getInputStream(), 8192);
                }
                StringBuilder head = new StringBuilder();
                head.append(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: ").append(host).append(':')
                        .append(port).append("\r\n");
                for (String h : headers) {
                    head.append(h).append("\r\n");
                }
                if (body != null) {
                    head.append("Content-Length: ").append(body.length).append("\r\n");
                }
                head.append("\r\n");
                byte[] h = head.toString().getBytes(StandardCharsets.ISO_8859_1);
                byte[] request = new byte[h.length + (body == null ? 0 : body.length)];
                System.arraycopy(h, 0, request, 0, h.length);
                if (body != null) {
                    System.arraycopy(body, 0, request, h.length, body.length);
                }
                out.write(request);
                out.flush();
                Answer answer = readAnswer(in, method.equals("HEAD"));
                if ("close".equalsIgnoreCase(answer.header("connection"))) {
                    close();
                }
                return answer;
            } catch (IOException | RuntimeException e) {
                close();
                throw e;
            }
        }

        @Override
        public void close() {
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
                socket = null;
            }
        }
    }

    static String line(InputStream in) throws IOException {
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

    /** Reads one answer: status line, headers, body by Content-Length, chunks, or (neither) until EOF. */
    static Answer readAnswer(InputStream in, boolean head) throws IOException {
        Answer answer;
        do {
            answer = readOneAnswer(in, head);
        } while (answer.status() >= 100 && answer.status() < 200); // 100 Continue: the final answer follows
        return answer;
    }

    static Answer readOneAnswer(InputStream in, boolean head) throws IOException {
        String status = line(in);
        if (status == null) {
            throw new java.io.EOFException("connection closed before the answer");
        }
        String[] parts = status.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
            throw new IOException("not an HTTP status line: " + status);
        }
        int code = Integer.parseInt(parts[1]);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
            int colon = h.indexOf(':');
            if (colon > 0) {
                headers.computeIfAbsent(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                        .add(h.substring(colon + 1).trim());
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        List<String> te = headers.get("transfer-encoding");
        List<String> cl = headers.get("content-length");
        if (head || code == 204 || code == 304 || (code >= 100 && code < 200)) {
            // no body
        } else if (te != null && te.get(0).toLowerCase(Locale.ROOT).contains("chunked")) {
            for (int size = chunkSize(in); size > 0; size = chunkSize(in)) {
                body.write(readExactly(in, size));
                line(in);
            }
            for (String trailer = line(in); trailer != null && !trailer.isEmpty(); trailer = line(in)) {
                // trailers ignored
            }
        } else if (cl != null) {
            body.write(readExactly(in, Integer.parseInt(cl.get(0))));
        } else {
            in.transferTo(body);
        }
        return new Answer(code, headers, body.toByteArray());
    }

    static int chunkSize(InputStream in) throws IOException {
        String size = line(in);
        if (size == null) {
            throw new java.io.EOFException("answer cut off between chunks");
        }
        try {
            return Integer.parseInt(size.split(";")[0].trim(), 16);
        } catch (NumberFormatException e) {
            throw new IOException("bad chunk size line: " + size);
        }
    }

    static byte[] readExactly(InputStream in, int count) throws IOException {
        byte[] bytes = in.readNBytes(count);
        if (bytes.length < count) {
            throw new java.io.EOFException("answer cut off after " + bytes.length + " of " + count + " bytes");
        }
        return bytes;
    }

    /** How a request ended, for the tables: the status code, or what went wrong without one. */
    static String outcomeOf(IOException e, long elapsedMs, int hungMs) {
        if (e instanceof SocketTimeoutException && elapsedMs >= hungMs - 50) {
            return "HUNG";
        }
        if (e instanceof ConnectException || e instanceof SocketTimeoutException) {
            return "REFUSED"; // nothing listening (or the connect timed out): the request was never sent
        }
        return "NO_ANSWER"; // connection reset or closed before the answer
    }

    // ---------------------------------------------------------------- load

    static final Pattern ACCEPTED = Pattern.compile("\"accepted\"\\s*:\\s*(\\d+).*\"duplicates\"\\s*:\\s*(\\d+)");

    static int load(Options o) throws Exception {
        String url = o.required("url");
        String token = o.required("token");
        int threads = o.integer("threads", 4);
        int meetingsPerBatch = o.integer("batch-meetings", 60);
        Path out = Path.of(o.required("out"));
        Path stopFile = Path.of(o.required("stop-file"));
        long maxMs = o.longValue("max-seconds", 600) * 1000;
        int hungMs = o.integer("hung-ms", 5000);
        int retryPauseMs = o.integer("retry-pause-ms", 200);
        String tag = o.get("tag", Long.toString(now(), 36));
        LocalDate day = LocalDate.parse(o.get("day", LocalDate.now(ZoneOffset.UTC).minusDays(1).toString()));
        String healthUrl = o.get("health-url", url);
        int healthMs = o.integer("health-interval-ms", 100);
        Files.createDirectories(out);
        long startedAt = now();
        long deadline = startedAt + maxMs;
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong ackedEvents = new AtomicLong();
        AtomicLong duplicates = new AtomicLong();
        AtomicInteger unexpected = new AtomicInteger();
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        long dayStart = day.atStartOfDay(ZoneOffset.UTC).toEpochSecond();

        Thread watcher = new Thread(() -> {
            while (!stop.get()) {
                if (Files.exists(stopFile) || now() > deadline) {
                    stop.set(true);
                    return;
                }
                sleep(50);
            }
        }, "stop-watcher");
        watcher.start();

        Thread health = new Thread(() -> {
            try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out.resolve("health.tsv")))) {
                while (!stop.get()) {
                    long s = now();
                    String outcome;
                    try (Conn c = new Conn(healthUrl, hungMs)) {
                        Answer a = c.exchange("GET", "/actuator/health", new String[] {"Connection: close"}, null);
                        outcome = (now() - s >= hungMs ? "HUNG:" : "") + a.status + ":"
                                + a.text().replaceAll("[\\s\"{}]", "").replace("status:", "");
                    } catch (IOException e) {
                        outcome = outcomeOf(e, now() - s, hungMs);
                    }
                    w.printf(Locale.ROOT, "%d\t%d\t%s%n", s, now(), outcome);
                    long wait = healthMs - (now() - s);
                    if (wait > 0) {
                        sleep(wait);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, "health-probe");
        health.start();

        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread worker = new Thread(() -> {
                try (PrintWriter requests = new PrintWriter(Files.newBufferedWriter(out.resolve("requests-" + thread + ".tsv")));
                     PrintWriter acked = new PrintWriter(Files.newBufferedWriter(out.resolve("acked-" + thread + ".txt")));
                     Conn conn = new Conn(url, hungMs)) {
                    String[] headers = {"Authorization: Bearer " + token, "Content-Type: application/json"};
                    int batch = 0;
                    byte[] body = null;
                    List<String> meetings = new ArrayList<>();
                    int attempt = 0;
                    while (!stop.get()) {
                        if (body == null) {
                            meetings.clear();
                            StringBuilder sb = new StringBuilder(meetingsPerBatch * EVENTS_PER_MEETING * 260);
                            sb.append("{\"events\":[");
                            for (int m = 0; m < meetingsPerBatch; m++) {
                                long seq = (long) batch * meetingsPerBatch + m;
                                String meetingId = tag + "-" + thread + "-" + seq;
                                meetings.add(meetingId);
                                // 01:00 + up to 20 h: the whole visit (SMS one hour before) stays on the day
                                long start = dayStart + 7200 + (seq * 37 + thread * 997L) % 72000;
                                appendMeeting(sb, meetingId, (seq + thread) % 5 < 2, start);
                            }
                            sb.append("]}");
                            body = sb.toString().getBytes(StandardCharsets.UTF_8);
                            attempt = 0;
                        }
                        attempt++;
                        long s = now();
                        String outcome;
                        int accepted = -1;
                        int dup = -1;
                        try {
                            Answer a = conn.exchange("POST", "/api/v1/events", headers, body);
                            long elapsed = now() - s;
                            outcome = elapsed >= hungMs ? "HUNG" : Integer.toString(a.status);
                            if (a.status == 202) {
                                Matcher m = ACCEPTED.matcher(a.text());
                                if (!m.find()) {
                                    throw new IllegalStateException("unexpected 202 answer " + a.text());
                                }
                                accepted = Integer.parseInt(m.group(1));
                                dup = Integer.parseInt(m.group(2));
                                if (accepted + dup != meetings.size() * EVENTS_PER_MEETING) {
                                    unexpected.incrementAndGet();
                                    problems.add("thread " + thread + " batch " + batch + ": 202 for " + (accepted + dup)
                                            + " of " + meetings.size() * EVENTS_PER_MEETING + " events: " + a.text());
                                }
                                ackedEvents.addAndGet(accepted + dup);
                                duplicates.addAndGet(dup);
                                for (String meetingId : meetings) {
                                    for (int k = 0; k < EVENTS_PER_MEETING; k++) {
                                        acked.print(meetingId);
                                        acked.print('-');
                                        acked.println(k);
                                    }
                                }
                                acked.flush();
                                body = null;
                                batch++;
                            } else if (a.status != 503 && a.status != 502 && a.status != 504 && a.status != 408) {
                                unexpected.incrementAndGet();
                                problems.add("thread " + thread + " batch " + batch + ": HTTP " + a.status + " "
                                        + a.text().substring(0, Math.min(300, a.text().length())));
                            }
                        } catch (IOException e) {
                            outcome = outcomeOf(e, now() - s, hungMs);
                        } catch (RuntimeException e) {
                            conn.close();
                            outcome = "NO_ANSWER"; // an answer this client could not read
                            problems.add("thread " + thread + " batch " + batch + ": " + e);
                            unexpected.incrementAndGet();
                        }
                        requests.printf(Locale.ROOT, "%d\t%d\t%d\t%s\t%d\t%d\t%d\t%d%n", thread, s, now(), outcome, batch,
                                attempt, accepted, dup);
                        if (body != null && !stop.get()) {
                            sleep(retryPauseMs);
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, "sender-" + t);
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        stop.set(true);
        health.join();
        watcher.join();
        System.out.printf(Locale.ROOT, "load: %d threads, %.1f s, %d events acknowledged (%d of them duplicates), "
                + "%d unexpected answers%n", threads, (now() - startedAt) / 1000.0, ackedEvents.get(), duplicates.get(),
                unexpected.get());
        problems.stream().limit(10).forEach(p -> System.out.println("  " + p));
        return unexpected.get() == 0 ? 0 : 1;
    }

    // ---------------------------------------------------------------- analyse

    record Req(int thread, long start, long end, String outcome) {
        String cls() {
            if (outcome.equals("HUNG") || outcome.equals("REFUSED") || outcome.equals("NO_ANSWER")) {
                return outcome.toLowerCase(Locale.ROOT);
            }
            if (outcome.equals("503")) {
                return "503";
            }
            return outcome.charAt(0) == '5' ? "other_5xx" : outcome.charAt(0) + "xx";
        }
    }

    static final List<String> CLASSES = List.of("2xx", "3xx", "4xx", "503", "other_5xx", "hung", "no_answer", "refused");

    static Map<String, Integer> byClass(List<Req> requests) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String c : CLASSES) {
            counts.put(c, 0);
        }
        for (Req r : requests) {
            counts.merge(r.cls(), 1, Integer::sum);
        }
        return counts;
    }

    static String classes(Map<String, Integer> counts) {
        StringBuilder sb = new StringBuilder();
        counts.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : " ").append(k).append('=').append(v));
        return sb.toString();
    }

    static int analyse(Options o) throws IOException {
        Path dir = Path.of(o.required("dir"));
        long kill = o.longValue("kill-ms", 0);
        String label = o.get("label", "run");
        Path results = o.values.containsKey("results") ? Path.of(o.get("results", null)) : null;
        List<String> lines = new ArrayList<>();
        Map<String, String> metrics = new LinkedHashMap<>();

        List<Req> requests = new ArrayList<>();
        Map<String, Integer> statuses = new TreeMap<>();
        long maxAnsweredMs = 0;
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("requests-")).sorted().toList()) {
                for (String l : Files.readAllLines(f)) {
                    String[] c = l.split("\t");
                    Req r = new Req(Integer.parseInt(c[0]), Long.parseLong(c[1]), Long.parseLong(c[2]), c[3]);
                    requests.add(r);
                    statuses.merge(r.outcome(), 1, Integer::sum);
                    if (Character.isDigit(r.outcome().charAt(0))) {
                        maxAnsweredMs = Math.max(maxAnsweredMs, r.end() - r.start());
                    }
                }
            }
        }
        requests.sort((a, b) -> Long.compare(a.start(), b.start()));
        Set<String> acked = new HashSet<>();
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("acked-")).toList()) {
                acked.addAll(Files.readAllLines(f));
            }
        }
        Set<String> ackedMeetings = new HashSet<>();
        for (String id : acked) {
            ackedMeetings.add(id.substring(0, id.lastIndexOf('-')));
        }
        metrics.put("requests", requests.size() + "\t\tall POSTs by outcome: " + statuses);
        metrics.put("acked_events", acked.size() + "\tevents\tdistinct event ids answered 202 (" + ackedMeetings.size()
                + " meetings)");
        metrics.put("longest_answer_ms", maxAnsweredMs + "\tms\tlongest request that got an HTTP answer");
        if (o.values.containsKey("stored")) {
            // only this load's events (its tag starts every id): an earlier load may have used the same database
            String prefix = o.get("tag", "") + (o.values.containsKey("tag") ? "-" : "");
            Set<String> stored = new HashSet<>();
            for (String id : Files.readAllLines(Path.of(o.get("stored", null)))) {
                if (id.startsWith(prefix)) {
                    stored.add(id);
                }
            }
            List<String> lost = new ArrayList<>();
            for (String id : acked) {
                if (!stored.contains(id)) {
                    lost.add(id);
                }
            }
            Collections.sort(lost);
            int storedNotAcked = 0;
            for (String id : stored) {
                if (!acked.contains(id)) {
                    storedNotAcked++;
                }
            }
            metrics.put("lost_events", lost.size() + "\tevents\tacknowledged but not stored (must be 0)"
                    + (lost.isEmpty() ? "" : "; first: " + lost.subList(0, Math.min(5, lost.size()))));
            metrics.put("stored_events", stored.size() + "\tevents\tstored events of this load; " + storedNotAcked
                    + " of them never acknowledged (a batch stored whose answer was lost, and not resent before the end)");
        }
        if (kill > 0) {
            long recovered = requests.stream().filter(r -> r.start() >= kill && r.outcome().equals("202"))
                    .mapToLong(Req::end).min().orElse(-1);
            metrics.put("api_accepts_again_ms", (recovered < 0 ? "never" : Long.toString(recovered - kill))
                    + "\tms\tfrom the kill until the end of the first 202 to a POST sent after it");
            long windowEnd = recovered < 0 ? Long.MAX_VALUE : recovered;
            List<Req> during = requests.stream().filter(r -> r.end() >= kill && r.start() < windowEnd).toList();
            metrics.put("outage_requests", during.size() + "\t\trequests that ended after the kill and started before "
                    + "the API accepted again, by class: " + classes(byClass(during)));
            Map<String, Integer> all = byClass(requests);
            metrics.put("all_requests_by_class", requests.size() + "\t\t" + classes(all));
            Path health = dir.resolve("health.tsv");
            if (Files.exists(health)) {
                long down = -1;
                long up = -1;
                String downState = "";
                Map<String, Integer> probes = new TreeMap<>();
                for (String l : Files.readAllLines(health)) {
                    String[] c = l.split("\t");
                    if (c.length < 3) {
                        continue;
                    }
                    long s = Long.parseLong(c[0]);
                    boolean isUp = c[2].startsWith("200:UP");
                    if (s >= kill && down < 0 && !isUp) {
                        down = s;
                        downState = c[2];
                    } else if (down >= 0 && isUp) {
                        up = Long.parseLong(c[1]);
                        break;
                    }
                    if (down >= 0) {
                        probes.merge(c[2], 1, Integer::sum);
                    }
                }
                metrics.put("health_probes_while_not_up", probes.values().stream().mapToInt(Integer::intValue).sum()
                        + "\t\tprobes between the first that was not UP and the first UP again, by answer: "
                        + probes.toString().replace(" ", ""));
                metrics.put("health_not_up_after_ms", (down < 0 ? "never" : Long.toString(down - kill))
                        + "\tms\tfirst probe (every 100 ms) after the kill that was not 200 UP: " + downState);
                metrics.put("health_up_again_ms", (up < 0 ? (down < 0 ? "never down" : "never") : Long.toString(up - kill))
                        + "\tms\tfrom the kill until /actuator/health answered 200 UP again");
            }
        }
        for (Map.Entry<String, String> e : metrics.entrySet()) {
            String[] v = e.getValue().split("\t", 3);
            lines.add(label + "." + e.getKey() + "\t" + v[0] + "\t" + v[1] + "\t" + v[2]);
        }
        lines.forEach(System.out::println);
        if (results != null) {
            Files.write(results, lines, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        return 0;
    }

    // ---------------------------------------------------------------- UI stickiness through the balancer

    /**
     * GETs /login repeatedly with a cookie jar (as a browser would): every answer must come from the instance
     * that created the session, so the session cookie is set once and never replaced. Prints the number of
     * session cookies issued and the balancer's route cookie.
     */
    static int sticky(Options o) throws IOException {
        String url = o.required("url");
        int count = o.integer("requests", 20);
        Path jarFile = o.values.containsKey("cookies") ? Path.of(o.get("cookies", null)) : null;
        Map<String, String> jar = new LinkedHashMap<>();
        if (jarFile != null && Files.exists(jarFile)) {
            for (String l : Files.readAllLines(jarFile)) {
                int eq = l.indexOf('=');
                if (eq > 0) {
                    jar.put(l.substring(0, eq), l.substring(eq + 1));
                }
            }
        }
        Set<String> sessions = new HashSet<>();
        List<String> routes = new ArrayList<>();
        int errors = 0;
        for (int i = 0; i < count; i++) {
            List<String> headers = new ArrayList<>();
            headers.add("Connection: close");
            if (!jar.isEmpty()) {
                StringBuilder cookie = new StringBuilder("Cookie: ");
                jar.forEach((k, v) -> cookie.append(k).append('=').append(v).append("; "));
                headers.add(cookie.substring(0, cookie.length() - 2));
            }
            try (Conn c = new Conn(url, 10_000)) {
                Answer a = c.exchange("GET", "/login", headers.toArray(new String[0]), null);
                if (a.status != 200) {
                    errors++;
                }
                for (String set : a.headers().getOrDefault("set-cookie", List.of())) {
                    String pair = set.split(";", 2)[0];
                    int eq = pair.indexOf('=');
                    String name = pair.substring(0, eq).trim();
                    String value = pair.substring(eq + 1).trim();
                    jar.put(name, value);
                    if (name.equals("JSESSIONID")) {
                        sessions.add(value);
                    } else if (name.equals("vva_node")) {
                        routes.add(value);
                    }
                }
            } catch (IOException e) {
                errors++;
            }
        }
        if (jarFile != null) {
            List<String> l = new ArrayList<>();
            jar.forEach((k, v) -> l.add(k + "=" + v));
            Files.write(jarFile, l);
        }
        System.out.printf(Locale.ROOT, "sticky\t%d requests\t%d session cookie(s) issued\troute cookie(s) set: %s\t"
                + "now on: %s\terrors: %d%n", count, sessions.size(), routes, jar.get("vva_node"), errors);
        return 0;
    }

    // ---------------------------------------------------------------- bad input

    /** A malformed request: the raw bytes to send, and what the API should answer. */
    record Case(String category, String name, byte[] request, int expected) {
    }

    static final class CaseBuilder {
        final List<Case> cases = new ArrayList<>();
        final String host;
        final String token;
        final AtomicInteger ids = new AtomicInteger();
        final String tag;

        CaseBuilder(String host, String token, String tag) {
            this.host = host;
            this.token = token;
            this.tag = tag;
        }

        String id() {
            return "bad-" + tag + "-" + ids.incrementAndGet();
        }

        /** A valid event of a new meeting, as JSON text with the given replacements in its fields. */
        String event(Map<String, String> raw) {
            String id = id();
            Map<String, String> f = new LinkedHashMap<>();
            f.put("eventId", "\"" + id + "\"");
            f.put("meetingId", "\"" + id + "-m\"");
            f.put("meetingType", "\"BOOKINGS\"");
            f.put("type", "\"JOINED\"");
            f.put("occurredAt", "\"2026-11-20T10:00:00Z\"");
            f.put("participantId", "\"" + id + "-p\"");
            f.put("role", "\"STAFF\"");
            f.put("department", "\"Cardiology\"");
            f.put("appointmentKind", "\"SCHEDULED\"");
            for (Map.Entry<String, String> e : raw.entrySet()) {
                if (e.getValue() == null) {
                    f.remove(e.getKey());
                } else {
                    f.put(e.getKey(), e.getValue());
                }
            }
            StringBuilder sb = new StringBuilder("{");
            f.forEach((k, v) -> sb.append(sb.length() == 1 ? "" : ",").append(k.startsWith("\u0001") ? k.substring(1)
                    : "\"" + k + "\"").append(':').append(v));
            return sb.append('}').toString();
        }

        String validEvent() {
            return event(Map.of());
        }

        String batch(String... events) {
            return "{\"events\":[" + String.join(",", events) + "]}";
        }

        byte[] post(String path, String contentType, String auth, byte[] body, String... extra) {
            StringBuilder h = new StringBuilder();
            h.append("POST ").append(path).append(" HTTP/1.1\r\nHost: ").append(host).append("\r\n");
            if (auth != null) {
                h.append("Authorization: ").append(auth).append("\r\n");
            }
            if (contentType != null) {
                h.append("Content-Type: ").append(contentType).append("\r\n");
            }
            for (String x : extra) {
                h.append(x).append("\r\n");
            }
            h.append("Content-Length: ").append(body.length).append("\r\nConnection: close\r\n\r\n");
            return concat(h.toString().getBytes(StandardCharsets.ISO_8859_1), body);
        }

        /** POST /api/v1/events with the token and application/json. */
        void events(String category, String name, byte[] body, int expected) {
            cases.add(new Case(category, name, post("/api/v1/events", "application/json", "Bearer " + token, body),
                    expected));
        }

        void events(String category, String name, String body, int expected) {
            events(category, name, body.getBytes(StandardCharsets.UTF_8), expected);
        }

        void raw(String category, String name, String head, byte[] body, int expected) {
            cases.add(new Case(category, name, concat(head.getBytes(StandardCharsets.ISO_8859_1), body), expected));
        }

        void request(String category, String name, String method, String path, String auth, String[] extra,
                     byte[] body, int expected) {
            StringBuilder h = new StringBuilder();
            h.append(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: ").append(host).append("\r\n");
            if (auth != null) {
                h.append("Authorization: ").append(auth).append("\r\n");
            }
            for (String x : extra) {
                h.append(x).append("\r\n");
            }
            if (body != null) {
                h.append("Content-Length: ").append(body.length).append("\r\n");
            }
            h.append("Connection: close\r\n\r\n");
            raw(category, name, h.toString(), body == null ? new byte[0] : body, expected);
        }

        void get(String category, String name, String path, int expected, String... extra) {
            request(category, name, "GET", path, "Bearer " + token, extra, null, expected);
        }
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] all = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }

    static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (byte x : b) {
            sb.append(String.format("%02X", x & 0xFF));
        }
        return sb.toString();
    }

    static String repeat(String s, int n) {
        return s.repeat(n);
    }

    /** The malformed requests, generated systematically by category. */
    static List<Case> cases(String host, String token, String tag) {
        CaseBuilder b = new CaseBuilder(host, token, tag);
        List<String> fields = List.of("eventId", "meetingId", "meetingType", "type", "occurredAt", "participantId",
                "role", "department", "appointmentKind");
        List<String> textFields = List.of("eventId", "meetingId", "participantId", "department");

        // -- JSON syntax: a valid two-event batch cut short at 60 places, and broken in 30 ways
        String valid = b.batch(b.validEvent(), b.validEvent());
        for (int i = 1; i <= 60; i++) {
            int cut = (int) ((long) valid.length() * i / 61);
            b.events("syntax", "cut at " + cut + " of " + valid.length(), valid.substring(0, cut), 400);
        }
        String e1 = b.validEvent();
        String[][] broken = {
                {"missing quote", e1.replaceFirst("\"eventId\"", "\"eventId")},
                {"missing colon", e1.replaceFirst("\"eventId\":", "\"eventId\" ")},
                {"missing comma", e1.replaceFirst(",\"meetingId\"", " \"meetingId\"")},
                {"trailing comma in event", e1.replaceFirst("}$", ",}")},
                {"single quotes", e1.replace('"', '\'')},
                {"unquoted keys", e1.replaceAll("\"(\\w+)\":", "$1:")},
                {"comment", e1.replaceFirst("\\{", "{/* c */")},
                {"line comment", e1.replaceFirst("\\{", "{// c\n")},
                {"NaN value", e1.replaceFirst("\"Cardiology\"", "NaN")},
                {"Infinity value", e1.replaceFirst("\"Cardiology\"", "Infinity")},
                {"leading zero number", e1.replaceFirst("\"Cardiology\"", "01")},
                {"hex number", e1.replaceFirst("\"Cardiology\"", "0x1F")},
                {"True", e1.replaceFirst("\"Cardiology\"", "True")},
                {"undefined", e1.replaceFirst("\"Cardiology\"", "undefined")},
                {"raw newline in string", e1.replaceFirst("Cardiology", "Cardio\nlogy")},
                {"raw tab in string", e1.replaceFirst("Cardiology", "Cardio\tlogy")},
                {"bad escape \\x41", e1.replace("Cardiology", "Cardio\\x41logy")},
                {"short unicode escape", e1.replace("Cardiology\"", "Cardio\\u12\"")},
                {"upper-case U escape", e1.replace("Cardiology", "Cardio\\U0041logy")},
                {"unterminated string", e1.replaceFirst("\"Cardiology\"", "\"Cardiology")},
                {"object as key", e1.replaceFirst("\"department\"", "{}")},
                {"number as key", e1.replaceFirst("\"department\"", "1")},
                {"missing value", e1.replaceFirst("\"Cardiology\"", "")},
                {"double colon", e1.replaceFirst("\"department\":", "\"department\"::")},
                {"unclosed event", e1.substring(0, e1.length() - 1)},
                {"extra closing brace", e1 + "}"},
        };
        for (String[] c : broken) {
            b.events("syntax", c[0], b.batch(c[1]), 400);
        }
        b.events("syntax", "trailing comma in array", "{\"events\":[" + b.validEvent() + ",]}", 400);
        b.events("syntax", "missing comma between events", "{\"events\":[" + b.validEvent() + b.validEvent() + "]}", 400);
        b.events("syntax", "array closed by brace", "{\"events\":[" + b.validEvent() + "}}", 400);
        b.events("syntax", "deep nesting 2,000", "{\"events\":[" + repeat("[", 2000) + repeat("]", 2000) + "]}", 400);
        b.events("syntax", "deep nesting 100,000 (unclosed)", "{\"events\":" + repeat("[", 100_000), 400);
        b.events("syntax", "deep nesting in an unknown field", "{\"x\":" + repeat("{\"a\":", 5000) + "1"
                + repeat("}", 5000) + ",\"events\":[" + b.event(Map.of("type", "\"NOPE\"")) + "]}", 400);
        b.events("syntax", "number with 100,000 digits", "{\"x\":" + repeat("9", 100_000) + ",\"events\":["
                + b.event(Map.of("type", "\"NOPE\"")) + "]}", 400);
        b.events("syntax", "exponent 1e1000000", "{\"events\":[" + b.event(Map.of("department", "1e1000000")) + "]}", 400);

        // -- the document's shape
        String[][] shapes = {
                {"empty body", ""}, {"whitespace only", "  \r\n\t "}, {"null", "null"}, {"true", "true"}, {"number", "42"},
                {"string", "\"events\""}, {"array", "[]"}, {"array of a batch", "[" + b.batch(b.validEvent()) + "]"},
                {"empty object", "{}"}, {"events null", "{\"events\":null}"}, {"events object", "{\"events\":{}}"},
                {"events string", "{\"events\":\"x\"}"}, {"events number", "{\"events\":1}"},
                {"events of a number", "{\"events\":[1]}"}, {"events of null", "{\"events\":[null]}"},
                {"events of an array", "{\"events\":[[]]}"}, {"events of a string", "{\"events\":[\"x\"]}"},
                {"events of true", "{\"events\":[true]}"},
                {"Events capitalised", "{\"Events\":[" + b.validEvent() + "]}"},
                {"event instead of events", "{\"event\":" + b.validEvent() + "}"},
                {"bare event", b.validEvent()},
                {"valid event then null", "{\"events\":[" + b.validEvent() + ",null]}"},
                {"valid event then a number", "{\"events\":[" + b.validEvent() + ",7]}"},
        };
        for (String[] s : shapes) {
            b.events("shape", s[0], s[1], 400);
        }

        // -- wrong types for every field
        String[][] wrongValues = {{"number", "1"}, {"decimal", "1.5"}, {"negative", "-3"}, {"true", "true"},
                {"false", "false"}, {"object", "{}"}, {"array", "[]"}, {"object with a string", "{\"a\":\"b\"}"},
                {"array of a string", "[\"JOINED\"]"}};
        for (String f : fields) {
            for (String[] v : wrongValues) {
                b.events("types", f + " = " + v[0], b.batch(b.event(Map.of(f, v[1]))), 400);
            }
        }

        // -- required fields missing, null, empty, blank
        for (String f : List.of("eventId", "meetingId", "meetingType", "type", "occurredAt", "participantId", "role")) {
            Map<String, String> missing = new HashMap<>();
            missing.put(f, null);
            b.events("missing", f + " absent", b.batch(b.event(missing)), 400);
            b.events("missing", f + " null", b.batch(b.event(Map.of(f, "null"))), 400);
            b.events("missing", f + " empty", b.batch(b.event(Map.of(f, "\"\""))), 400);
            b.events("missing", f + " blank", b.batch(b.event(Map.of(f, "\"   \""))), 400);
        }
        b.events("missing", "second event invalid", b.batch(b.validEvent(), b.event(Map.of("type", "null"))), 400);

        // -- values outside their domain
        String[][] values = {
                {"type", "\"EXPLODED\""}, {"type", "\"joined\""}, {"type", "\" JOINED\""}, {"meetingType", "\"ZOOM\""},
                {"meetingType", "\"bookings\""}, {"role", "\"KING\""}, {"appointmentKind", "\"MAYBE\""},
                {"occurredAt", "\"yesterday\""}, {"occurredAt", "\"2026-13-01T00:00:00Z\""},
                {"occurredAt", "\"2026-02-30T00:00:00Z\""}, {"occurredAt", "\"2026-11-20 10:00:00\""},
                {"occurredAt", "\"2026-11-20T25:00:00Z\""}, {"occurredAt", "\"1969-12-31T23:59:59Z\""},
                {"occurredAt", "\"+10000-01-01T00:00:00Z\""}, {"occurredAt", "\"0000-01-01T00:00:00Z\""},
                {"occurredAt", "\"-0001-01-01T00:00:00Z\""}, {"occurredAt", "\"1e309\""},
                {"occurredAt", "\"2026-11-20T10:00:00Z\\u0000\""}, {"occurredAt", "\"１９７０-01-01T00:00:00Z\""},
        };
        for (String[] v : values) {
            b.events("values", v[0] + " = " + v[1], b.batch(b.event(Map.of(v[0], v[1]))), 400);
        }
        b.events("values", "same eventId, other content", b.batch(b.event(Map.of("eventId", "\"dup-1\"")),
                b.event(Map.of("eventId", "\"dup-1\"", "type", "\"LEFT\""))), 400);
        b.events("values", "one meeting, two types", b.batch(b.event(Map.of("meetingId", "\"mt-1\"")),
                b.event(Map.of("meetingId", "\"mt-1\"", "meetingType", "\"EHR\""))), 400);

        // -- huge fields and batches
        for (String f : textFields) {
            b.events("huge", f + " 201 characters", b.batch(b.event(Map.of(f, "\"" + repeat("x", 201) + "\""))), 400);
            b.events("huge", f + " 201 emoji (402 UTF-16 units)", b.batch(b.event(Map.of(f, "\""
                    + repeat("\uD83D\uDE00", 201) + "\""))), 400);
            b.events("huge", f + " 1 MB", b.batch(b.event(Map.of(f, "\"" + repeat("x", 1 << 20) + "\""))), 400);
        }
        b.events("huge", "field name of 1 MB", "{\"events\":[" + b.event(Map.of("\u0001\"" + repeat("k", 1 << 20) + "\"",
                "1", "type", "\"NOPE\"")) + "]}", 400);
        StringBuilder many = new StringBuilder("{\"events\":[");
        for (int i = 0; i < 10_001; i++) {
            many.append(i == 0 ? "" : ",").append("{\"eventId\":\"").append(b.tag).append("-many-").append(i)
                    .append("\",\"meetingId\":\"m\",\"meetingType\":\"EHR\",\"type\":\"MEETING_ENDED\","
                            + "\"occurredAt\":\"2026-11-20T10:00:00Z\"}");
        }
        b.events("huge", "10,001 events", many.append("]}").toString(), 400);
        byte[] eleven = utf8("{\"events\":[" + b.event(Map.of("department", "\"" + repeat("x", 11 << 20) + "\"")) + "]}");
        b.events("huge", "body of 11 MB (Content-Length)", eleven, 413);
        b.raw("huge", "body of 11 MB (chunked)", "POST /api/v1/events HTTP/1.1\r\nHost: " + host + "\r\nAuthorization: Bearer "
                + token + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n",
                chunked(eleven, 1 << 16), 413);
        b.events("huge", "10,000 unknown fields, invalid type", "{\"events\":[" + b.event(unknownFields(10_000)) + "]}", 400);

        // -- bytes that are not UTF-8, placed in each text field
        int[][] badBytes = {{0x80}, {0xBF}, {0xC0}, {0xC1}, {0xF5}, {0xF8}, {0xFC}, {0xFE}, {0xFF}, {0xE9},
                {0xC3}, {0xE2, 0x82}, {0xF0, 0x9F, 0x98}, {0xC3, 0x28}, {0xE2, 0x28, 0xA1}};
        int[][] overlong = {{0xC0, 0xAF}, {0xC1, 0xBF}, {0xE0, 0x80, 0xAF}, {0xE0, 0x9F, 0xBF}, {0xF0, 0x80, 0x80, 0xAF},
                {0xF8, 0x88, 0x80, 0x80, 0xAF}, {0xC0, 0x80}, {0xE0, 0x80, 0x80}};
        int[][] surrogates = {{0xED, 0xA0, 0x80}, {0xED, 0xBF, 0xBF}, {0xED, 0xA0, 0xBD, 0xED, 0xB8, 0x80},
                {0xF4, 0x90, 0x80, 0x80}};
        for (String f : textFields) {
            for (int[] seq : badBytes) {
                b.events("utf8-invalid", f + " with " + hex(bytes(seq)), withBytes(b, f, bytes(seq)), 400);
            }
            for (int[] seq : overlong) {
                b.events("utf8-overlong", f + " with " + hex(bytes(seq)), withBytes(b, f, bytes(seq)), 400);
            }
            for (int[] seq : surrogates) {
                b.events("utf8-surrogate", f + " with " + hex(bytes(seq)), withBytes(b, f, bytes(seq)), 400);
            }
        }
        b.events("utf8-invalid", "0xFF between tokens", concat(utf8("{\"events\":"), bytes(0xFF), utf8("[" + b.validEvent()
                + "]}")), 400);
        b.events("utf8-invalid", "UTF-16LE body", ("\uFEFF" + b.batch(b.validEvent())).getBytes(StandardCharsets.UTF_16LE), 400);
        b.events("utf8-invalid", "UTF-16BE body", b.batch(b.validEvent()).getBytes(StandardCharsets.UTF_16BE), 400);
        b.events("utf8-invalid", "Latin-1 body with an accent", b.batch(b.event(Map.of("department", "\"Pédiatrie\"")))
                .getBytes(StandardCharsets.ISO_8859_1), 400);

        // -- lone surrogates written as JSON escapes
        String[] loneEscapes = {"\\uD800", "\\uDBFF", "\\uDC00", "\\uDFFF", "\\uDC00\\uD800", "\\uD800x", "\\uD800\\u0041"};
        for (String f : textFields) {
            for (String esc : loneEscapes) {
                b.events("lone-surrogate", f + " with " + esc, b.batch(b.event(Map.of(f, "\"ab" + esc + "cd\""))), 400);
            }
        }

        // -- control characters: every C0 and C1 one escaped in department, a few in the other fields, raw ones
        for (int c = 0; c <= 0x9F; c++) {
            if (c < 0x20 || c >= 0x7F) {
                b.events("control", String.format("department with \\u%04X", c),
                        b.batch(b.event(Map.of("department", String.format("\"ab\\u%04Xcd\"", c)))), 400);
            }
        }
        for (String f : List.of("eventId", "meetingId", "participantId")) {
            for (int c : new int[] {0x00, 0x0A, 0x0D, 0x1B, 0x7F, 0x85, 0x9F}) {
                b.events("control", String.format("%s with \\u%04X", f, c),
                        b.batch(b.event(Map.of(f, String.format("\"ab\\u%04Xcd\"", c)))), 400);
            }
        }
        for (int c : new int[] {0x00, 0x01, 0x08, 0x0A, 0x0D, 0x1F}) {
            b.events("control", String.format("raw byte %02X in department", c), withBytes(b, "department", bytes(c)), 400);
        }
        b.events("control", "raw DEL (7F) in department", withBytes(b, "department", bytes(0x7F)), 400);
        b.events("control", "raw U+0085 (C2 85) in department", withBytes(b, "department", bytes(0xC2, 0x85)), 400);

        // -- keys given twice
        String ev = b.validEvent();
        b.events("duplicate-key", "events twice (same)", "{\"events\":[" + ev + "],\"events\":[" + ev + "]}", 400);
        b.events("duplicate-key", "events twice (other)", "{\"events\":[" + b.validEvent() + "],\"events\":["
                + b.validEvent() + "]}", 400);
        b.events("duplicate-key", "events twice, first empty", "{\"events\":[],\"events\":[" + b.validEvent() + "]}", 400);
        for (String f : fields) {
            String same = b.validEvent();
            String value = same.replaceAll(".*\"" + f + "\":(\"[^\"]*\").*", "$1");
            b.events("duplicate-key", f + " twice (same value)", b.batch(same.replaceFirst("}$", ",\"" + f + "\":"
                    + Matcher.quoteReplacement(value) + "}")), 400);
            b.events("duplicate-key", f + " twice (other value)", b.batch(b.validEvent().replaceFirst("}$", ",\"" + f
                    + "\":null}")), 400);
        }
        b.events("duplicate-key", "unknown field twice", b.batch(b.validEvent().replaceFirst("}$",
                ",\"note\":1,\"note\":2}")), 400);

        // -- anything after (or before) the document
        String[] trailing = {"x", "}", "]", "{}", "[]", "null", "0", "//", "/*", ",", "\"s\"", " {\"events\":[]}",
                "\u0000", "\uFEFF"};
        for (String t : trailing) {
            b.events("trailing", "after the document: " + printable(t), b.batch(b.validEvent()) + t, 400);
        }
        b.events("trailing", "the document twice", b.batch(b.validEvent()) + "\n" + b.batch(b.validEvent()), 400);
        b.events("trailing", "before the document: x", "x" + b.batch(b.validEvent()), 400);
        b.events("trailing", "before the document: )]}'", ")]}',\n" + b.batch(b.validEvent()), 400);
        b.events("trailing", "two byte order marks", "\uFEFF\uFEFF" + b.batch(b.validEvent()), 400);

        // -- content types (valid bodies: only the type is wrong)
        String[] types = {null, "", "text/plain", "text/json", "application/xml", "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x", "application/json; charset=ISO-8859-1", "application/json; charset=UTF-16",
                "application/json; charset=utf-8; charset=latin1", "application/jsonp", "application/json-patch+json",
                "application/merge-patch+json", "application/problem+json", "application/*", "*/*", "application/",
                "json", "application/json, text/plain", "application/json; charset=", "application/json; charset=\"latin1\"",
                "application/octet-stream", "application/json\u0001"};
        for (String t : types) {
            b.cases.add(new Case("content-type", t == null ? "no Content-Type" : "Content-Type: " + printable(t),
                    b.post("/api/v1/events", t, "Bearer " + token, utf8(b.batch(b.validEvent()))), 415));
        }
        b.cases.add(new Case("content-type", "UTF-16 body declared as UTF-16", b.post("/api/v1/events",
                "application/json; charset=UTF-16", "Bearer " + token,
                b.batch(b.validEvent()).getBytes(StandardCharsets.UTF_16)), 415));

        // -- methods
        for (String m : new String[] {"GET", "PUT", "DELETE", "PATCH", "TRACE", "PROPFIND", "FOO", "post"}) {
            b.request("method", m + " /api/v1/events", m, "/api/v1/events", "Bearer " + token,
                    new String[] {"Content-Type: application/json"}, utf8(b.batch(b.validEvent())),
                    m.equals("post") || m.equals("FOO") || m.equals("PROPFIND") ? 405 : 405);
        }
        b.request("method", "HEAD /api/v1/events", "HEAD", "/api/v1/events", "Bearer " + token, new String[0], null, 405);
        for (String m : new String[] {"POST", "PUT", "DELETE", "PATCH"}) {
            b.request("method", m + " /api/v1/visits", m, "/api/v1/visits?from=2026-11-20&to=2026-11-20", "Bearer " + token,
                    new String[] {"Content-Type: application/json"}, utf8("{}"), 405);
            b.request("method", m + " /api/v1/daily", m, "/api/v1/daily?from=2026-11-20&to=2026-11-20", "Bearer " + token,
                    new String[] {"Content-Type: application/json"}, utf8("{}"), 405);
        }

        // -- paths the API does not have (POSTs carry an invalid batch: nothing could be stored by mistake)
        String invalidBatch = b.batch(b.event(Map.of("type", "\"NOPE\"")));
        String[] paths = {"/api/v1/event", "/api/v1/events/", "/api/v1/events/1", "/api/v2/events", "/api/v1",
                "/api/v1/", "/api/", "/api", "/api/v1/EVENTS", "/api/v1/events.json", "/api/v1/events;x=1",
                "/api/v1/events%2F", "/api/v1/%2e%2e/v1/events", "/api//v1/events", "/api/v1/events%00",
                "/api/v1/events%", "/api/v1/events?%zz", "/api/v1/events%20", "/api/v1/events/%2e", "/api/v1/events\\x",
                "/api/v1/events/..;/x", "/api/v1/vis%69ts/x", "/api/" + repeat("a", 9000)};
        for (String p : paths) {
            b.request("path", "POST " + printable(p.length() > 60 ? p.substring(0, 20) + "...(" + p.length() + ")" : p),
                    "POST", p, "Bearer " + token, new String[] {"Content-Type: application/json"}, utf8(invalidBatch), 404);
        }
        for (String p : new String[] {"/api/v1/visit", "/api/v1/visits/1", "/api/v1/dailies", "/api/v1/visits/",
                "/api/v1/daily/x"}) {
            b.get("path", "GET " + p, p + "?from=2026-11-20&to=2026-11-20", 404);
        }

        // -- tokens (on an invalid batch: a token let through answers 400, never 202)
        String other = "x" + token.substring(1);
        String[][] auths = {{"no Authorization", null}, {"Bearer alone", "Bearer"}, {"Bearer and a space", "Bearer "},
                {"unknown token", "Bearer " + other}, {"token cut by one", "Bearer " + token.substring(1)},
                {"token plus one", "Bearer " + token + "x"}, {"token with a space inside", "Bearer " + token.substring(0, 10)
                + " " + token.substring(10)}, {"Basic scheme", "Basic dXNlcjpwYXNzd29yZA=="},
                {"Token scheme", "Token " + token}, {"two tokens", "Bearer " + other + ", Bearer " + other},
                {"7 KB token", "Bearer " + repeat("t", 7000)}, {"token with non-ASCII", "Bearer " + other + "\u00e9"},
                {"empty Authorization", ""}, {"token of 8 characters", "Bearer abcdefgh"},
                {"Bearer tab token", "Bearer\t" + other}, {"JWT-looking token", "Bearer eyJhbGciOiJub25lIn0.e30."}};
        for (String[] a : auths) {
            b.cases.add(new Case("token", "POST events: " + a[0], b.post("/api/v1/events", "application/json", a[1],
                    utf8(invalidBatch)), 401));
            b.request("token", "GET visits: " + a[0], "GET", "/api/v1/visits?from=2026-11-20&to=2026-11-20", a[1],
                    new String[0], null, 401);
        }
        b.cases.add(new Case("token", "POST events: token in the query string", b.post("/api/v1/events?access_token="
                + other, "application/json", null, utf8(invalidBatch)), 401));
        b.raw("token", "two Authorization headers", "POST /api/v1/events HTTP/1.1\r\nHost: " + host
                + "\r\nAuthorization: Bearer " + other + "\r\nAuthorization: Bearer " + other
                + "\r\nContent-Type: application/json\r\nContent-Length: " + utf8(invalidBatch).length
                + "\r\nConnection: close\r\n\r\n", utf8(invalidBatch), 401);
        b.raw("token", "token with a control byte", "POST /api/v1/events HTTP/1.1\r\nHost: " + host
                + "\r\nAuthorization: Bearer abc\u0001def" + "\r\nContent-Type: application/json\r\nContent-Length: "
                + utf8(invalidBatch).length + "\r\nConnection: close\r\n\r\n", utf8(invalidBatch), 400);

        // -- query parameters and Accept
        String[] queries = {"", "?from=2026-11-20", "?to=2026-11-20", "?from=2026-13-01&to=2026-12-01",
                "?from=20261120&to=20261120", "?from=2026-11-20T00:00:00Z&to=2026-11-20", "?from=2026-11-21&to=2026-11-20",
                "?from=&to=", "?from=2026-11-20&to=2026-11-20&size=0", "?from=2026-11-20&to=2026-11-20&size=1001",
                "?from=2026-11-20&to=2026-11-20&size=-1", "?from=2026-11-20&to=2026-11-20&size=abc",
                "?from=2026-11-20&to=2026-11-20&size=99999999999", "?from=2026-11-20&to=2026-11-20&page=-1",
                "?from=2026-11-20&to=2026-11-20&page=abc", "?from=2026-11-20&to=2026-11-20&type=ZOOM",
                "?from=-999999999-01-01&to=2026-11-20", "?from=+1000000000-01-01&to=+1000000000-01-01",
                "?from=0001-01-01&to=9999-12-31", "?from=%zz&to=2026-11-20", "?from=2026-11-20&from=2026-11-21&to=2026-11-20",
                "?from=2026-11-20%00&to=2026-11-20", "?from=2026-02-30&to=2026-03-01"};
        for (String q : queries) {
            b.get("query", "visits" + printable(q), "/api/v1/visits" + q, 400);
            if (!q.contains("size") && !q.contains("page") && !q.contains("type")) {
                b.get("query", "daily" + printable(q), "/api/v1/daily" + q, 400);
            }
        }
        for (String accept : new String[] {"text/html", "application/xml", "image/png", "text/csv", "application/pdf"}) {
            b.get("accept", "visits, Accept: " + accept, "/api/v1/visits?from=2026-11-20&to=2026-11-20", 406,
                    "Accept: " + accept);
            // a valid batch: a 406 must mean that nothing was stored (run.sh lists stored events by case)
            b.cases.add(new Case("accept", "events, Accept: " + accept, b.post("/api/v1/events", "application/json",
                    "Bearer " + token, utf8(b.batch(b.validEvent())), "Accept: " + accept), 406));
        }

        // -- HTTP framing
        byte[] vb = utf8(invalidBatch);
        String base = "POST /api/v1/events HTTP/1.1\r\nHost: " + host + "\r\nAuthorization: Bearer " + token
                + "\r\nContent-Type: application/json\r\n";
        b.raw("framing", "Content-Length larger than the body (body stops)", base + "Content-Length: " + (vb.length + 100)
                + "\r\nConnection: close\r\n\r\n", vb, 408);
        b.raw("framing", "Content-Length: abc", base + "Content-Length: abc\r\nConnection: close\r\n\r\n", vb, 400);
        b.raw("framing", "Content-Length: -1", base + "Content-Length: -1\r\nConnection: close\r\n\r\n", vb, 400);
        b.raw("framing", "two different Content-Lengths", base + "Content-Length: " + vb.length + "\r\nContent-Length: 5"
                + "\r\nConnection: close\r\n\r\n", vb, 400);
        b.raw("framing", "Content-Length and chunked", base + "Content-Length: " + vb.length
                + "\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n", chunked(vb, 100), 400);
        b.raw("framing", "bad chunk size", base + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n",
                utf8("zz\r\n" + invalidBatch + "\r\n0\r\n\r\n"), 400);
        b.raw("framing", "unknown transfer encoding", base + "Transfer-Encoding: gzip\r\nConnection: close\r\n\r\n", vb, 501);
        b.raw("framing", "Content-Encoding gzip (not gzip)", base + "Content-Encoding: gzip\r\nContent-Length: " + vb.length
                + "\r\nConnection: close\r\n\r\n", vb, 400);
        b.raw("framing", "HTTP/1.0", base.replace("HTTP/1.1", "HTTP/1.0") + "Content-Length: " + vb.length + "\r\n\r\n",
                vb, 400);
        b.raw("framing", "HTTP/9.9", base.replace("HTTP/1.1", "HTTP/9.9") + "Content-Length: " + vb.length
                + "\r\nConnection: close\r\n\r\n", vb, 505);
        b.raw("framing", "header without colon", base + "Broken header\r\nContent-Length: " + vb.length
                + "\r\nConnection: close\r\n\r\n", vb, 400);
        b.raw("framing", "obsolete folded header", base + "X-Folded: a\r\n b\r\nContent-Length: " + vb.length
                + "\r\nConnection: close\r\n\r\n", vb, 400);
        b.raw("framing", "Expect: 100-continue", base + "Expect: 100-continue\r\nContent-Length: " + vb.length
                + "\r\nConnection: close\r\n\r\n", vb, 400);
        b.raw("framing", "chunked, then a garbage request", base + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n",
                concat(chunked(vb, 50), utf8("GARBAGE\r\n\r\n")), 400);
        return b.cases;
    }

    static Map<String, String> unknownFields(int n) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            m.put("x" + i, "1");
        }
        m.put("type", "\"NOPE\"");
        return m;
    }

    static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            sb.append(c < 0x20 || c > 0x7E ? String.format("\\u%04X", (int) c) : String.valueOf(c));
        }
        return sb.toString();
    }

    static byte[] chunked(byte[] body, int size) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int at = 0; at < body.length; at += size) {
            int n = Math.min(size, body.length - at);
            out.writeBytes(utf8(Integer.toHexString(n) + "\r\n"));
            out.write(body, at, n);
            out.writeBytes(utf8("\r\n"));
        }
        out.writeBytes(utf8("0\r\n\r\n"));
        return out.toByteArray();
    }

    /** A one-event batch whose field f holds "ab" + the raw bytes + "cd". */
    static byte[] withBytes(CaseBuilder b, String f, byte[] raw) {
        String marker = "@@RAW@@";
        String json = b.batch(b.event(Map.of(f, "\"ab" + marker + "cd\"")));
        int at = json.indexOf(marker);
        return concat(utf8(json.substring(0, at)), raw, utf8(json.substring(at + marker.length())));
    }

    /** What came back for one case. */
    record Result(Case c, int status, String contentType, String problem, long ms, boolean app) {
    }

    static int badInput(Options o) throws Exception {
        String url = o.required("url");
        String token = o.required("token");
        int threads = o.integer("threads", 4);
        Path out = Path.of(o.required("out"));
        String tag = o.get("tag", Long.toString(now(), 36));
        URI uri = URI.create(url);
        String host = uri.getHost() + ":" + uri.getPort();
        List<Case> cases = cases(host, token, tag);
        if (o.values.containsKey("dry-run")) {
            Map<String, Integer> count = new TreeMap<>();
            cases.forEach(c -> count.merge(c.category(), 1, Integer::sum));
            System.out.println(cases.size() + " cases: " + count);
            return 0;
        }
        Files.createDirectories(out);
        // which event ids each case carries, so that a stored one can be traced back to its case
        Pattern eventId = Pattern.compile("\"eventId\":\"(bad-[^\"]+)\"");
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out.resolve("badinput-ids.tsv")))) {
            for (Case c : cases) {
                Matcher m = eventId.matcher(new String(c.request(), StandardCharsets.ISO_8859_1));
                while (m.find()) {
                    w.println(m.group(1) + "\t" + c.category() + " / " + c.name());
                }
            }
        }
        List<Result> results = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger next = new AtomicInteger();
        long t0 = now();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread w = new Thread(() -> {
                for (int i; (i = next.getAndIncrement()) < cases.size(); ) {
                    results.add(send(uri.getHost(), uri.getPort(), cases.get(i)));
                }
            }, "bad-input-" + t);
            workers.add(w);
            w.start();
        }
        for (Thread w : workers) {
            w.join();
        }
        long took = now() - t0;
        Map<String, Integer> byStatus = new TreeMap<>();
        Map<String, Map<String, Integer>> byCategory = new TreeMap<>();
        // [0] every answer, [1] answers of the application (its filters included), [2] Tomcat's own error page for
        // a request its connector refused before the application saw it
        int[] fiveXx = new int[3];
        int[] threeXx = new int[3];
        int[] twoXx = new int[3];
        int[] nonJson = new int[3];
        int[] answers = new int[3];
        int noAnswer = 0;
        int unexpected = 0;
        List<String> findings = new ArrayList<>();
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out.resolve("badinput.tsv")))) {
            w.println("category\tcase\texpected\tstatus\tcontent_type\tms\tlayer\tanswer");
            for (Result r : results) {
                String s = r.status() < 0 ? "none" : Integer.toString(r.status());
                String layer = r.status() < 0 ? "-" : r.app() ? "app" : "tomcat";
                byStatus.merge(s, 1, Integer::sum);
                byCategory.computeIfAbsent(r.c().category(), k -> new TreeMap<>()).merge(s, 1, Integer::sum);
                w.printf(Locale.ROOT, "%s\t%s\t%d\t%s\t%s\t%d\t%s\t%s%n", r.c().category(), r.c().name(),
                        r.c().expected(), s, r.contentType(), r.ms(), layer, r.problem());
                String where = r.c().category() + " / " + r.c().name() + ": " + s + " " + r.contentType() + " ("
                        + layer + ") " + r.problem();
                if (r.status() < 0) {
                    noAnswer++;
                    findings.add("no answer: " + where);
                    continue;
                }
                int l = r.app() ? 1 : 2;
                answers[0]++;
                answers[l]++;
                if (r.status() >= 500) {
                    fiveXx[0]++;
                    fiveXx[l]++;
                    findings.add("5xx: " + where);
                }
                if (r.status() >= 300 && r.status() < 400) {
                    threeXx[0]++;
                    threeXx[l]++;
                    findings.add("3xx: " + where);
                }
                if (r.status() < 300) {
                    twoXx[0]++;
                    twoXx[l]++;
                    findings.add("2xx: " + where);
                }
                if (!r.problem().startsWith("json")) {
                    nonJson[0]++;
                    nonJson[l]++;
                    findings.add("not JSON: " + where);
                }
                if (r.status() != r.c().expected()) {
                    unexpected++;
                }
            }
        }
        System.out.printf(Locale.ROOT, "badinput.requests\t%d\t\t%d malformed requests in %.1f s, %d threads; %d answered "
                + "by the application, %d by Tomcat's connector before the application (its HTML error page), %d not "
                + "at all%n", results.size(), results.size(), took / 1000.0, threads, answers[1],
                answers[2], noAnswer);
        System.out.printf(Locale.ROOT, "badinput.by_status\t%s\t\t%n", byStatus.toString().replace(" ", ""));
        String split = "all / application / Tomcat's connector";
        System.out.printf(Locale.ROOT, "badinput.5xx\t%d\t\tmust be 0 (%s: %d / %d / %d)%n", fiveXx[0], split, fiveXx[0],
                fiveXx[1], fiveXx[2]);
        System.out.printf(Locale.ROOT, "badinput.3xx\t%d\t\tmust be 0 (%s: %d / %d / %d)%n", threeXx[0], split, threeXx[0],
                threeXx[1], threeXx[2]);
        System.out.printf(Locale.ROOT, "badinput.not_json\t%d\t\tanswers that are not a JSON document with a JSON content "
                + "type (HEAD: the type only); must be 0 (%s: %d / %d / %d)%n", nonJson[0], split, nonJson[0], nonJson[1],
                nonJson[2]);
        System.out.printf(Locale.ROOT, "badinput.2xx\t%d\t\tmalformed requests answered 2xx (%s: %d / %d / %d)%n",
                twoXx[0], split, twoXx[0], twoXx[1], twoXx[2]);
        System.out.printf(Locale.ROOT, "badinput.no_answer\t%d\t\tconnection closed or timed out (25 s) without an HTTP "
                + "answer%n", noAnswer);
        System.out.printf(Locale.ROOT, "badinput.other_status_than_expected\t%d\t\tthe status differs from the one the "
                + "suite expected (see the raw table; information, not a failure)%n", unexpected);
        for (Map.Entry<String, Map<String, Integer>> e : byCategory.entrySet()) {
            System.out.printf(Locale.ROOT, "badinput.category.%s\t%s\t\t%n", e.getKey(),
                    e.getValue().toString().replace(" ", ""));
        }
        for (String f : findings) {
            System.out.println("FINDING\t" + f);
        }
        return 0;
    }

    /** Sends the raw request on a new connection (writing on one thread, reading on this one) and reads the answer. */
    static Result send(String host, int port, Case c) {
        long s = now();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 5000);
            socket.setSoTimeout(25_000);
            OutputStream out = socket.getOutputStream();
            Thread writer = new Thread(() -> {
                try {
                    out.write(c.request());
                    out.flush();
                } catch (IOException ignored) {
                    // the server may answer and close before the whole body is written (413)
                }
            });
            writer.setDaemon(true);
            writer.start();
            byte[] all;
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            try {
                socket.getInputStream().transferTo(got);
            } catch (IOException e) {
                // keep what arrived before a reset or the time-out
            }
            all = got.toByteArray();
            if (all.length == 0) {
                return new Result(c, -1, "-", "none", now() - s, false);
            }
            boolean head = new String(c.request(), 0, 5, StandardCharsets.ISO_8859_1).startsWith("HEAD ");
            Answer a = readAnswer(new java.io.ByteArrayInputStream(all), head);
            String type = a.header("content-type") == null ? "-" : a.header("content-type");
            // Tomcat's own error page: the request was refused by the connector before the application saw it
            boolean tomcat = a.text().startsWith("<!doctype html>") && a.text().contains("<title>HTTP Status ");
            return new Result(c, a.status(), type, describe(a, head, type), now() - s, !tomcat);
        } catch (IOException | RuntimeException e) {
            return new Result(c, -1, "-", "none (" + e + ")", now() - s, false);
        }
    }

    /** "json problem status=400 title=..." or why the answer is not a JSON document. */
    static String describe(Answer a, boolean head, String type) {
        String mediaType = type.split(";")[0].trim().toLowerCase(Locale.ROOT);
        boolean jsonType = mediaType.equals("application/json") || (mediaType.startsWith("application/")
                && mediaType.endsWith("+json"));
        if (head) {
            return jsonType ? "json (HEAD: type only)" : "HEAD answer of type " + type;
        }
        Object doc;
        try {
            doc = new Json(a.text()).document();
        } catch (RuntimeException e) {
            String text = a.text().replaceAll("\\s+", " ");
            return "body not JSON (" + e.getMessage() + "): " + text.substring(0, Math.min(120, text.length()));
        }
        if (!jsonType) {
            return "JSON body with content type " + type;
        }
        if (doc instanceof Map<?, ?> m && m.containsKey("status")) {
            Object st = m.get("status");
            String mismatch = st instanceof BigDecimal n && n.intValue() == a.status() ? "" : " (status field " + st
                    + " differs!)";
            String detail = String.valueOf(m.get("detail"));
            return "json problem title=" + m.get("title") + mismatch + " detail=" + detail.substring(0,
                    Math.min(100, detail.length()));
        }
        return "json " + (doc instanceof Map ? "object" : "value");
    }

    /** A strict JSON reader (RFC 8259), enough to tell a JSON document from anything else. */
    static final class Json {
        final String s;
        int i;

        Json(String s) {
            this.s = s;
        }

        Object document() {
            ws();
            Object v = value(0);
            ws();
            if (i != s.length()) {
                throw new IllegalArgumentException("text after the document at " + i);
            }
            return v;
        }

        void ws() {
            while (i < s.length() && " \t\r\n".indexOf(s.charAt(i)) >= 0) {
                i++;
            }
        }

        Object value(int depth) {
            if (depth > 512 || i >= s.length()) {
                throw new IllegalArgumentException("unexpected end at " + i);
            }
            char c = s.charAt(i);
            switch (c) {
                case '{' -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    i++;
                    ws();
                    if (peek('}')) {
                        i++;
                        return m;
                    }
                    while (true) {
                        ws();
                        String k = string();
                        ws();
                        expect(':');
                        ws();
                        m.put(k, value(depth + 1));
                        ws();
                        if (peek(',')) {
                            i++;
                        } else {
                            expect('}');
                            return m;
                        }
                    }
                }
                case '[' -> {
                    List<Object> l = new ArrayList<>();
                    i++;
                    ws();
                    if (peek(']')) {
                        i++;
                        return l;
                    }
                    while (true) {
                        ws();
                        l.add(value(depth + 1));
                        ws();
                        if (peek(',')) {
                            i++;
                        } else {
                            expect(']');
                            return l;
                        }
                    }
                }
                case '"' -> {
                    return string();
                }
                default -> {
                    for (String lit : new String[] {"true", "false", "null"}) {
                        if (s.startsWith(lit, i)) {
                            i += lit.length();
                            return lit.equals("null") ? null : Boolean.valueOf(lit);
                        }
                    }
                    Matcher m = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?").matcher(s).region(i,
                            s.length());
                    if (!m.lookingAt()) {
                        throw new IllegalArgumentException("unexpected '" + c + "' at " + i);
                    }
                    i = m.end();
                    return new BigDecimal(m.group());
                }
            }
        }

        boolean peek(char c) {
            return i < s.length() && s.charAt(i) == c;
        }

        void expect(char c) {
            if (!peek(c)) {
                throw new IllegalArgumentException("expected '" + c + "' at " + i);
            }
            i++;
        }

        String string() {
            expect('"');
            StringBuilder sb = new StringBuilder();
            while (true) {
                if (i >= s.length()) {
                    throw new IllegalArgumentException("unterminated string");
                }
                char c = s.charAt(i++);
                if (c == '"') {
                    return sb.toString();
                }
                if (c < 0x20) {
                    throw new IllegalArgumentException("control character in a string at " + (i - 1));
                }
                if (c == '\\') {
                    char e = s.charAt(i++);
                    switch (e) {
                        case '"', '\\', '/' -> sb.append(e);
                        case 'b' -> sb.append('\b');
                        case 'f' -> sb.append('\f');
                        case 'n' -> sb.append('\n');
                        case 'r' -> sb.append('\r');
                        case 't' -> sb.append('\t');
                        case 'u' -> {
                            sb.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                            i += 4;
                        }
                        default -> throw new IllegalArgumentException("bad escape at " + (i - 1));
                    }
                } else {
                    sb.append(c);
                }
            }
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
