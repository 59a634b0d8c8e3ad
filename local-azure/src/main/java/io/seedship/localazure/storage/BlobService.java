package io.seedship.localazure.storage;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.net.ssl.SSLContext;

/**
 * The few Blob service calls local-azure's own processes make in an account (the import datacenter, Azure Backup's
 * copies: create container, list, head, ranged read, Put Block, Put Block List, Put Blob), signed with the account
 * key (Shared Key), against the account's blob endpoint as local-azure's storage accounts advertise it (Azurite,
 * path-style: {@code https://host:port/account/}).
 */
public final class BlobService {

  public static final String VERSION = "2021-12-02";
  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US);

  /** A refused call: {@code status} is the HTTP status, {@code code} the x-ms-error-code. */
  public static final class BlobRequestException extends IOException {
    public final int status;
    public final String code;

    BlobRequestException(String message, int status, String code) {
      super(message);
      this.status = status;
      this.code = code;
    }
  }

  private final String endpoint;
  private final String account;
  private final byte[] key;
  private final HttpClient http;

  public BlobService(String endpoint, String account, String base64Key, SSLContext ssl) {
    this.endpoint = endpoint.endsWith("/") ? endpoint : endpoint + "/";
    this.account = account;
    this.key = Base64.getDecoder().decode(base64Key);
    this.http = HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(10)).build();
  }

  /** The blob's URL as a client would use it. */
  public String url(String container, String blob) {
    return endpoint + container + "/" + encodePath(blob);
  }

  /** Creates the container; one that exists already is fine. */
  public void createContainer(String container) throws IOException {
    HttpResponse<String> response = send("PUT", container, Map.of("restype", "container"), Map.of(), null);
    if (response.statusCode() != 201 && response.statusCode() != 409) {
      throw refused("create container " + container, response);
    }
  }

  public boolean exists(String container, String blob) throws IOException {
    HttpResponse<String> response = send("HEAD", container + "/" + encodePath(blob), Map.of(), Map.of(), null);
    if (response.statusCode() == 404) {
      return false;
    }
    if (response.statusCode() != 200) {
      throw refused("get properties of " + container + "/" + blob, response);
    }
    return true;
  }

  /** Put Block with Content-MD5, so the service checks the bytes it received too. */
  public void putBlock(String container, String blob, String blockId, byte[] data, int length, byte[] md5)
      throws IOException {
    byte[] body = length == data.length ? data : java.util.Arrays.copyOf(data, length);
    HttpResponse<String> response = send("PUT", container + "/" + encodePath(blob),
        Map.of("comp", "block", "blockid", blockId), Map.of("Content-MD5", Base64.getEncoder().encodeToString(md5)),
        body);
    if (response.statusCode() != 201) {
      throw refused("put block " + blockId + " of " + container + "/" + blob, response);
    }
  }

  public void putBlockList(String container, String blob, List<String> blockIds) throws IOException {
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?><BlockList>");
    for (String id : blockIds) {
      xml.append("<Latest>").append(id).append("</Latest>");
    }
    xml.append("</BlockList>");
    HttpResponse<String> response = send("PUT", container + "/" + encodePath(blob), Map.of("comp", "blocklist"),
        Map.of("Content-Type", "application/xml"), xml.toString().getBytes(StandardCharsets.UTF_8));
    if (response.statusCode() != 201) {
      throw refused("put block list of " + container + "/" + blob, response);
    }
  }

  /** A whole block blob in one call (the copy logs, the manifest backup). */
  public void putBlob(String container, String blob, byte[] data, String contentType) throws IOException {
    HttpResponse<String> response = send("PUT", container + "/" + encodePath(blob), Map.of(),
        Map.of("x-ms-blob-type", "BlockBlob", "Content-Type", contentType), data);
    if (response.statusCode() != 201) {
      throw refused("put blob " + container + "/" + blob, response);
    }
  }

  /** A listed blob: its name and length. */
  public record Listed(String name, long length) {
  }

  /** Every blob of {@code container} whose name starts with {@code prefix}, all pages, in name order. */
  public List<Listed> list(String container, String prefix) throws IOException {
    List<Listed> blobs = new ArrayList<>();
    String marker = "";
    do {
      Map<String, String> query = new TreeMap<>(Map.of("restype", "container", "comp", "list", "prefix", prefix));
      if (!marker.isEmpty()) {
        query.put("marker", marker);
      }
      HttpResponse<String> response = send("GET", container, query, Map.of(), null);
      if (response.statusCode() != 200) {
        throw refused("list blobs of " + container, response);
      }
      org.w3c.dom.Document page = xml(response.body());
      org.w3c.dom.NodeList found = page.getElementsByTagName("Blob");
      for (int i = 0; i < found.getLength(); i++) {
        org.w3c.dom.Element blob = (org.w3c.dom.Element) found.item(i);
        blobs.add(new Listed(text(blob, "Name"), Long.parseLong(text(blob, "Content-Length"))));
      }
      marker = text(page.getDocumentElement(), "NextMarker");
    } while (!marker.isEmpty());
    return blobs;
  }

  /** {@code length} bytes of a blob from {@code offset} (fewer at its end). */
  public byte[] read(String container, String blob, long offset, int length) throws IOException {
    HttpResponse<byte[]> response = send("GET", container + "/" + encodePath(blob), Map.of(),
        Map.of("x-ms-range", "bytes=" + offset + "-" + (offset + length - 1)), null,
        HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != 200 && response.statusCode() != 206) {
      String code = response.headers().firstValue("x-ms-error-code").orElse("");
      throw new BlobRequestException("the blob service refused to read " + container + "/" + blob + ": HTTP "
          + response.statusCode() + (code.isEmpty() ? "" : " " + code), response.statusCode(), code);
    }
    return response.body();
  }

  private static org.w3c.dom.Document xml(String body) throws IOException {
    try {
      javax.xml.parsers.DocumentBuilderFactory factory = javax.xml.parsers.DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      return factory.newDocumentBuilder().parse(new java.io.ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    } catch (javax.xml.parsers.ParserConfigurationException | org.xml.sax.SAXException e) {
      throw new IOException("the blob service answered a list that is not XML", e);
    }
  }

  /** The text of the first descendant named {@code tag}, or "". */
  private static String text(org.w3c.dom.Element parent, String tag) {
    org.w3c.dom.NodeList nodes = parent.getElementsByTagName(tag);
    return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent();
  }

  private HttpResponse<String> send(String method, String path, Map<String, String> query,
      Map<String, String> headers, byte[] body) throws IOException {
    return send(method, path, query, headers, body, HttpResponse.BodyHandlers.ofString());
  }

  private <T> HttpResponse<T> send(String method, String path, Map<String, String> query,
      Map<String, String> headers, byte[] body, HttpResponse.BodyHandler<T> handler) throws IOException {
    StringBuilder url = new StringBuilder(endpoint).append(path);
    char separator = '?';
    for (Map.Entry<String, String> parameter : new TreeMap<>(query).entrySet()) {
      url.append(separator).append(parameter.getKey()).append('=')
          .append(java.net.URLEncoder.encode(parameter.getValue(), StandardCharsets.UTF_8));
      separator = '&';
    }
    URI uri = URI.create(url.toString());
    Map<String, String> all = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    all.putAll(headers);
    all.put("x-ms-date", HTTP_DATE.format(ZonedDateTime.now(ZoneOffset.UTC)));
    all.put("x-ms-version", VERSION);
    long length = body == null ? 0 : body.length;
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(2))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    all.forEach(request::header);
    request.header("Authorization", "SharedKey " + account + ":" + sign(method, uri, all, length));
    try {
      return http.send(request.build(), handler);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while calling the blob service", e);
    }
  }

  /** Shared Key, as the Blob service defines it for versions since 2015-02-21. */
  private String sign(String method, URI uri, Map<String, String> headers, long length) {
    StringBuilder toSign = new StringBuilder(method).append('\n');
    toSign.append(headers.getOrDefault("Content-Encoding", "")).append('\n');
    toSign.append(headers.getOrDefault("Content-Language", "")).append('\n');
    toSign.append(length == 0 ? "" : Long.toString(length)).append('\n');
    toSign.append(headers.getOrDefault("Content-MD5", "")).append('\n');
    toSign.append(headers.getOrDefault("Content-Type", "")).append('\n');
    toSign.append('\n'); // Date: x-ms-date is sent instead
    toSign.append("\n\n\n\n\n"); // If-Modified-Since, If-Match, If-None-Match, If-Unmodified-Since, Range
    headers.entrySet().stream()
        .filter(h -> h.getKey().toLowerCase(Locale.ROOT).startsWith("x-ms-"))
        .map(h -> h.getKey().toLowerCase(Locale.ROOT) + ":" + h.getValue().strip())
        .sorted()
        .forEach(h -> toSign.append(h).append('\n'));
    toSign.append('/').append(account).append(uri.getRawPath());
    if (uri.getRawQuery() != null) {
      Map<String, List<String>> parameters = new TreeMap<>();
      for (String pair : uri.getRawQuery().split("&")) {
        String[] kv = pair.split("=", 2);
        parameters.computeIfAbsent(URLDecoder.decode(kv[0], StandardCharsets.UTF_8).toLowerCase(Locale.ROOT),
            k -> new ArrayList<>()).add(kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
      }
      parameters.forEach((name, values) -> toSign.append('\n').append(name).append(':')
          .append(String.join(",", values.stream().sorted().toList())));
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return Base64.getEncoder().encodeToString(mac.doFinal(toSign.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }

  private static BlobRequestException refused(String what, HttpResponse<String> response) {
    String code = response.headers().firstValue("x-ms-error-code").orElse("");
    return new BlobRequestException("the blob service refused to " + what + ": HTTP " + response.statusCode()
        + (code.isEmpty() ? "" : " " + code), response.statusCode(), code);
  }

  /** Each path segment percent-encoded (RFC 3986 unreserved characters kept), slashes kept. */
  public static String encodePath(String path) {
    StringBuilder out = new StringBuilder();
    for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-._~/".indexOf(c) >= 0) {
        out.append(c);
      } else {
        out.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return out.toString();
  }
}
