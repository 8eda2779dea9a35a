/// The `--help` and usage texts of every command.
enum Usage {
    /// The release, for `--version`.
    static let version = "0.1.0"

    static let main = """
    engage-sync: bring Engage Connect profiles into a Salesforce-based CRM, from files.

    Usage: engage-sync <command> [options]

    Commands:
      sync          convert an Engage export against a CRM snapshot into Bulk API update files
      permissions   check the integration user's grants against the permission manifest
      history       show the last syncs kept in a state folder
      results       apply Bulk API / Data Loader load results to a run (retries, status)
      mapping       print the shipped field mapping or permission manifest

    Run 'engage-sync <command> --help' for the options of a command, 'engage-sync --version'
    for the version.
    Exit codes: 0 Success, 1 Success with errors (or permissions missing), 2 Failure,
                64 bad usage or configuration, 75 refused (too soon, locked).
    """

    static let sync = """
    Usage: engage-sync sync --export FILE --snapshot DIR --state DIR --out DIR
                            --org-id ID --company-id ID --integration-user ID
                            [--mapping FILE] [--manifest FILE] [--grants FILE]... [--config FILE]
                            [--full] [--dry-run] [--now RFC3339] [--post-processing-lock FILE]
                            [--json] [--quiet]

    Reads an Engage export (XML, JSON or JSON Lines) and a CRM snapshot folder (one file per
    object: CSV, JSON or XML), applies the field mapping, and writes <out>/<run-id>/ with
    <Object>.upsert.csv update files, success.csv, error.csv, changes.csv, warnings.csv and
    summary.json. Sync state (history, watermark, retry ledger) is kept in the state folder.

    Options:
      --export FILE               the Engage Connect export
      --snapshot DIR              the CRM snapshot folder
      --state DIR                 the sync state folder (created when missing)
      --out DIR                   where run folders are written
      --org-id ID                 this CRM org's Id (15 or 18 characters)
      --company-id ID             the Engage company the export must belong to
      --integration-user ID       the integration user's Id (15 or 18 characters)
      --mapping FILE              field mapping (default: the shipped engage-profile-sync.yaml)
      --manifest FILE             permission manifest (default: the shipped one)
      --grants FILE               profile / permission set metadata or YAML grants; repeat for a union (R31)
      --config FILE               YAML config with any of these settings; flags win
      --full                      force a full sync
      --dry-run                   write the run folder, change no state
      --now RFC3339               the run's time (tests, replays); default: the clock
      --post-processing-lock FILE refuse to run while this file exists
      --json                      print summary.json instead of the human summary
      --quiet                     no progress on the terminal
      --help                      this text
    """

    static let permissions = """
    Usage: engage-sync permissions --grants FILE [--grants FILE]... [--manifest FILE]
                                   [--json] [--suggest FILE] [--label TEXT]

    Checks that the integration user's grants (Salesforce Metadata API *.profile,
    *.permissionset, *.profile-meta.xml, *.permissionset-meta.xml, or *.yaml / *.yml in the
    manifest's own shape; combined as a union) give everything the permission manifest requires
    (R30). Exit 0 when complete, 1 when anything is missing, 64 for unreadable input.

    Options:
      --grants FILE     a profile, permission set or YAML grants file; repeat for a union
      --manifest FILE   permission manifest (default: the shipped one)
      --json            print the report as JSON
      --suggest FILE    write a deployable PermissionSet (source format) granting what is missing
      --label TEXT      label of the suggested permission set (default: Engage Sync Missing Grants)
      --help            this text
    """

    static let history = """
    Usage: engage-sync history --state DIR [--json]

    Shows the last syncs kept in the state folder (R23), newest first.

    Options:
      --state DIR   the sync state folder
      --json        print {"syncs": [...]} for scripts
      --help        this text
    """

    static let results = """
    Usage: engage-sync results --state DIR --run RUN_ID [--failed FILE]... [--succeeded FILE]...
                               [--now RFC3339] [--json]

    Applies load results of a run's update files (R27): Bulk API 2.0 failedResults /
    successfulResults CSVs or Data Loader error / success CSVs, matched by VExternal_ID_vod__c
    against the run's update files. Failed rows enter the retry ledger (one failure each),
    successful rows clear it, and a Success whose load failed becomes Success with errors.
    A file applied to the run before is skipped. Exit 0 applied, 1 applied with rejected rows,
    2 a file or row that cannot be matched (nothing changed), 64 bad usage or unknown run,
    75 another sync holds the state folder.

    Options:
      --state DIR       the sync state folder
      --run RUN_ID      the run the files were loaded from (see 'engage-sync history')
      --failed FILE     failed rows (Bulk API failedResults or Data Loader error file)
      --succeeded FILE  successful rows (Bulk API successfulResults or Data Loader success file)
      --now RFC3339     the time recorded as applied_at (tests, replays); default: the clock
      --json            print the outcome as JSON
      --help            this text
    """

    static let mapping = """
    Usage: engage-sync mapping --print [--manifest]

    Prints the shipped field mapping (or, with --manifest, the permission manifest) so you can
    start your own copy and pass it with --mapping / --manifest.

    Options:
      --print      print the shipped file
      --manifest   the permission manifest instead of the mapping
      --help       this text
    """
}
