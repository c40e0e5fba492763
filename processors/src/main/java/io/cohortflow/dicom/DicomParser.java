package io.cohortflow.dicom;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The streaming parser behind {@link DicomReader}: walks element headers over a {@link ByteSource},
 * records where each kept value lies, recurses into sequences and checks every declared length
 * against the bytes really there. One instance reads one file.
 */
final class DicomParser {
  private static final long UNDEFINED_LENGTH = 0xFFFFFFFFL;
  private static final TagDictionary DICTIONARY = TagDictionary.standard();

  private final DicomReader options;
  private final String name;
  private ByteSource src;
  private String where = "";
  private int pos;
  private boolean bigEndian;
  private boolean implicit;
  private final WantedTags wanted;

  DicomParser(DicomReader options, String name, ByteSource src) {
    this.options = options;
    this.name = name;
    this.src = src;
    this.wanted = options.wantedTags();
  }

  DicomFile parse() throws IOException {
    boolean preamble = src.ensure(132) && src.buf[128] == 'D' && src.buf[129] == 'I'
        && src.buf[130] == 'C' && src.buf[131] == 'M';
    pos = preamble ? 132 : 0;
    DicomObject meta = new DicomObject(null, false, 8);
    boolean hasMeta = src.ensure(pos + 6) && Bytes.uint16(src.buf, pos, false) == 0x0002;
    if (hasMeta) {
      bigEndian = false;
      implicit = !looksExplicit(pos);
      readElements(meta, -1, false, 0, Stop.AFTER_META);
    } else if (!preamble) {
      checkPlausibleStart();
    }
    String syntax = meta.getString(Tag.TRANSFER_SYNTAX_UID);
    DicomFile.Encoding encoding = syntax == null ? guessEncoding() : TransferSyntax.encodingOf(syntax);
    bigEndian = encoding == DicomFile.Encoding.EXPLICIT_VR_BIG_ENDIAN;
    implicit = encoding == DicomFile.Encoding.IMPLICIT_VR_LITTLE_ENDIAN;
    if (encoding == DicomFile.Encoding.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN) {
      src = ByteSource.inflating(src, pos, options.maxInflatedBytes(), name);
      where = " in the inflated dataset";
      pos = 0;
    }
    if (src.ensure(pos + 6) && !stopsAt(readTag(pos), Stop.DATASET) && implicit == looksExplicit(pos)) {
      // Like pydicom: the first element shows the real encoding when it contradicts the declared one.
      implicit = !implicit;
      if (!bigEndian && encoding != DicomFile.Encoding.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN) {
        encoding = implicit ? DicomFile.Encoding.IMPLICIT_VR_LITTLE_ENDIAN : DicomFile.Encoding.EXPLICIT_VR_LITTLE_ENDIAN;
      }
    }
    DicomObject dataset = new DicomObject(null, bigEndian, 64);
    readElements(dataset, -1, false, 0, Stop.DATASET);
    return new DicomFile(name, meta, dataset, encoding, preamble);
  }

  private enum Stop { AFTER_META, DATASET, NEVER }

  private boolean stopsAt(int tag, Stop stop) {
    return switch (stop) {
      case AFTER_META -> Tag.group(tag) != 0x0002;
      case DATASET -> (!options.readPixelData()
          && (tag == Tag.PIXEL_DATA || tag == Tag.FLOAT_PIXEL_DATA || tag == Tag.DOUBLE_FLOAT_PIXEL_DATA))
          || (wanted != null && Integer.compareUnsigned(tag, wanted.last()) > 0);
      case NEVER -> false;
    };
  }

  private boolean keeps(int tag, Stop stop) {
    return stop != Stop.DATASET || wanted == null || tag == Tag.SPECIFIC_CHARACTER_SET || wanted.contains(tag);
  }

  /** Without preamble or meta group, pydicom's force=True reads anything; we want a sane first tag. */
  private void checkPlausibleStart() throws IOException {
    if (!src.ensure(pos + 8)) {
      throw fail("not a DICOM file: too short (" + src.limit + " bytes) and no DICM prefix");
    }
    int groupLe = Bytes.uint16(src.buf, pos, false);
    int groupBe = Bytes.uint16(src.buf, pos, true);
    if (!(plausibleFirstGroup(groupLe) || plausibleFirstGroup(groupBe))) {
      throw fail("not a DICOM file: no DICM prefix and the first element " + Tag.toString(readTag(pos, false))
          + " does not start a dataset");
    }
  }

  private static boolean plausibleFirstGroup(int group) {
    return group <= 0x0028 && (group & 1) == 0;
  }

  /** pydicom's guess for a dataset without transfer syntax: a valid VR means explicit, group ≥ 1024 big endian. */
  private DicomFile.Encoding guessEncoding() throws IOException {
    if (!src.ensure(pos + 6) || VR.fromBytes(src.buf[pos + 4], src.buf[pos + 5]) == null) {
      return DicomFile.Encoding.IMPLICIT_VR_LITTLE_ENDIAN;
    }
    return Bytes.uint16(src.buf, pos, false) >= 1024
        ? DicomFile.Encoding.EXPLICIT_VR_BIG_ENDIAN : DicomFile.Encoding.EXPLICIT_VR_LITTLE_ENDIAN;
  }

