package io.seedship.driveformat.ntfs;

import java.util.ArrayList;
import java.util.List;

/** Decodes NTFS mapping pairs (the compressed runlist of a non-resident attribute extent). */
final class Runlist {

    private Runlist() {
    }

    /**
     * Each pair starts with a header byte: low nibble = size of the run length field, high nibble = size of
     * the LCN field, which holds a signed delta from the previous run's LCN (the first delta is from 0 in
     * every attribute extent). An LCN field of size 0 is a sparse run; a 0 header ends the list.
     */
    static List<Extent> decode(byte[] b, int pos, int end, long lowestVcn, long recordNumber) throws NtfsException {
        List<Extent> runs = new ArrayList<>();
        long vcn = lowestVcn;
        long lcn = 0;
        while (true) {
            if (pos >= end) {
                throw NtfsException.record(recordNumber, "runlist runs past its attribute without a terminator");
            }
            int header = b[pos++] & 0xff;
            if (header == 0) {
                return runs;
            }
            int lengthSize = header & 0x0f;
            int lcnSize = header >>> 4;
            if (lengthSize == 0 || lengthSize > 8 || lcnSize > 8 || pos + lengthSize + lcnSize > end) {
                throw NtfsException.record(recordNumber, "bad runlist pair header 0x" + Integer.toHexString(header)
                        + " at VCN " + vcn);
            }
            long length = Bytes.signed(b, pos, lengthSize);
            pos += lengthSize;
            if (length <= 0) {
                throw NtfsException.record(recordNumber, "runlist run of " + length + " clusters at VCN " + vcn);
            }
            if (lcnSize == 0) {
                runs.add(new Extent(vcn, Extent.SPARSE, length));
            } else {
                lcn += Bytes.signed(b, pos, lcnSize);
                pos += lcnSize;
                if (lcn < 0) {
                    throw NtfsException.record(recordNumber, "runlist gives negative LCN " + lcn + " at VCN " + vcn);
                }
                runs.add(new Extent(vcn, lcn, length));
            }
            vcn += length;
        }
    }
}
