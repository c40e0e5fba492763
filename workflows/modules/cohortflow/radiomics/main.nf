// Radiomics features of one case x ROI (cohortflow radiomics on a one-row ROI table, so the
// case id and ROI name are those of a batch run). Rows go to params.db_url when it is set.
process COHORTFLOW_RADIOMICS {
    tag "${meta.id}/${meta.roi}"
    label 'process_low'
    container "${params.container}"

    input:
    tuple val(meta), path(image, stageAs: 'image/*'), path(mask, stageAs: 'mask/*')
    path settings

    output:
    tuple val(meta), path('result'), emit: result
    path 'versions.yml',             emit: versions

    script:
    def args = task.ext.args ?: ''
    def database = params.db_url
        ? "--db-url '${params.db_url}'" + (params.db_user ? " --db-user '${params.db_user}'" : '')
        : '--no-db'
    def quote = { String v -> '"' + v.replace('"', '""') + '"' }
    def row = [meta.id, image.toString(), mask.toString()] + (meta.label != null ? [meta.label.toString()] : [])
    def header = 'case_id,image,mask' + (meta.label != null ? ',label' : '')
    """
    printf '%s\\n' '${header}' '${row.collect(quote).join(',')}' > roi.csv
    cohortflow radiomics --settings ${settings} --roi-csv roi.csv --data . --out result \\
        --workers ${task.cpus} ${database} ${args}

    cat <<-END_VERSIONS > versions.yml
    "${task.process}":
        cohortflow: \$(cohortflow --version | head -1 | sed 's/^cohortflow //')
    END_VERSIONS
    """
}
