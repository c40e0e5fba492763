#!/usr/bin/env nextflow
// cohortflow as a Nextflow pipeline: the same processors as the CLI, one task per subject
// folder, mask, volume or case x ROI, so that Nextflow's executors spread them over machines.
// Parameters, profiles and the output layout: workflows/README.md.
nextflow.enable.dsl = 2

include { COHORTFLOW_SAMPLE      } from './modules/cohortflow/sample/main'
include { COHORTFLOW_EXTRACT     } from './modules/cohortflow/extract/main'
include { COHORTFLOW_ANNOTATIONS } from './modules/cohortflow/annotations/main'
include { COHORTFLOW_SLICES      } from './modules/cohortflow/slices/main'
include { COHORTFLOW_RADIOMICS   } from './modules/cohortflow/radiomics/main'
include { COHORTFLOW_MERGE       } from './modules/cohortflow/merge/main'

def STEPS = ['extract', 'annotations', 'slices', 'radiomics']

// What one entry of params.input is: a cohort (subfolders), NIfTI files, or an ROI table.
def inputKind(String entry) {
    def f = file(entry)
    if (!f.exists()) {
        error "input ${entry}: no such file or folder"
    }
    if (!f.isDirectory()) {
        if (f.name.toLowerCase().endsWith('.csv')) {
            return 'rois'
        }
        error "input ${entry}: not a folder nor an ROI table (.csv)"
    }
    def children = f.listFiles() as List
    if (children.any { it.isDirectory() }) {
        return 'cohort'
    }
    if (children.any { it.name ==~ /.*\.nii(\.gz)?/ }) {
        return 'nifti'
    }
    error "input ${entry}: neither a cohort folder (one subfolder per subject) nor a folder of .nii/.nii.gz files"
}

// Relative path, size and modification time of every file below a folder, as one hash.
def folderFingerprint(dir) {
    def entries = []
    dir.eachFileRecurse(groovy.io.FileType.FILES) { f ->
        entries << "${dir.relativize(f)}:${f.size()}:${f.lastModified()}"
    }
    entries.sort().join('\n').md5()
}

// The rows of a plain ROI table (case_id,image,mask[,label]), paths relative to the table.
def roiCases(roiCsv) {
    def rows = roiCsv.splitCsv(header: true)
    if (rows.isEmpty() || !rows[0].keySet().containsAll(['case_id', 'image', 'mask'])) {
        error "input ${roiCsv}: an ROI table needs the columns case_id,image,mask[,label] (MEDimage's columns are for the CLI only)"
    }
    def resolve = { String p -> p.startsWith('/') ? file(p) : file("${roiCsv.parent}/${p}") }
    rows.withIndex().collect { r, i ->
        def label = r.label ? r.label as Integer : null
        def meta = [id: r.case_id, roi: label != null ? "label${label}" : 'mask', label: label,
                    index: i, table: roiCsv.baseName]
        [meta, resolve(r.image), resolve(r.mask)]
    }
}

workflow {
    def steps = params.steps.tokenize(',')*.trim()
    def unknown = steps - STEPS
    if (unknown) {
        error "steps: unknown ${unknown.join(', ')} (known: ${STEPS.join(', ')})"
    }
    def entries = params.input ? params.input.tokenize(',')*.trim() : []
    if (!entries && !params.sample_subjects) {
        error 'input: give a cohort folder, a NIfTI folder or an ROI table (comma-separated for several)'
    }
    def kinds = entries.groupBy { inputKind(it) }
    if ('extract' in steps && !params.store_identifiers
            && !System.getenv('COHORTFLOW_IDENTIFIER_SECRET')
            && !('COHORTFLOW_IDENTIFIER_SECRET' in params.secrets.tokenize(','))) {
        error 'extract: every task must hash PatientID with the same secret: set COHORTFLOW_IDENTIFIER_SECRET in the environment or as a Nextflow secret listed in --secrets (or use --store_identifiers)'
    }
    if ('radiomics' in steps && kinds.rois && !params.settings) {
        error 'radiomics: --settings (a radiomics settings JSON) is required'
    }

    ch_versions = Channel.empty()

    if ('extract' in steps) {
        ch_cohorts = Channel.fromList(kinds.cohort ?: []).map { file(it) }
        if (params.sample_subjects) {
            COHORTFLOW_SAMPLE(params.sample_subjects)
            ch_versions = ch_versions.mix(COHORTFLOW_SAMPLE.out.versions)
            ch_cohorts = ch_cohorts.mix(COHORTFLOW_SAMPLE.out.cohort)
        }
        ch_subjects = ch_cohorts.flatMap { cohort ->
            def name = params.cohort_name ?: cohort.name
            cohort.listFiles().findAll { it.isDirectory() }.sort { it.name }
                .collect { [[id: it.name, cohort: name], it, folderFingerprint(it)] }
        }
        COHORTFLOW_EXTRACT(ch_subjects)
        ch_versions = ch_versions.mix(COHORTFLOW_EXTRACT.out.versions)
        if (params.db_url) {
            // The tasks wrote to the server: export each cohort once all its subjects are in.
            ch_merge_extract = ch_subjects.map { meta, dir, fingerprint -> meta.cohort }.unique()
                .combine(COHORTFLOW_EXTRACT.out.versions.collect().map { [it] })
                .map { cohort, done -> [[kind: 'export', id: cohort], done] }
        } else {
            ch_merge_extract = COHORTFLOW_EXTRACT.out.rows
                .map { meta, rows -> [meta.cohort, meta.id, rows] }
                .groupTuple()
                .map { cohort, ids, rows -> [[kind: 'rows', id: cohort], rows] }
        }
    } else {
        ch_merge_extract = Channel.empty()
    }

    ch_nifti = Channel.fromList(kinds.nifti ?: []).flatMap { dir ->
        file(dir).listFiles().findAll { it.name ==~ /.*\.nii(\.gz)?/ }.sort { it.name }
            .collect { [[id: it.name.replaceFirst(/\.nii(\.gz)?$/, '')], it] }
    }
    if ('annotations' in steps) {
        COHORTFLOW_ANNOTATIONS(ch_nifti)
        ch_versions = ch_versions.mix(COHORTFLOW_ANNOTATIONS.out.versions)
    }
    if ('slices' in steps) {
        COHORTFLOW_SLICES(ch_nifti)
        ch_versions = ch_versions.mix(COHORTFLOW_SLICES.out.versions)
    }

    if ('radiomics' in steps && kinds.rois) {
        ch_cases = Channel.fromList(kinds.rois).flatMap { roiCases(file(it)) }
        COHORTFLOW_RADIOMICS(ch_cases, file(params.settings))
        ch_versions = ch_versions.mix(COHORTFLOW_RADIOMICS.out.versions)
        ch_merge_radiomics = COHORTFLOW_RADIOMICS.out.result
            .map { meta, result -> [meta.table, meta.index, result] }
            .groupTuple()
            .map { table, indexes, results ->
                // ROI-table order, whatever order the tasks finished in.
                def ordered = [indexes, results].transpose().sort { it[0] }.collect { it[1] }
                [[kind: 'radiomics', id: table], ordered]
            }
    } else {
        ch_merge_radiomics = Channel.empty()
    }

    COHORTFLOW_MERGE(ch_merge_extract.mix(ch_merge_radiomics))
    ch_versions = ch_versions.mix(COHORTFLOW_MERGE.out.versions)

    ch_versions.map { it.text }.unique()
        .collectFile(name: 'versions.yml', storeDir: "${params.outdir}/pipeline_info", sort: true)
}
