/// The pinned log columns of SPEC §4; extra columns may only follow them.
public enum RunLogs {
    public static let success = ["object", "external_id", "action", "crm_id", "changed_fields"]
    public static let error = ["object", "external_id", "action", "error_code", "message", "attempt"]
    public static let changes = ["object", "external_id", "field", "old_value", "new_value"]
    public static let warnings = ["object", "external_id", "code", "message"]
}
