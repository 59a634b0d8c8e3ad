package io.seedship.driveformat.manifest;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes and reads the DriveManifest XML, version 2014-11-01, held to its published grammar where the samples differ:
 * <ul>
 * <li>{@code BlobPath} is written as the format defines it, "relative to the account, starting with container name"
 * ({@code seeds/dir/file}, as the export blob list sample has it), without the leading slash the model
 * ({@link ManifestBlob#blobPath()}) keeps; a leading slash is accepted when read.</li>
 * <li>Each {@code Block} carries an {@code Id}: the grammar allows it ({@code [Id="block-id"]}, all present or all
 * absent), every published sample has one, and the service then need not invent them. They are Base64 of the block's
 * index, 4 bytes little-endian, as in the RepairExport sample.</li>
 * <li>No {@code ClientCreator}: it is not in the 2014-11-01 grammar, only in samples of versions 2011-*; it is still
 * accepted when read.</li>
 * </ul>
 * The output is deterministic and its length depends only on the structure
 * (every hash has a fixed width), so a writer can preallocate the manifest file before the block hashes are known.
 */
public final class ManifestXml {

    private static final XMLOutputFactory OUTPUT = XMLOutputFactory.newFactory();
    private static final XMLInputFactory INPUT = newInputFactory();

    private ManifestXml() {
    }

    public static byte[] write(DriveManifest manifest) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            XMLStreamWriter xml = OUTPUT.createXMLStreamWriter(out, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\r\n");
            xml.writeStartElement("DriveManifest");
            xml.writeAttribute("Version", DriveManifest.VERSION);
            newline(xml, 1);
            xml.writeStartElement("Drive");
            element(xml, 2, "DriveId", manifest.driveId());
            // no ClientCreator: it is not in the 2014-11-01 grammar (only in samples of versions 2011-*)
            newline(xml, 2);
            xml.writeStartElement("BlobList");
            for (ManifestBlob blob : manifest.blobs()) {
                newline(xml, 3);
                xml.writeStartElement("Blob");
                // the format: "relative to the account, starting with container name"; the model keeps "/container/name"
                element(xml, 4, "BlobPath", blob.blobPath().startsWith("/") ? blob.blobPath().substring(1) : blob.blobPath());
                element(xml, 4, "FilePath", blob.filePath());
                element(xml, 4, "Length", Long.toString(blob.length()));
                element(xml, 4, "ImportDisposition", blob.importDisposition());
                newline(xml, 4);
                xml.writeStartElement("BlockList");
                for (int b = 0; b < blob.blocks().size(); b++) {
                    ManifestBlock block = blob.blocks().get(b);
                    newline(xml, 5);
                    xml.writeEmptyElement("Block");
                    xml.writeAttribute("Offset", Long.toString(block.offset()));
                    xml.writeAttribute("Length", Long.toString(block.length()));
                    xml.writeAttribute("Id", blockId(b));
                    xml.writeAttribute("Hash", block.md5());
                }
                newline(xml, 4);
                xml.writeEndElement();
                newline(xml, 3);
                xml.writeEndElement();
            }
            newline(xml, 2);
            xml.writeEndElement();
            newline(xml, 1);
            xml.writeEndElement();
            xml.writeCharacters("\r\n");
            xml.writeEndElement();
            xml.writeCharacters("\r\n");
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write the drive manifest", e);
        }
        return out.toByteArray();
    }

    public static DriveManifest read(InputStream in) throws ManifestException {
        try {
            XMLStreamReader xml = INPUT.createXMLStreamReader(in);
            String driveId = null;
            String creator = null;
            List<ManifestBlob> blobs = new ArrayList<>();
            BlobFields blob = null;
            StringBuilder text = new StringBuilder();
            boolean sawRoot = false;
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    text.setLength(0);
                    switch (xml.getLocalName()) {
                        case "DriveManifest" -> {
                            sawRoot = true;
                            String version = xml.getAttributeValue(null, "Version");
                            if (!DriveManifest.VERSION.equals(version)) {
                                throw new ManifestException("DriveManifest Version must be " + DriveManifest.VERSION + ", was " + version);
                            }
                        }
                        case "Blob" -> blob = new BlobFields();
                        case "Block" -> {
                            if (blob == null) {
                                throw new ManifestException("Block outside a Blob at line " + xml.getLocation().getLineNumber());
                            }
                            blob.blocks.add(new ManifestBlock(
                                    number(xml.getAttributeValue(null, "Offset"), "Block/@Offset"),
                                    number(xml.getAttributeValue(null, "Length"), "Block/@Length"),
                                    xml.getAttributeValue(null, "Hash")));
                        }
                        default -> {
                        }
                    }
                } else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) {
                    text.append(xml.getText());
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    String value = text.toString().trim();
                    switch (xml.getLocalName()) {
                        case "DriveId" -> driveId = value;
                        case "ClientCreator" -> creator = value;
                        case "BlobPath" -> blob.blobPath = value.startsWith("/") ? value : "/" + value;
                        case "FilePath" -> blob.filePath = value;
                        case "Length" -> blob.length = number(value, "Blob/Length");
                        case "ImportDisposition" -> blob.disposition = value;
                        case "Blob" -> {
                            blobs.add(new ManifestBlob(blob.blobPath, blob.filePath, blob.length, blob.disposition, blob.blocks));
                            blob = null;
                        }
                        default -> {
                        }
                    }
                    text.setLength(0);
                }
            }
            if (!sawRoot) {
                throw new ManifestException("not a DriveManifest: no DriveManifest element");
            }
            return new DriveManifest(driveId, creator, blobs);
        } catch (XMLStreamException e) {
            throw new ManifestException("the drive manifest is not well-formed XML: " + e.getMessage());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ManifestException("the drive manifest is invalid: " + e.getMessage());
        }
    }

    /**
     * A block's Id as the published samples have them: Base64 of its index as 4 bytes little-endian ("AAAAAA==",
     * "AQAAAA==", ...), so every Id of a blob has the same length, as Put Block requires, and the manifest's length
     * still depends only on its structure.
     */
    static String blockId(int index) {
        byte[] bytes = {(byte) index, (byte) (index >>> 8), (byte) (index >>> 16), (byte) (index >>> 24)};
        return java.util.Base64.getEncoder().encodeToString(bytes);
    }

    private static long number(String value, String field) throws ManifestException {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new ManifestException(field + " must be a whole number, was '" + value + "'");
        }
    }

    private static void element(XMLStreamWriter xml, int depth, String name, String value) throws XMLStreamException {
        newline(xml, depth);
        xml.writeStartElement(name);
        xml.writeCharacters(value);
        xml.writeEndElement();
    }

    private static void newline(XMLStreamWriter xml, int depth) throws XMLStreamException {
        xml.writeCharacters("\r\n" + "  ".repeat(depth));
    }

    private static XMLInputFactory newInputFactory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        // a manifest is data from a drive: no DTDs, no external entities
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        return factory;
    }

    private static final class BlobFields {
        String blobPath;
        String filePath;
        long length = -1;
        String disposition;
        final List<ManifestBlock> blocks = new ArrayList<>();
    }
}
