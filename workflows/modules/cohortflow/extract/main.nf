// Extracts one subject folder (cohortflow extract). With params.db_url the rows go to that
// MariaDB; otherwise into a private embedded database in the task folder, exported as CSV rows
// (export's files) for COHORTFLOW_MERGE, and the database files are removed.
process COHORTFLOW_EXTRACT {
    tag "${meta.cohort}/${meta.id}"
    label 'process_low'
    container "${params.container}"

    input:
    // Staged under cohort/ so that the task's source folder holds this one subject. Nextflow
    // hashes a folder input by the folder's own metadata, which a file changed in place leaves
    // alone: the fingerprint of its files (main.nf) makes -resume see such a change.
    tuple val(meta), path(subject, stageAs: 'cohort/*'), val(fingerprint)

    output:
    tuple val(meta), path('rows'), emit: rows, optional: true
    path 'versions.yml',           emit: versions

    script:
    def args = task.ext.args ?: ''
    def identifiers = params.store_identifiers ? '--store-identifiers' : ''
    def database = params.db_url
        ? "--db-url '${params.db_url}'" + (params.db_user ? " --db-user '${params.db_user}'" : '')
        : '--db-dir db --rows-out rows'
    """
    status=0
    cohortflow extract --source cohort --cohort '${meta.cohort}' --workers ${task.cpus} \\
        ${identifiers} ${database} ${args} || status=\$?
    rm -rf db

    cat <<-END_VERSIONS > versions.yml
    "${task.process}":
        cohortflow: \$(cohortflow --version | head -1 | sed 's/^cohortflow //')
    END_VERSIONS
    exit \$status
    """
}
