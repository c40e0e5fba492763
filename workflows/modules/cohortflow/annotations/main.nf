// Annotation CSVs of one mask (cohortflow annotations --file), nidataset's layout.
process COHORTFLOW_ANNOTATIONS {
    tag "${meta.id}"
    label 'process_single'
    container "${params.container}"
    publishDir "${params.outdir}", mode: params.publish_dir_mode,
        saveAs: { it == 'versions.yml' ? null : it }

    input:
    tuple val(meta), path(mask)

    output:
    tuple val(meta), path("annotations/${meta.id}"), emit: annotations
    path 'versions.yml',                  emit: versions

    script:
    def args = task.ext.args ?: ''
    """
    cohortflow annotations annotations --file ${mask} --view ${params.view} \\
        --saving-mode case --extraction-mode ${params.extraction_mode} \\
        --data-mode ${params.data_mode} ${args}

    cat <<-END_VERSIONS > versions.yml
    "${task.process}":
        cohortflow: \$(cohortflow --version | head -1 | sed 's/^cohortflow //')
    END_VERSIONS
    """
}
