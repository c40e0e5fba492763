package io.cohortflow.extraction;

import io.cohortflow.store.ExtractionWriter.ErrorRow;
import io.cohortflow.store.ExtractionWriter.InstanceRow;
import java.util.List;

/**
 * One series of a subject folder, read and ready to be written: its rows in walk order. The
 * subject's last item also carries the subject's refused files and the number of files skipped as
 * imported before, and says that the subject is complete once it is written. A subject with no new
 * series gets one item without a series ({@code seriesInstanceUid} null), so that it is still
 * completed and its refusals recorded.
 */
public record SeriesWork(String subjectKey, long subjectId, String seriesInstanceUid,
    List<InstanceRow> rows, List<ErrorRow> refused, long skipped, boolean lastOfSubject) {}
