// Writes the synthetic sample cohort (cohortflow sample): one folder per subject.
process COHORTFLOW_SAMPLE {
    tag "${subjects} subjects"
    label 'process_single'
    container "${params.container}"

    input:
    val subjects

    output:
    path 'sample-cohort', emit: cohort
    path 'versions.yml',  emit: versions

    script:
    def args = task.ext.args ?: ''
    """
    cohortflow sample --out sample-cohort --subjects ${subjects} ${args}

    cat <<-END_VERSIONS > versions.yml
    "${task.process}":
        cohortflow: \$(cohortflow --version | head -1 | sed 's/^cohortflow //')
    END_VERSIONS
    """
}