  /** pydicom's test: two upper-case letters where an explicit VR would be. */
  private boolean looksExplicit(int at) throws IOException {
    if (!src.ensure(at + 6)) {
      return !implicit;
    }
    byte a = src.buf[at + 4];
    byte b = src.buf[at + 5];
    return a > 0x40 && a < 0x5B && b > 0x40 && b < 0x5B;
  }

  private int readTag(int at) {
    return readTag(at, bigEndian);
  }

  private int readTag(int at, boolean be) {
    return (Bytes.uint16(src.buf, at, be) << 16) | Bytes.uint16(src.buf, at + 2, be);
  }

  /**
   * Reads elements into {@code target} until {@code end} (a defined length), an item delimiter
   * ({@code untilDelimiter}) or the end of the data, whichever the context calls for.
   */
  private void readElements(DicomObject target, long end, boolean untilDelimiter, int depth, Stop stop)
      throws IOException {
    while (true) {
      if (end >= 0 ? pos >= end : !src.ensure(pos + 1L)) {
        if (untilDelimiter) {
          throw fail("item ends without an item delimiter (file truncated?)");
        }
        return;
      }
      int start = pos;
      if (src.ensure(pos + 4L) && stopsAt(readTag(pos), stop)) {
        return;
      }
      if (!src.ensure(pos + 8L) || (end >= 0 && pos + 8L > end)) {
        throw fail("truncated element header (" + (Math.min(src.limit, end < 0 ? src.limit : end) - pos)
            + " bytes left)");
      }
      int tag = readTag(pos);
      if (tag == Tag.ITEM_DELIMITATION_ITEM || tag == Tag.SEQUENCE_DELIMITATION_ITEM) {
        pos += 8;
        if (untilDelimiter && tag == Tag.ITEM_DELIMITATION_ITEM) {
          return;
        }
        continue;
      }
      readElement(target, tag, start, end, depth, keeps(tag, stop));
    }
  }

  private void readElement(DicomObject target, int tag, int start, long end, int depth, boolean keep)
      throws IOException {
    VR vr;
    long length;
    if (implicit) {
      vr = DICTIONARY.implicitVr(tag);
      length = Bytes.int32(src.buf, pos + 4, bigEndian) & 0xFFFFFFFFL;
      pos += 8;
    } else {
      vr = VR.fromBytes(src.buf[pos + 4], src.buf[pos + 5]);
      if (vr == null) {
        throw fail("invalid VR bytes 0x" + Integer.toHexString(src.buf[pos + 4] & 0xFF) + " 0x"
            + Integer.toHexString(src.buf[pos + 5] & 0xFF) + " in element " + Tag.toString(tag));
      }
      if (vr.hasLongLength()) {
        if (!src.ensure(pos + 12L) || (end >= 0 && pos + 12L > end)) {
          throw fail("truncated element header of " + Tag.toString(tag));
        }
        length = Bytes.int32(src.buf, pos + 8, bigEndian) & 0xFFFFFFFFL;
        pos += 12;
      } else {
        length = Bytes.uint16(src.buf, pos + 6, bigEndian);
        pos += 8;
      }
    }
    if (vr == VR.UN) {
      vr = knownVrOfUnknown(tag, length);
    }
    if (Tag.group(tag) == 0xFFFE) {
      throw fail("unexpected " + Tag.toString(tag) + " outside a sequence");
    }
    if (vr == VR.SQ || length == UNDEFINED_LENGTH && vr == VR.UN) {
      boolean unknownSequence = vr == VR.UN;
      int index = keep ? target.put(tag, VR.SQ, null, 0, 0).indexOf(tag) : -1;
      DicomObject[] items = readSequence(target, tag, length, end, depth + 1, unknownSequence);
      if (keep) {
        target.setItems(index, items);
      }
      return;
    }
    if (length == UNDEFINED_LENGTH) {
      int fragmentsStart = pos;
      skipEncapsulated(tag);
      if (keep) {
        target.markEncapsulated(target.put(tag, vr, src.buf, fragmentsStart, pos - 8 - fragmentsStart).indexOf(tag));
      }
      return;
    }
    long valueEnd = pos + length;
    if ((end >= 0 && valueEnd > end) || !src.ensure(valueEnd)) {
      pos = start;
      throw fail("value of " + Tag.toString(tag) + " (" + length + " bytes) runs past the end of "
          + (end >= 0 && valueEnd > end ? "its item" : "the data (" + src.limit + " bytes)"));
    }
    if (keep) {
      if ((implicit || vr == VR.UN) && DICTIONARY.isAmbiguous(tag)) {
        vr = resolveAmbiguous(target, tag);
      }
      target.put(tag, vr, src.buf, pos, (int) length);
    }
    pos = (int) valueEnd;
  }

