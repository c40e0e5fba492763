package io.cohortflow.dicom;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.Writer;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Prints what the reader saw, like dcmtk's {@code dcmdump}: one line per element with tag, VR,
 * value and keyword, items indented; or the same as JSON. Users debug their data with it and
 * compare the reader with other toolkits.
 */
public final class DicomDump {
  private static final int SHOWN_BYTES = 16;
  private static final int JSON_HEX_BYTES = 64;
  private static final TagDictionary DICTIONARY = TagDictionary.standard();

  private DicomDump() {}

  /** The text dump: meta group, then dataset. */
  public static void text(DicomFile file, Appendable out) throws IOException {
    out.append("# ").append(file.source()).append('\n');
    out.append("# File meta information").append(file.fileMeta().isEmpty() ? " (none)" : "").append('\n');
    textElements(file.fileMeta(), 0, out);
    out.append("# Dataset: ").append(file.encoding().name()).append('\n');
    textElements(file.dataset(), 0, out);
  }

  private static void textElements(DicomObject ds, int depth, Appendable out) throws IOException {
    String indent = "  ".repeat(depth);
    for (int i = 0; i < ds.size(); i++) {
      int tag = ds.tagAt(i);
      String line = indent + Tag.toString(tag) + " " + ds.vrAt(i) + " " + textValue(ds, i);
      out.append(String.format(Locale.ROOT, "%-56s # %s%n", line, DICTIONARY.keyword(tag)));
      if (ds.vrAt(i) == VR.SQ) {
        List<DicomObject> items = ds.itemsAt(i);
        for (int k = 0; k < items.size(); k++) {
          out.append(indent).append("  (FFFE,E000) item ").append(Integer.toString(k + 1)).append('\n');
          textElements(items.get(k), depth + 2, out);
        }
      }
    }
  }

  private static String textValue(DicomObject ds, int i) {
    VR vr = ds.vrAt(i);
    if (vr == VR.SQ) {
      return "(" + ds.itemsAt(i).size() + " items)";
    }
    if (ds.isEncapsulatedAt(i)) {
      return "(encapsulated, " + ds.lengthAt(i) + " bytes of fragments)";
    }
    if (vr.isText()) {
      return "[" + String.join("\\", ds.stringsAt(i)) + "]";
    }
    if (vr.kind() == VR.Kind.BINARY) {
      return String.join("\\", ds.stringsAt(i));
    }
    int length = ds.lengthAt(i);
    String hex = HexFormat.ofDelimiter("\\").formatHex(ds.sourceAt(i), ds.offsetAt(i),
        ds.offsetAt(i) + Math.min(length, SHOWN_BYTES));
    return "(" + length + " bytes) " + hex + (length > SHOWN_BYTES ? "\\..." : "");
  }

  /** The JSON dump: {source, transferSyntax, encoding, meta: [...], dataset: [...]}. */
  public static void json(DicomFile file, Writer out) throws IOException {
    try (JsonGenerator json = new JsonFactory().createGenerator(out)) {
      json.useDefaultPrettyPrinter();
      json.writeStartObject();
      json.writeStringField("source", file.source());
      json.writeStringField("transferSyntax", file.transferSyntaxUid());
      json.writeStringField("encoding", file.encoding().name());
      json.writeFieldName("meta");
      jsonElements(file.fileMeta(), json);
      json.writeFieldName("dataset");
      jsonElements(file.dataset(), json);
      json.writeEndObject();
    }
    out.write('\n');
  }

  private static void jsonElements(DicomObject ds, JsonGenerator json) throws IOException {
    json.writeStartArray();
    for (int i = 0; i < ds.size(); i++) {
      int tag = ds.tagAt(i);
      VR vr = ds.vrAt(i);
      json.writeStartObject();
      json.writeStringField("tag", Tag.toString(tag));
      json.writeStringField("vr", vr.name());
      json.writeStringField("keyword", DICTIONARY.keyword(tag));
      if (vr == VR.SQ) {
        json.writeArrayFieldStart("items");
        for (DicomObject item : ds.itemsAt(i)) {
          jsonElements(item, json);
        }
        json.writeEndArray();
      } else if (vr.isText()) {
        json.writeArrayFieldStart("value");
        for (String s : ds.stringsAt(i)) {
          json.writeString(s);
        }
        json.writeEndArray();
      } else if (vr.kind() == VR.Kind.BINARY) {
        jsonNumbers(ds, i, json);
      } else {
        json.writeNumberField("length", ds.lengthAt(i));
        json.writeBooleanField("encapsulated", ds.isEncapsulatedAt(i));
        if (ds.lengthAt(i) <= JSON_HEX_BYTES) {
          json.writeStringField("hex", HexFormat.of().formatHex(ds.sourceAt(i), ds.offsetAt(i),
              ds.offsetAt(i) + ds.lengthAt(i)));
        }
      }
      json.writeEndObject();
    }
    json.writeEndArray();
  }

  private static void jsonNumbers(DicomObject ds, int i, JsonGenerator json) throws IOException {
    json.writeArrayFieldStart("value");
    VR vr = ds.vrAt(i);
    if (vr == VR.AT) {
      for (int t : ds.getTags(ds.tagAt(i))) {
        json.writeString(Tag.toString(t));
      }
    } else if (vr == VR.FL || vr == VR.FD) {
      for (double d : ds.getDoubles(ds.tagAt(i))) {
        json.writeNumber(d);
      }
    } else {
      for (String s : ds.stringsAt(i)) {
        json.writeNumber(s);
      }
    }
    json.writeEndArray();
  }
}
