package org.virtualvisits.analytics.base.web;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * The body of a JSON request, read as the API promises: {@code application/json} in UTF-8 only, at most
 * a given size, every byte valid UTF-8 (an invalid or overlong sequence is refused, never replaced by
 * '?' or decoded to another character).
 */
public final class JsonRequestBody {

    private JsonRequestBody() {
    }

    /** The body's text. */
    public static CharBuffer read(HttpServletRequest request, long maxBytes) {
        checkContentType(request.getContentType());
        if (request.getContentLengthLong() > maxBytes) {
            throw new PayloadTooLargeException("The request body is larger than " + maxBytes / (1024 * 1024) + " MB.");
        }
        byte[] bytes;
        try (InputStream body = new LimitedInputStream(request.getInputStream(), maxBytes)) {
            bytes = body.readAllBytes();
        } catch (IOException e) {
            throw new BodyNotReadException(timedOut(e)
                    ? "The request body did not arrive in time; send it without pauses."
                    : "The request body could not be read completely.", timedOut(e), e);
        }
        return decode(bytes);
    }

    static void checkContentType(String contentType) {
        MediaType type;
        try {
            type = contentType == null ? null : MediaType.parseMediaType(contentType);
        } catch (InvalidMediaTypeException e) {
            type = null;
        }
        boolean json = type != null && MediaType.APPLICATION_JSON.equalsTypeAndSubtype(type);
        String charset = type == null ? null : type.getParameter("charset");
        if (!json || (charset != null && !charset.replace("\"", "").equalsIgnoreCase("UTF-8"))) {
            throw new UnsupportedMediaTypeException("Send the body as 'Content-Type: application/json' in UTF-8"
                    + (contentType == null ? "." : " (this request says '" + contentType + "')."));
        }
    }

    /** Strict UTF-8: the first malformed or unmappable sequence is a 400 naming its byte offset. */
    static CharBuffer decode(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            throw new BadRequestException("The request body is not valid UTF-8 (byte " + in.position() + ").");
        }
        decoder.flush(out);
        out.flip();
        if (out.hasRemaining() && out.get(0) == '\uFEFF') {
            out.position(1); // a byte order mark some Windows tools write: not part of the JSON
        }
        return out;
    }

    /** Whether the failure, or one of its causes, is a read that timed out. */
    static boolean timedOut(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }
}
