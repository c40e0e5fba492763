package io.cohortflow.dicom;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The DICOM data dictionary (keyword, tag, VR, VM), loaded once from {@code dictionary.tsv}, which
 * {@code tools/generate-dicom-dictionary.py} generates from pydicom's dictionary. It answers the VR
 * of implicit VR elements and names tags for dumps; private and unknown tags have no entry.
 */
public final class TagDictionary {

  /** One dictionary entry; {@code vr} is pydicom's spelling, e.g. {@code "US or SS"}. */
  public record Entry(int tag, String vr, String vm, String keyword, boolean retired) {}

  private record Repeater(int mask, int value, Entry entry) {}

  private static final TagDictionary INSTANCE = load();

  private final Map<Integer, Entry> byTag;
  private final Map<String, Integer> byKeyword;
  private final List<Repeater> repeaters;

  private TagDictionary(Map<Integer, Entry> byTag, Map<String, Integer> byKeyword, List<Repeater> repeaters) {
    this.byTag = byTag;
    this.byKeyword = byKeyword;
    this.repeaters = repeaters;
  }

  public static TagDictionary standard() {
    return INSTANCE;
  }

  /** The entry for a tag (repeating groups such as 60xx included), or null if the tag is unknown. */
  public Entry entry(int tag) {
    Entry entry = byTag.get(tag);
    if (entry != null) {
      return entry;
    }
    for (Repeater repeater : repeaters) {
      if ((tag & repeater.mask) == repeater.value) {
        return repeater.entry;
      }
    }
    return null;
  }

  /** The keyword of a tag, e.g. {@code StudyDate}, or an empty string for unknown and private tags. */
  public String keyword(int tag) {
    Entry entry = entry(tag);
    if (entry != null) {
      return entry.keyword;
    }
    if (Tag.element(tag) == 0) {
      return "GroupLength";
    }
    return Tag.isPrivateCreator(tag) ? "PrivateCreator" : "";
  }

  /** The tag with this keyword, or -1 if the dictionary has none. */
  public int tagOf(String keyword) {
    Integer tag = byKeyword.get(keyword);
    return tag == null ? -1 : tag;
  }

  /**
   * The VR an implicit VR element of this tag has. Ambiguous entries give their first choice (the
   * reader resolves them against the dataset); group lengths are UL, private creators LO, the rest
   * of the unknown and private tags UN.
   */
  public VR implicitVr(int tag) {
    Entry entry = entry(tag);
    if (entry != null) {
      VR vr = VR.fromName(entry.vr.length() > 2 ? entry.vr.substring(0, 2) : entry.vr);
      return vr == null ? VR.UN : vr;
    }
    if (Tag.element(tag) == 0) {
      return VR.UL;
    }
    return Tag.isPrivateCreator(tag) ? VR.LO : VR.UN;
  }

  /** True when the dictionary gives a choice of VRs ("US or SS", "OB or OW", ...). */
  public boolean isAmbiguous(int tag) {
    Entry entry = entry(tag);
    return entry != null && entry.vr.contains(" or ");
  }

  private static TagDictionary load() {
    Map<Integer, Entry> byTag = new HashMap<>(8192);
    Map<String, Integer> byKeyword = new HashMap<>(8192);
    List<Repeater> repeaters = new ArrayList<>();
    try (InputStream in = TagDictionary.class.getResourceAsStream("dictionary.tsv")) {
      if (in == null) {
        throw new IllegalStateException("dictionary.tsv missing from the classpath");
      }
      BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (line.startsWith("#") || line.isBlank()) {
          continue;
        }
        String[] cols = line.split("\t", -1);
        String hex = cols[0];
        int value = (int) Long.parseLong(hex.replace('x', '0'), 16);
        Entry entry = new Entry(value, cols[1], cols[2], cols[3], "R".equals(cols[4]));
        if (hex.indexOf('x') >= 0) {
          int mask = (int) Long.parseLong(hex.replaceAll("[0-9A-F]", "F").replace('x', '0'), 16);
          repeaters.add(new Repeater(mask, value, entry));
        } else {
          byTag.put(value, entry);
        }
        byKeyword.putIfAbsent(entry.keyword, value);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the DICOM dictionary", e);
    }
    return new TagDictionary(Map.copyOf(byTag), Map.copyOf(byKeyword), List.copyOf(repeaters));
  }
}
