package io.seedship.localazure.datacenter;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * A DriveManifest as the datacenter reads it (formats doc 1.2-1.3), written here and not shared with Seedship's
 * writer on purpose: the datacenter is the independent reader that catches a writer's mistakes. Only what an import
 * needs is kept; credentials ({@code StorageAccountKey}, {@code ContainerSas}) are skipped, the job's account is used.
 */
record Manifest(String version, String driveId, List<Entry> blobs) {

  static final long MAX_BLOCK = 4L * 1024 * 1024;
  static final int MAX_BLOCKS = 50_000;
  private static final Pattern MD5_HEX = Pattern.compile("[0-9A-Fa-f]{32}");

  /** One blob; {@code pageBlob} when it came with a PageRangeList (its ranges are in {@code blocks}). */
  record Entry(String blobPath, String filePath, long length, String importDisposition, boolean pageBlob,
      List<Block> blocks) {

    String container() {
      return blobPath.substring(0, blobPath.indexOf('/'));
    }

    String blobName() {
      return blobPath.substring(blobPath.indexOf('/') + 1);
    }
  }

  /** A block (or page range); {@code id} is the manifest's or, when the manifest has none, Base64 of the index. */
  record Block(long offset, long length, String id, String hash) {
  }

  /** Parses and checks the manifest; anything that breaks the format is a ManifestFormatInvalid drive. */
  static Manifest parse(byte[] xml) throws DriveFailure {
    try {
      return new Parser(xml).parse();
    } catch (XMLStreamException | RuntimeException e) {
      throw new DriveFailure("ManifestFormatInvalid", "the drive manifest is not well-formed XML: " + e.getMessage());
    }
  }

  private static final class Parser {
    private final XMLStreamReader xml;
    private String version;
    private String driveId;
    private final List<Entry> blobs = new ArrayList<>();

    Parser(byte[] bytes) throws XMLStreamException {
      XMLInputFactory factory = XMLInputFactory.newFactory();
      factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
      factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
      factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      this.xml = factory.createXMLStreamReader(new ByteArrayInputStream(bytes));
    }

    Manifest parse() throws XMLStreamException, DriveFailure {
      xml.nextTag();
      if (!xml.getLocalName().equals("DriveManifest")) {
        throw invalid("the root element is " + xml.getLocalName() + ", not DriveManifest");
      }
      version = xml.getAttributeValue(null, "Version");
      if (version == null || version.isBlank()) {
        throw invalid("DriveManifest has no Version attribute");
      }
      boolean sawDrive = false;
      while (xml.nextTag() == XMLStreamConstants.START_ELEMENT) {
        if (!xml.getLocalName().equals("Drive") || sawDrive) {
          throw invalid("DriveManifest must hold exactly one Drive, found " + xml.getLocalName());
        }
        sawDrive = true;
        drive();
      }
      if (driveId == null) {
        throw invalid("the manifest names no DriveId");
      }
      return new Manifest(version, driveId, List.copyOf(blobs));
    }

    private void drive() throws XMLStreamException, DriveFailure {
      while (xml.nextTag() == XMLStreamConstants.START_ELEMENT) {
        switch (xml.getLocalName()) {
          case "DriveId" -> {
            if (!blobs.isEmpty()) {
              throw invalid("DriveId must come before any BlobList");
            }
            driveId = xml.getElementText().trim();
          }
          case "BlobList" -> blobList();
          default -> xml.getElementText(); // StorageAccountKey, ContainerSas, ClientCreator: not needed here
        }
      }
    }

    private void blobList() throws XMLStreamException, DriveFailure {
      while (xml.nextTag() == XMLStreamConstants.START_ELEMENT) {
        switch (xml.getLocalName()) {
          case "Blob" -> blobs.add(blob());
          case "MetadataPath", "PropertiesPath" -> xml.getElementText();
          default -> throw invalid("unexpected " + xml.getLocalName() + " in a BlobList");
        }
      }
    }

