// Joins per-task outputs into one result (cohortflow merge, or export with params.db_url):
// kind 'rows' merges extract row folders into export's CSVs, 'radiomics' merges radiomics
// result folders in ROI-table order, 'export' exports a cohort that the tasks wrote to db_url.
process COHORTFLOW_MERGE {
    tag "${meta.kind}/${meta.id}"
    label 'process_single'
    container "${params.container}"
    publishDir "${params.outdir}/${meta.kind == 'radiomics' ? 'radiomics' : 'extraction'}",
        mode: params.publish_dir_mode, saveAs: { it == 'versions.yml' ? null : it }

    input:
    // Numbered folders keep same-named task outputs (every extract task's is rows/) apart.
    tuple val(meta), path(parts, stageAs: 'part*/*')

    output:
    tuple val(meta), path("${meta.id}"), emit: merged
    path 'versions.yml',                 emit: versions

    script:
    def args = task.ext.args ?: ''
    def folders = (parts instanceof List ? parts : [parts]).collect { it.toString() }.join(' ')
    def command
    if (meta.kind == 'rows') {
        command = "cohortflow merge rows --out '${meta.id}' ${folders}"
    } else if (meta.kind == 'radiomics') {
        command = "cohortflow merge radiomics --out '${meta.id}' ${folders}"
    } else {
        command = "cohortflow export --cohort '${meta.id}' --out '${meta.id}' --db-url '${params.db_url}'" +
            (params.db_user ? " --db-user '${params.db_user}'" : '')
    }
    """
    ${command} ${args}

    cat <<-END_VERSIONS > versions.yml
    "${task.process}":
        cohortflow: \$(cohortflow --version | head -1 | sed 's/^cohortflow //')
    END_VERSIONS
    """
}
