package io.seedship.runtime.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Caps a request body: its stream ends in {@link RequestBodyTooLargeException} past the limit (at once when the
 * declared Content-Length is over it), so a huge body costs neither heap nor a 500 further in, whatever the client
 * declares. The exception reaches the problem advice through the message converter, which answers 413 naming the
 * limit.
 *
 * <p>Before it throws, the stream reads and drops the rest of a body of up to {@link #MAX_DRAINED} bytes: Tomcat
 * closes the connection after a 413, and a client still sending would see a reset connection instead of the answer.
 */
public class RequestBodyLimitFilter extends OncePerRequestFilter {

  /** The most of a refused body read (and dropped) so that its sender receives the 413; a larger one is cut off. */
  static final long MAX_DRAINED = 16L << 20;

  private final DataSize limit;

  public RequestBodyLimitFilter(DataSize limit) {
    this.limit = limit;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    chain.doFilter(new Limited(request, limit), response);
  }

  static String human(DataSize size) {
    long bytes = size.toBytes();
    if (bytes % (1L << 20) == 0 && bytes > 0) {
      return (bytes >> 20) + " MiB";
    }
    return bytes % 1024 == 0 && bytes > 0 ? (bytes >> 10) + " KiB" : bytes + " bytes";
  }

  private static final class Limited extends HttpServletRequestWrapper {

    private final DataSize limit;
    private ServletInputStream stream;

    Limited(HttpServletRequest request, DataSize limit) {
      super(request);
      this.limit = limit;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (stream == null) {
        stream = new LimitedStream(super.getInputStream(), getContentLengthLong(), limit);
      }
      return stream;
    }

    @Override
    public BufferedReader getReader() throws IOException {
      String encoding = getCharacterEncoding();
      return new BufferedReader(new InputStreamReader(getInputStream(),
          encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding)));
    }
  }

  private static final class LimitedStream extends ServletInputStream {

    private final ServletInputStream in;
    private final long declaredLength;
    private final boolean declaredTooLarge;
    private final DataSize limit;
    private long read;

    LimitedStream(ServletInputStream in, long declaredLength, DataSize limit) {
      this.in = in;
      this.declaredLength = declaredLength;
      this.declaredTooLarge = declaredLength > limit.toBytes();
      this.limit = limit;
    }

    @Override
    public int read() throws IOException {
      check(0);
      int b = in.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      check(0);
      int n = in.read(buffer, offset, length);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    private void check(long more) throws RequestBodyTooLargeException {
      if (declaredTooLarge || read + more > limit.toBytes()) {
        drain();
        throw new RequestBodyTooLargeException(limit);
      }
    }

    private void count(int n) throws RequestBodyTooLargeException {
      read += n;
      check(0);
    }

    private void drain() {
      if (declaredLength > MAX_DRAINED) {
        return;
      }
      byte[] sink = new byte[8192];
      try {
        for (long drained = 0; drained < MAX_DRAINED; ) {
          int n = in.read(sink);
          if (n < 0) {
            return;
          }
          drained += n;
        }
      } catch (IOException e) {
        // the client went away: nothing left to answer
      }
    }

    @Override
    public boolean isFinished() {
      return in.isFinished();
    }

    @Override
    public boolean isReady() {
      return in.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
      in.setReadListener(listener);
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
