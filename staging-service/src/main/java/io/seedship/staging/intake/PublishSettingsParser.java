package io.seedship.staging.intake;

import io.seedship.staging.intake.PublishSettings.SchemaVersion;
import io.seedship.staging.intake.PublishSettings.Subscription;
import io.seedship.staging.source.FileTypes;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads a publish-settings file with StAX. DTDs are refused outright: a publish-settings file never has one, and a
 * DTD is how an XML file makes its reader open other files or expand entities (XXE, billion laughs).
 */
final class PublishSettingsParser {

  /** A publish-settings file holds a few KB per subscription; anything far larger is the wrong file. */
  static final long MAX_BYTES = 4L << 20;
  private static final String SERVICE_MANAGEMENT = "AzureServiceManagementAPI";
  /** Parser messages do not quote attribute values, but a base64 run is cut anyway: it could only be a secret. */
  private static final Pattern BASE64_RUN = Pattern.compile("[A-Za-z0-9+/=]{32,}");

  private final Path file;
  private final XMLStreamReader xml;
  private final List<Subscription> subscriptions = new ArrayList<>();
  private final Set<String> otherMethods = new LinkedHashSet<>();
  private SchemaVersion version;

  private PublishSettingsParser(Path file, XMLStreamReader xml) {
    this.file = file;
    this.xml = xml;
  }

  static PublishSettings parse(Path file) throws PublishSettingsException {
    byte[] content = read(file);
    XMLStreamReader xml = null;
    try {
      xml = factory().createXMLStreamReader(new ByteArrayInputStream(content));
      return new PublishSettingsParser(file, xml).document();
    } catch (XMLStreamException e) {
      throw new PublishSettingsException(file, "is not well-formed XML" + at(e.getLocation()) + ": " + cleaned(e)
          + "; use the file exactly as the Azure portal downloaded it");
    } finally {
      close(xml);
    }
  }

  /**
   * The file's bytes, at most {@link #MAX_BYTES}. Only a regular file is opened: a device such as /dev/zero reports
   * size 0 and never ends, and opening a fifo blocks until something writes to it. The read stops one byte past the
   * limit whatever size the file reports, so a file that grows while it is read cannot exhaust the heap either.
   */
  private static byte[] read(Path file) throws PublishSettingsException {
    try {
      Path real = file.toRealPath();
      String type = FileTypes.of(real, LinkOption.NOFOLLOW_LINKS);
      if (type.equals(FileTypes.DIRECTORY)) {
        throw new PublishSettingsException(file, "is a directory, not a file; give the path of the"
            + " .publishsettings file itself");
      }
      if (!type.equals(FileTypes.REGULAR_FILE)) {
        throw new PublishSettingsException(file, "is a " + type + (real.equals(file) ? "" : " ('" + real + "')")
            + ", not a regular file; publishSettingsFile must name a regular file, the .publishsettings file"
            + " downloaded from the Azure portal");
      }
      long size = Files.size(real);
      if (size > MAX_BYTES) {
        throw tooLarge(file, ByteSizes.human(size));
      }
      byte[] content;
      try (InputStream in = Files.newInputStream(real, LinkOption.NOFOLLOW_LINKS)) {
        content = in.readNBytes((int) MAX_BYTES + 1);
      }
      if (content.length > MAX_BYTES) {
        throw tooLarge(file, "larger than " + ByteSizes.human(MAX_BYTES));
      }
      return content;
    } catch (NoSuchFileException e) {
      throw new PublishSettingsException(file, "does not exist; check the path (staging-service reads it on its own"
          + " host)");
    } catch (AccessDeniedException e) {
      throw new PublishSettingsException(file, "cannot be read: permission denied; give staging-service's account"
          + " read access to it");
    } catch (IOException e) {
      throw new PublishSettingsException(file, "cannot be read: " + LocalPaths.reason(e));
    }
  }

  private static PublishSettingsException tooLarge(Path file, String size) {
    return new PublishSettingsException(file, "is " + size + ", far too large for a publish-settings file (a few KB"
        + " per subscription; at most " + ByteSizes.human(MAX_BYTES) + " is read); check the path");
  }

  private static XMLInputFactory factory() {
    // The JDK's own StAX implementation, whatever else is on the classpath, so these properties mean what they say.
    XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    return factory;
  }

  private PublishSettings document() throws XMLStreamException, PublishSettingsException {
    if (!toRoot()) {
      throw problem("has no root element; it is not an Azure publish-settings file");
    }
    if (!xml.getLocalName().equals("PublishData")) {
      throw problem("has the root element <" + xml.getLocalName() + ">, not <PublishData>" + here()
          + ": it is not an Azure publish-settings file (an App Service publish profile is not one either);"
          + " download the publish settings of the subscription from the Azure portal");
    }
    while (xml.hasNext()) {
      int event = xml.next();
      if (event == XMLStreamConstants.DTD) {
        throw refusedDtd();
      }
      if (event == XMLStreamConstants.START_ELEMENT && xml.getLocalName().equals("PublishProfile")) {
        profile();
      }
    }
    if (subscriptions.isEmpty()) {
      throw problem("has no subscription: no <Subscription> in a <PublishProfile PublishMethod=\""
          + SERVICE_MANAGEMENT + "\">" + (otherMethods.isEmpty() ? "" : " (its profiles are for "
          + String.join(", ", otherMethods) + ")") + "; download the publish settings of the subscription from"
          + " the Azure portal");
    }
    return new PublishSettings(file, version, subscriptions);
  }