  /** Like pydicom, a UN element of a known public tag takes the dictionary's VR. */
  private static VR knownVrOfUnknown(int tag, long length) {
    if (Tag.isPrivate(tag) || length == UNDEFINED_LENGTH || DICTIONARY.entry(tag) == null) {
      return VR.UN;
    }
    return DICTIONARY.isAmbiguous(tag) ? VR.UN : DICTIONARY.implicitVr(tag);
  }

  private static VR resolveAmbiguous(DicomObject target, int tag) {
    String choices = DICTIONARY.entry(tag).vr();
    if (choices.startsWith("US or SS")) {
      Integer representation = pixelRepresentation(target);
      if (representation != null) {
        return representation == 1 ? VR.SS : VR.US;
      }
      return choices.endsWith("OW") ? VR.OW : VR.US;
    }
    return choices.startsWith("OB") ? VR.OW : VR.US;
  }

  private static Integer pixelRepresentation(DicomObject target) {
    return target.getInt(Tag.PIXEL_REPRESENTATION);
  }

  private DicomObject[] readSequence(DicomObject parent, int tag, long length, long end, int depth,
      boolean unknownSequence) throws IOException {
    if (depth > options.maxDepth()) {
      throw fail("sequences nested deeper than " + options.maxDepth() + " levels at " + Tag.toString(tag));
    }
    boolean savedImplicit = implicit;
    boolean savedBigEndian = bigEndian;
    if (unknownSequence) {
      implicit = true;
      bigEndian = false;
    }
    long seqEnd = length == UNDEFINED_LENGTH ? -1 : pos + length;
    if (seqEnd >= 0 && ((end >= 0 && seqEnd > end) || !src.ensure(seqEnd))) {
      throw fail("sequence " + Tag.toString(tag) + " (" + length + " bytes) runs past the end of "
          + (end >= 0 && seqEnd > end ? "its item" : "the data"));
    }
    List<DicomObject> items = new ArrayList<>();
    while (seqEnd < 0 || pos < seqEnd) {
      if (!src.ensure(pos + 8L) || (seqEnd >= 0 && pos + 8L > seqEnd)) {
        throw fail("sequence " + Tag.toString(tag) + " is truncated inside an item header");
      }
      int itemTag = readTag(pos);
      long itemLength = Bytes.int32(src.buf, pos + 4, bigEndian) & 0xFFFFFFFFL;
      if (itemTag == Tag.SEQUENCE_DELIMITATION_ITEM) {
        pos += 8;
        break;
      }
      if (itemTag != Tag.ITEM) {
        throw fail("expected an item (FFFE,E000) in sequence " + Tag.toString(tag) + ", found "
            + Tag.toString(itemTag));
      }
      pos += 8;
      items.add(readItem(parent, itemLength, seqEnd, depth, unknownSequence));
    }
    implicit = savedImplicit;
    bigEndian = savedBigEndian;
    return items.toArray(new DicomObject[0]);
  }

  private DicomObject readItem(DicomObject parent, long itemLength, long seqEnd, int depth, boolean unknownSequence)
      throws IOException {
    DicomObject item = new DicomObject(parent, bigEndian, 0);
    boolean savedImplicit = implicit;
    if (!implicit && !unknownSequence && src.ensure(pos + 6L) && !looksExplicit(pos)
        && readTag(pos) != Tag.ITEM_DELIMITATION_ITEM) {
      implicit = true;
    }
    if (itemLength == UNDEFINED_LENGTH) {
      readElements(item, -1, true, depth, Stop.NEVER);
    } else {
      // An item longer than its sequence ends with the sequence, as pydicom and dcmtk read it.
      long itemEnd = seqEnd >= 0 ? Math.min(pos + itemLength, seqEnd) : pos + itemLength;
      if (!src.ensure(itemEnd)) {
        throw fail("item (" + itemLength + " bytes) runs past the end of the data");
      }
      readElements(item, itemEnd, false, depth, Stop.NEVER);
    }
    implicit = savedImplicit;
    return item;
  }

  /** Encapsulated pixel data: fragments in items up to a sequence delimiter, skipped undecoded. */
  private void skipEncapsulated(int tag) throws IOException {
    while (true) {
      if (!src.ensure(pos + 8L)) {
        throw fail("encapsulated " + Tag.toString(tag) + " ends without a sequence delimiter");
      }
      int itemTag = readTag(pos);
      long length = Bytes.int32(src.buf, pos + 4, bigEndian) & 0xFFFFFFFFL;
      pos += 8;
      if (itemTag == Tag.SEQUENCE_DELIMITATION_ITEM) {
        return;
      }
      if (itemTag != Tag.ITEM || !src.ensure(pos + length)) {
        pos -= 8;
        throw fail("bad fragment " + Tag.toString(itemTag) + " (" + length + " bytes) in encapsulated "
            + Tag.toString(tag));
      }
      pos += (int) length;
    }
  }

  private DicomParseException fail(String reason) {
    return new DicomParseException(name, pos, reason + where);
  }
}
