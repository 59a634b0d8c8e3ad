package io.seedship.cert.serverfiles;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.XMLStreamWriter;

/** {@link OfflineApplicationParams} to and from our XML format (described in the package documentation). */
final class ParamsXml {

  static final String NAMESPACE = "urn:seedship:offline-application-params:1";
  static final String ROOT = "OfflineApplicationParams";
  static final String SCHEMA_VERSION = "1";
  /** CRLF: the files are read on Windows, by people too. */
  private static final String NEWLINE = "\r\n";

  /** The elements in document order, with how each is read from its record. */
  private record Field(String element, Function<OfflineApplicationParams, Object> value, boolean required) {}

  private static final List<Field> FIELDS = List.of(
      new Field("CloudName", OfflineApplicationParams::cloudName, true),
      new Field("AuthorityHost", OfflineApplicationParams::authorityHost, true),
      new Field("TenantId", OfflineApplicationParams::tenantId, true),
      new Field("SubscriptionId", OfflineApplicationParams::subscriptionId, true),
      new Field("AzureUserId", OfflineApplicationParams::azureUserId, true),
      new Field("ApplicationId", OfflineApplicationParams::applicationId, true),
      new Field("ObjectId", OfflineApplicationParams::objectId, true),
      new Field("DisplayName", OfflineApplicationParams::displayName, true),
      new Field("ResourceId", OfflineApplicationParams::resourceId, true),
      new Field("CertificateSubject", OfflineApplicationParams::certificateSubject, true),
      new Field("CertificateThumbprint", OfflineApplicationParams::thumbprint, true),
      new Field("NotBefore", OfflineApplicationParams::notBefore, true),
      new Field("NotAfter", OfflineApplicationParams::notAfter, true),
      new Field("StorageAccount", OfflineApplicationParams::storageAccount, false),
      new Field("ResourceGroup", OfflineApplicationParams::resourceGroup, false));

  private static final XMLOutputFactory OUTPUT = XMLOutputFactory.newFactory();
  private static final XMLInputFactory INPUT = newInputFactory();

  private ParamsXml() {}

  /** UTF-8, one element per field, absent optional fields left out; the same params always give the same bytes. */
  static byte[] write(OfflineApplicationParams params) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      XMLStreamWriter xml = OUTPUT.createXMLStreamWriter(out, "UTF-8");
      xml.writeStartDocument("UTF-8", "1.0");
      xml.writeCharacters(NEWLINE);
      xml.setDefaultNamespace(NAMESPACE);
      xml.writeStartElement(NAMESPACE, ROOT);
      xml.writeDefaultNamespace(NAMESPACE);
      xml.writeAttribute("SchemaVersion", SCHEMA_VERSION);
      for (Field field : FIELDS) {
        Object value = field.value().apply(params);
        if (value != null) {
          xml.writeCharacters(NEWLINE + "  ");
          xml.writeStartElement(NAMESPACE, field.element());
          xml.writeCharacters(value.toString());
          xml.writeEndElement();
        }
      }
      xml.writeCharacters(NEWLINE);
      xml.writeEndElement();
      xml.writeCharacters(NEWLINE);
      xml.writeEndDocument();
      xml.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("could not write " + ROOT + " XML: " + e.getMessage(), e);
    }
    return out.toByteArray();
  }

  /**
   * Reads and checks a document; refuses DTDs, other roots, namespaces or schema versions, unknown, repeated or
   * missing elements, and values that break {@link OfflineApplicationParams}' rules.
   *
   * @throws IllegalArgumentException saying what is wrong, naming the element
   */
  static OfflineApplicationParams read(InputStream in) throws XMLStreamException {
    XMLStreamReader xml = INPUT.createXMLStreamReader(in);
    try {
      Map<String, String> values = new LinkedHashMap<>();
      boolean inRoot = false;
      while (xml.hasNext()) {
        int event = xml.next();
        if (event == XMLStreamConstants.DTD) {
          throw new IllegalArgumentException("DTDs are not allowed in " + ROOT + " files");
        }
        if (event != XMLStreamConstants.START_ELEMENT) {
          continue;
        }
        if (!inRoot) {
          checkRoot(xml);
          inRoot = true;
          continue;
        }
        String element = xml.getLocalName();
        if (!NAMESPACE.equals(xml.getNamespaceURI()) || FIELDS.stream().noneMatch(f -> f.element().equals(element))) {
          throw new IllegalArgumentException("unknown element " + element + " in " + ROOT);
        }
        if (values.put(element, xml.getElementText().strip()) != null) {
          throw new IllegalArgumentException("element " + element + " appears twice");
        }
      }
      if (!inRoot) {
        throw new IllegalArgumentException("no " + ROOT + " element");
      }
      for (Field field : FIELDS) {
        if (field.required() && !values.containsKey(field.element())) {
          throw new IllegalArgumentException("element " + field.element() + " is missing");
        }
      }
      return new OfflineApplicationParams(values.get("CloudName"), uri(values.get("AuthorityHost")),
          values.get("TenantId"), values.get("SubscriptionId"), values.get("AzureUserId"), values.get("ApplicationId"),
          values.get("ObjectId"), values.get("DisplayName"), values.get("ResourceId"), values.get("CertificateSubject"),
          values.get("CertificateThumbprint"), instant("NotBefore", values.get("NotBefore")),
          instant("NotAfter", values.get("NotAfter")), values.get("StorageAccount"), values.get("ResourceGroup"));
    } finally {
      xml.close();
    }
  }

  private static void checkRoot(XMLStreamReader xml) {
    if (!ROOT.equals(xml.getLocalName()) || !NAMESPACE.equals(xml.getNamespaceURI())) {
      throw new IllegalArgumentException("the root element must be " + ROOT + " in namespace " + NAMESPACE);
    }
    String version = xml.getAttributeValue(null, "SchemaVersion");
    if (!SCHEMA_VERSION.equals(version)) {
      throw new IllegalArgumentException("SchemaVersion must be " + SCHEMA_VERSION);
    }
  }

  private static URI uri(String value) {
    try {
      return new URI(value);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("AuthorityHost must be a URL");
    }
  }

  private static Instant instant(String element, String value) {
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(element + " must be an ISO-8601 UTC time like 2026-03-14T09:21:53Z");
    }
  }

  private static XMLInputFactory newInputFactory() {
    XMLInputFactory factory = XMLInputFactory.newFactory();
    // no DTDs, no external entities: the file may come back from a server we do not control
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    return factory;
  }
}