  /** Moves to the root element; false when the document has none. */
  private boolean toRoot() throws XMLStreamException, PublishSettingsException {
    while (xml.hasNext()) {
      int event = xml.next();
      if (event == XMLStreamConstants.DTD) {
        throw refusedDtd();
      }
      if (event == XMLStreamConstants.START_ELEMENT) {
        return true;
      }
    }
    return false;
  }

  /** One PublishProfile, up to its end tag; profiles for other publish methods (FTP, MSDeploy) are skipped. */
  private void profile() throws XMLStreamException, PublishSettingsException {
    String method = attribute("PublishMethod");
    if (method != null && !method.equals(SERVICE_MANAGEMENT)) {
      otherMethods.add(method);
      skipElement();
      return;
    }
    SchemaVersion profileVersion = schemaVersion(attribute("SchemaVersion"));
    if (version != null && version != profileVersion) {
      throw problem("mixes SchemaVersion " + version.label() + " and " + profileVersion.label() + here()
          + "; download the file again from the Azure portal");
    }
    version = profileVersion;
    String profileUrl = attribute("Url");
    boolean profileCertificate = attribute("ManagementCertificate") != null;
    int depth = 1;
    while (depth > 0) {
      int event = xml.next();
      if (event == XMLStreamConstants.START_ELEMENT) {
        depth++;
        if (xml.getLocalName().equals("Subscription")) {
          subscriptions.add(subscription(profileUrl, profileCertificate));
        }
      } else if (event == XMLStreamConstants.END_ELEMENT) {
        depth--;
      }
    }
  }

  private SchemaVersion schemaVersion(String value) throws PublishSettingsException {
    if (value == null || value.equals("1.0")) {
      return SchemaVersion.V1_0;
    }
    if (value.equals("2.0")) {
      return SchemaVersion.V2_0;
    }
    throw problem("has SchemaVersion '" + shortened(value) + "'" + here() + "; Seedship reads schema 1.0 (no"
        + " SchemaVersion) and 2.0, the two the Azure portal writes");
  }

  /**
   * One Subscription. Schema 1.0 puts the URL and certificate on the profile, 2.0 on each subscription; either place
   * is accepted. The certificate is only checked to be there: it is a secret and is not kept.
   */
  private Subscription subscription(String profileUrl, boolean profileCertificate) throws PublishSettingsException {
    String id = attribute("Id");
    if (id == null) {
      throw problem("has a <Subscription> without an Id" + here() + "; download the file again from the Azure"
          + " portal");
    }
    String name = attribute("Name");
    String url = attribute("ServiceManagementUrl") != null ? attribute("ServiceManagementUrl") : profileUrl;
    if (url == null) {
      throw problem("gives no management URL for subscription " + shortened(id) + here() + " (schema 1.0 has Url"
          + " on the PublishProfile, 2.0 ServiceManagementUrl on the Subscription); download the file again");
    }
    if (!profileCertificate && attribute("ManagementCertificate") == null) {
      throw problem("has no ManagementCertificate for subscription " + shortened(id) + here() + "; without it the"
          + " subscription cannot be reached: download the file again from the Azure portal");
    }
    return new Subscription(id, name == null ? "" : name, managementUrl(id, url));
  }

  private URI managementUrl(String id, String url) throws PublishSettingsException {
    try {
      URI uri = new URI(url);
      if (uri.isAbsolute() && uri.getHost() != null) {
        return uri;
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    throw problem("has the management URL '" + shortened(url) + "' for subscription " + shortened(id) + here()
        + ", which is not an absolute URL; download the file again from the Azure portal");
  }

  private void skipElement() throws XMLStreamException {
    int depth = 1;
    while (depth > 0) {
      int event = xml.next();
      if (event == XMLStreamConstants.START_ELEMENT) {
        depth++;
      } else if (event == XMLStreamConstants.END_ELEMENT) {
        depth--;
      }
    }
  }

  /** The attribute's value, or null when it is absent or blank. */
  private String attribute(String name) {
    String value = xml.getAttributeValue(null, name);
    return value == null || value.isBlank() ? null : value.strip();
  }

  private PublishSettingsException refusedDtd() {
    return problem("has a DOCTYPE declaration" + here() + ", which Seedship refuses: publish-settings files have"
        + " none, and a DTD lets an XML file make its reader open other files or expand entities (XXE); use the"
        + " file exactly as the Azure portal downloaded it");
  }

  private PublishSettingsException problem(String what) {
    return new PublishSettingsException(file, what);
  }

  private String here() {
    return " (line " + xml.getLocation().getLineNumber() + ")";
  }

  private static String at(Location location) {
    return location == null ? "" : " at line " + location.getLineNumber() + ", column " + location.getColumnNumber();
  }

  /** The parser's own words, without its "ParseError at [row,col]" preamble (the location is given separately). */
  private static String cleaned(XMLStreamException e) {
    String message = String.valueOf(e.getMessage());
    int start = message.indexOf("Message: ");
    String text = start >= 0 ? message.substring(start + "Message: ".length()) : message;
    String sentence = text.strip().endsWith(".") ? text.strip().substring(0, text.strip().length() - 1) : text.strip();
    return BASE64_RUN.matcher(sentence).replaceAll("[...]");
  }

  private static String shortened(String value) {
    return value.length() <= 80 ? value : value.substring(0, 80) + "...";
  }

  private static void close(XMLStreamReader xml) {
    if (xml != null) {
      try {
        xml.close();
      } catch (XMLStreamException e) {
        // nothing left to release: the content was read into memory
      }
    }
  }
}
