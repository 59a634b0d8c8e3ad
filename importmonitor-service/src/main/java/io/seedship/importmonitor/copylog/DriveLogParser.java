package io.seedship.importmonitor.copylog;

import io.seedship.contracts.importjob.FailedBlob;
import io.seedship.contracts.importjob.FailedBlock;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Reads the datacenter's copy log ({@code DriveLog} Version 2014-11-01, formats doc 2.2): the drive status and every
 * blob that failed, with its failed blocks or page ranges. The log comes from a storage account, so no DTD, external
 * entity or XInclude is ever resolved.
 */
public final class DriveLogParser {

  /** Block and page-range statuses that are not failures (formats doc 2.3). */
  private static final Set<String> BLOCK_OK = Set.of("Completed", "Committed", "Uncommitted", "Cancelled");

  /** What the log says. */
  public record DriveLogReport(String driveId, String driveStatus, int blobs, List<FailedBlob> failedBlobs) {
  }

  private DriveLogParser() {
  }

  public static DriveLogReport parse(byte[] xml) {
    try {
      Document doc = builder().parse(new ByteArrayInputStream(xml));
      Element root = doc.getDocumentElement();
      if (!"DriveLog".equals(root.getTagName())) {
        throw new IllegalArgumentException("not a DriveLog: the root element is " + root.getTagName());
      }
      String driveId = null;
      String status = null;
      int blobs = 0;
      List<FailedBlob> failed = new ArrayList<>();
      for (Element child : children(root)) {
        switch (child.getTagName()) {
          case "DriveId" -> driveId = child.getTextContent().trim();
          case "Status" -> status = child.getTextContent().trim();
          case "Blob" -> {
            blobs++;
            FailedBlob blob = failedBlob(child);
            if (blob != null) {
              failed.add(blob);
            }
          }
          default -> { }
        }
      }
      if (status == null) {
        throw new IllegalArgumentException("the DriveLog has no drive Status");
      }
      return new DriveLogReport(driveId, status, blobs, failed);
    } catch (IllegalArgumentException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalArgumentException("the copy log is not a readable DriveLog: " + e.getMessage(), e);
    }
  }

  /** The blob when it or one of its blocks failed; null otherwise. */
  private static FailedBlob failedBlob(Element blob) {
    String status = blob.getAttribute("Status");
    String path = null;
    String file = null;
    List<FailedBlock> blocks = new ArrayList<>();
    for (Element e : children(blob)) {
      switch (e.getTagName()) {
        case "BlobPath" -> path = e.getTextContent().trim();
        case "FilePath" -> file = e.getTextContent().trim();
        case "BlockList", "PageRangeList" -> {
          for (Element block : children(e)) {
            String blockStatus = block.getAttribute("Status");
            if (!BLOCK_OK.contains(blockStatus)) {
              blocks.add(FailedBlock.newBuilder().setOffset(number(block, "Offset")).setLength(number(block, "Length"))
                  .setBlockId(block.hasAttribute("Id") ? block.getAttribute("Id") : null).setStatus(blockStatus)
                  .build());
            }
          }
        }
        default -> { }
      }
    }
    if (status.equals("Completed") && blocks.isEmpty()) {
      return null;
    }
    return FailedBlob.newBuilder().setBlobPath(path == null ? "" : path).setFilePath(file).setStatus(status)
        .setFailedBlocks(blocks).build();
  }

  private static long number(Element e, String attribute) {
    String value = e.getAttribute(attribute);
    return value.isEmpty() ? 0 : Long.parseLong(value.trim());
  }

  private static List<Element> children(Element parent) {
    List<Element> elements = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e) {
        elements.add(e);
      }
    }
    return elements;
  }

  private static DocumentBuilder builder() throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
    factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
    factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    factory.setXIncludeAware(false);
    factory.setExpandEntityReferences(false);
    factory.setNamespaceAware(false);
    return factory.newDocumentBuilder();
  }
}
