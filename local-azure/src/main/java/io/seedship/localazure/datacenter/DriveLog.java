package io.seedship.localazure.datacenter;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * What happened to one drive, as the copy log ({@code DriveLog}, Version 2014-11-01, formats doc 2.2) records it.
 * The verbose log holds every blob and block; the error log only the blobs that failed and, in them, only the failing
 * blocks, as the published error log keeps only the Corrupted range of its blob.
 */
final class DriveLog {

  static final String VERSION = "2014-11-01";
  /** Block statuses that are failures (Completed, Committed and Uncommitted are not, nor Cancelled by itself). */
  private static final Set<String> FAILED_BLOCK = Set.of("Corrupted", "FileUnexpectedEnd", "BlobUnexpectedEnd",
      "BlobRequestFailed", "IOFailed", "Failed");

  record BlockEntry(long offset, long length, String id, String hash, String status) {
  }

  static final class BlobEntry {
    String blobPath;
    final String filePath;
    final long length;
    final String importDisposition;
    String importDispositionStatus;
    String status;
    final boolean pageBlob;
    final List<BlockEntry> blocks = new ArrayList<>();

    BlobEntry(Manifest.Entry entry) {
      this.blobPath = entry.blobPath();
      this.filePath = entry.filePath();
      this.length = entry.length();
      this.importDisposition = entry.importDisposition();
      this.pageBlob = entry.pageBlob();
    }

    boolean failed() {
      return !status.equals("Completed");
    }
  }

  final String driveId;
  final List<BlobEntry> blobs = new ArrayList<>();
  String status;

  DriveLog(String driveId) {
    this.driveId = driveId;
  }

  byte[] verbose() {
    return write(false);
  }

  byte[] errors() {
    return write(true);
  }

  private byte[] write(boolean errorsOnly) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
      xml.writeStartDocument("UTF-8", "1.0");
      xml.writeCharacters("\n");
      xml.writeStartElement("DriveLog");
      xml.writeAttribute("Version", VERSION);
      text(xml, 1, "DriveId", driveId);
      for (BlobEntry blob : blobs) {
        if (errorsOnly && !blob.failed()) {
          continue;
        }
        indent(xml, 1);
        xml.writeStartElement("Blob");
        xml.writeAttribute("Status", blob.status);
        text(xml, 2, "BlobPath", blob.blobPath);
        text(xml, 2, "FilePath", blob.filePath);
        text(xml, 2, "Length", Long.toString(blob.length));
        if (blob.importDispositionStatus != null) {
          indent(xml, 2);
          xml.writeStartElement("ImportDisposition");
          xml.writeAttribute("Status", blob.importDispositionStatus);
          xml.writeCharacters(blob.importDisposition);
          xml.writeEndElement();
        }
        List<BlockEntry> blocks = errorsOnly
            ? blob.blocks.stream().filter(b -> FAILED_BLOCK.contains(b.status())).toList() : blob.blocks;
        indent(xml, 2);
        xml.writeStartElement(blob.pageBlob ? "PageRangeList" : "BlockList");
        for (BlockEntry block : blocks) {
          indent(xml, 3);
          xml.writeEmptyElement(blob.pageBlob ? "PageRange" : "Block");
          xml.writeAttribute("Offset", Long.toString(block.offset()));
          xml.writeAttribute("Length", Long.toString(block.length()));
          if (!blob.pageBlob && block.id() != null) {
            xml.writeAttribute("Id", block.id());
          }
          if (block.hash() != null) {
            xml.writeAttribute("Hash", block.hash());
          }
          xml.writeAttribute("Status", block.status());
        }
        indent(xml, 2);
        xml.writeEndElement();
        indent(xml, 1);
        xml.writeEndElement();
      }
      text(xml, 1, "Status", status);
      xml.writeCharacters("\n");
      xml.writeEndElement();
      xml.writeCharacters("\n");
      xml.writeEndDocument();
      xml.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("cannot write the copy log", e);
    }
    return out.toByteArray();
  }

  private static void text(XMLStreamWriter xml, int depth, String element, String value) throws XMLStreamException {
    indent(xml, depth);
    xml.writeStartElement(element);
    xml.writeCharacters(value);
    xml.writeEndElement();
  }

  private static void indent(XMLStreamWriter xml, int depth) throws XMLStreamException {
    xml.writeCharacters("\n" + "  ".repeat(depth));
  }
}