    private Entry blob() throws XMLStreamException, DriveFailure {
      String blobPath = null;
      String filePath = null;
      Long length = null;
      String disposition = "rename";
      Boolean page = null;
      List<Block> blocks = new ArrayList<>();
      while (xml.nextTag() == XMLStreamConstants.START_ELEMENT) {
        switch (xml.getLocalName()) {
          case "BlobPath" -> blobPath = xml.getElementText().trim();
          case "FilePath" -> filePath = xml.getElementText().trim();
          case "Length" -> length = number(xml.getElementText().trim(), "Blob/Length");
          case "ImportDisposition" -> disposition = xml.getElementText().trim();
          case "BlockList", "PageRangeList" -> {
            if (page != null) {
              throw invalid("blob " + blobPath + " has more than one BlockList or PageRangeList");
            }
            page = xml.getLocalName().equals("PageRangeList");
            ranges(blocks, page);
          }
          default -> xml.getElementText(); // ClientData, Snapshot, MetadataPath, PropertiesPath
        }
      }
      if (blobPath == null || filePath == null || length == null || page == null) {
        throw invalid("a Blob lacks BlobPath, FilePath, Length or its BlockList (blob " + blobPath + ")");
      }
      // the format: relative to the account, starting with the container; a leading slash is tolerated
      String path = blobPath.startsWith("/") ? blobPath.substring(1) : blobPath;
      if (path.indexOf('/') <= 0 || path.endsWith("/")) {
        throw invalid("BlobPath '" + blobPath + "' is not <container>/<blob name>");
      }
      if (!List.of("rename", "no-overwrite", "overwrite").contains(disposition)) {
        throw invalid("blob " + blobPath + ": ImportDisposition '" + disposition
            + "' is not rename, no-overwrite or overwrite");
      }
      checkCoverage(path, length, blocks, page);
      return new Entry(path, filePath, length, disposition, page, List.copyOf(blocks));
    }

    private void ranges(List<Block> blocks, boolean page) throws XMLStreamException, DriveFailure {
      String element = page ? "PageRange" : "Block";
      int withId = 0;
      while (xml.nextTag() == XMLStreamConstants.START_ELEMENT) {
        if (!xml.getLocalName().equals(element)) {
          throw invalid("unexpected " + xml.getLocalName() + " where " + element + " elements belong");
        }
        long offset = number(xml.getAttributeValue(null, "Offset"), element + "/@Offset");
        long length = number(xml.getAttributeValue(null, "Length"), element + "/@Length");
        String hash = xml.getAttributeValue(null, "Hash");
        String id = page ? null : xml.getAttributeValue(null, "Id");
        // published samples carry a leading space in some hashes: tolerated
        hash = hash == null ? null : hash.trim();
        if (hash == null || !MD5_HEX.matcher(hash).matches()) {
          throw invalid(element + " at offset " + offset + " has no Base16 MD5 Hash");
        }
        if (id != null) {
          withId++;
        }
        blocks.add(new Block(offset, length, id != null ? id : defaultId(blocks.size()), hash.toUpperCase()));
        xml.nextTag();
      }
      if (withId != 0 && withId != blocks.size()) {
        throw invalid("block Ids must be given for all blocks of a blob or for none");
      }
    }

    private void checkCoverage(String path, long length, List<Block> blocks, boolean page) throws DriveFailure {
      if (blocks.size() > MAX_BLOCKS) {
        throw invalid("blob " + path + " has " + blocks.size() + " blocks; at most " + MAX_BLOCKS + " are allowed");
      }
      long next = 0;
      for (Block block : blocks) {
        if (block.length() <= 0 || block.length() > MAX_BLOCK) {
          throw invalid("blob " + path + ": the range at " + block.offset() + " is " + block.length()
              + " bytes; each must be 1 to " + MAX_BLOCK);
        }
        if (page ? block.offset() < next : block.offset() != next) {
          throw invalid("blob " + path + ": the range at " + block.offset() + " should start at " + next
              + (page ? " or later (ranges in order, not overlapping)" : " (blocks in order, without gaps)"));
        }
        next = block.offset() + block.length();
      }
      if (page ? next > length : next != length) {
        throw invalid("blob " + path + ": its ranges end at " + next + " but its Length is " + length);
      }
    }

    private static long number(String text, String what) throws DriveFailure {
      try {
        long value = Long.parseLong(text == null ? "" : text.trim());
        if (value < 0) {
          throw invalid(what + " is negative");
        }
        return value;
      } catch (NumberFormatException e) {
        throw invalid(what + " '" + text + "' is not a number");
      }
    }

    private static DriveFailure invalid(String message) {
      return new DriveFailure("ManifestFormatInvalid", message);
    }
  }

  /** The Id the published samples use when the tool numbers blocks: Base64 of the index, 4 bytes little-endian. */
  static String defaultId(int index) {
    byte[] le = {(byte) index, (byte) (index >>> 8), (byte) (index >>> 16), (byte) (index >>> 24)};
    return Base64.getEncoder().encodeToString(le);
  }
}
