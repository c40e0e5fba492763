// TIFF slices of one NIfTI volume (cohortflow slices), nidataset's layout.
process COHORTFLOW_SLICES {
    tag "${meta.id}"
    label 'process_single'
    container "${params.container}"
    publishDir "${params.outdir}", mode: params.publish_dir_mode,
        saveAs: { it == 'versions.yml' ? null : it }

    input:
    // Staged alone under volume/, the input folder of cohortflow slices.
    tuple val(meta), path(volume, stageAs: 'volume/*')

    output:
    tuple val(meta), path("slices/${meta.id}"), emit: slices
    path 'versions.yml',             emit: versions

    script:
    def args = task.ext.args ?: ''
    """
    cohortflow slices volume slices --view ${params.view} --saving-mode case ${args}

    cat <<-END_VERSIONS > versions.yml
    "${task.process}":
        cohortflow: \$(cohortflow --version | head -1 | sed 's/^cohortflow //')
    END_VERSIONS
    """
}
