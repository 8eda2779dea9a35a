/// The shipped mapping and manifest, embedded so the defaults work wherever the binary runs.
///
/// The texts equal `mappings/engage-profile-sync.yaml` and
/// `mappings/integration-user-permissions.yaml` byte for byte (a test checks it): after editing
/// a file, paste it between the delimiters below, which stay at the start of their lines.
public enum DefaultMappings {
    /// The name the built-in mapping carries in messages.
    public static let mappingPath = "<built-in>/mappings/engage-profile-sync.yaml"
    /// The name the built-in manifest carries in messages.
    public static let manifestPath = "<built-in>/mappings/integration-user-permissions.yaml"

    /// The built-in mapping (SPEC §5).
    public static func mapping() throws -> SyncMapping {
        try MappingLoader.load(text: mappingYAML, path: mappingPath)
    }

    /// The built-in permission manifest (SPEC §2).
    public static func manifest() throws -> PermissionManifest {
        try ManifestLoader.load(text: manifestYAML, path: manifestPath)
    }

    /// The text of `mappings/engage-profile-sync.yaml`.
    public static let mappingYAML = #"""
# engage-profile-sync.yaml — how Engage Connect profiles become CRM records.
#
# This is the mapping engage-sync uses when no --mapping is given. To change it, copy this
# file, edit the copy and run `engage-sync sync --mapping my-mapping.yaml …`.
#
# Reading this file:
#   * Every value is text. Quote nothing unless you want to; `NO`, `on`, `0012` stay as written.
#   * Indent with spaces, never tabs. A key written twice, or a key engage-sync does not know
#     (a typo), is an error that names the line and column.
#   * Anchors and aliases (&name, *name) are not supported; write values out.
#   * Every field the mapping writes must be granted Edit in the permission manifest
#     (integration-user-permissions.yaml); the mapping is checked against it when it loads.
#
# Where a value comes from (`from`):
#   first_name                          a key of the profile entry in the export
#   connection.user_id                  a key of the connection being written (connection object)
#   accounts[org_id = $org].account_id  the one `accounts` item whose org_id is this org
#   "{first_name} {last_name}"          a template: {path} placeholders and literal text; a
#                                       missing placeholder is left out (spaces folded), and a
#                                       template with no value at all gives no value.
#                                       `{path|id}` writes the value as an 18-character id.
#   [a, b]                              a list: the first that gives a value wins.
#
# What a field may say:
#   field        CRM API name (a relationship column such as X__r.Key is written through X__c)
#   from         where the value comes from (above); an empty text in the export is no value
#   map          export value -> CRM value; a value with no entry is a record error
#   default      used when `from` gives no value
#   type         text (the default), id (18-character Salesforce id), datetime (written in UTC),
#                boolean (true/false)
#   max_length   longest value, in characters
#   too_long     cut (shorten to max_length) or error (a record error; the default)
#   when         map the value only when a path has one of the given values; otherwise the
#                field is cleared: { path: connection.state, is: DISCONNECTED } (`is` may be a list)
#   lookup       account: the value is an Account id, followed through Account_Merge_History_vod__c
#                and left empty (with a warning) when the Account snapshot does not have it
#
# Fields are written in the order listed here, after the external id and RecordTypeId.

version: 1

# ---------------------------------------------------------------------------------------------
# Engage_Profile_vod__c: one record per Engage profile (HCP or staff).
profile:
  object: Engage_Profile_vod__c
  # The key records are matched and upserted by; first column of the update file.
  external_id:
    field: VExternal_ID_vod__c
    from: "{id}"
  # Record type developer name by the profile's `type`; its Id comes from the RecordType snapshot.
  record_type:
    from: type
    map:
      HCP: Engage_HCP_Profile_vod
      STAFF: Engage_Staff_Profile_vod
  fields:
    - field: Name
      from: [display_name, "{first_name} {last_name}"]
      max_length: 80
      too_long: cut
    - field: First_Name_vod__c
      from: first_name
    - field: Last_Name_vod__c
      from: last_name
    - field: Display_Name_vod__c
      from: display_name
    - field: Degree_vod__c
      from: degree
    - field: Title_vod__c
      from: title
    - field: Profile_Photo_URL_vod__c
      from: photo_url
    - field: Engage_Signup_Datetime_vod__c
      from: signup_at
      type: datetime
    - field: Account_vod__c
      from: accounts[org_id = $org].account_id
      type: id
      lookup: account
    - field: Connection_Status_vod__c
      from: status
      map:
        ACTIVE: Active_vod
    - field: Connection_Status_Update_Datetime_vod__c
      from: status_changed_at
      type: datetime

# ---------------------------------------------------------------------------------------------
# Engage_Connection_vod__c: one record per connection of a profile to a user of this org.
connection:
  object: Engage_Connection_vod__c
  external_id:
    field: VExternal_ID_vod__c
    from: "{id}:{connection.user_id|id}"
  # A fixed record type: just its developer name.
  record_type: User_to_Engage_Profile_vod
  fields:
    - field: From_User_vod__c
      from: connection.user_id
      type: id
    # The profile is referenced by its external id, so new profiles need no Salesforce Id.
    - field: To_Engage_Profile_vod__r.VExternal_ID_vod__c
      from: id
    - field: Active_vod__c
      from: connection.state
      map:
        CONNECTED: true
        DISCONNECTED: false
      type: boolean
    # Cleared (#N/A) while the connection is CONNECTED.
    - field: Inactivation_Datetime_vod__c
      from: connection.updated_at
      type: datetime
      when:
        path: connection.state
        is: DISCONNECTED

# How the export's connection list is read and which CRM fields carry a connection's state.
# These are the defaults; every key may be left out.
connections:
  list: connections
  user_key: user_id
  org_key: org_id
  state_key: state
  updated_at_key: updated_at
  connected: CONNECTED
  disconnected: DISCONNECTED
  active_field: Active_vod__c
  inactivation_field: Inactivation_Datetime_vod__c
  user_field: From_User_vod__c
  profile_field: To_Engage_Profile_vod__c
  profile_relationship: To_Engage_Profile_vod__r

# ---------------------------------------------------------------------------------------------
# Profiles the export marks with one of these statuses are scrubbed in the CRM (never deleted):
# the fields under `set` get these values, the fields under `keep` keep the CRM's value, and
# every other mapped field is cleared. The external id and RecordTypeId always stay.
# `$run_time` means the time of the run. For a Japanese org, for example:
#     Name: 削除済みユーザ
deleted:
  statuses: [DELETED, MERGED]
  set:
    Name: Deleted User
    Connection_Status_vod__c: Deleted_vod
    Connection_Status_Update_Datetime_vod__c: $run_time
  keep: []

"""#

    /// The text of `mappings/integration-user-permissions.yaml`.
    public static let manifestYAML = #"""
# integration-user-permissions.yaml — what the Engage integration user needs in CRM.
#
# This is the manifest engage-sync uses when no --manifest is given. `engage-sync permissions`
# checks it against the integration user's profile / permission set files, and `sync` runs
# the same check first when --grants are given (a missing permission fails the run).
# Every field the mapping writes must be listed under `edit` of its object.
#
# Per object:
#   object        API name (matched in any case)
#   access        object permissions, letters C (create), R (read), U (edit), D (delete);
#                 leave it out when no object permission is required
#   record_types  record type developer names that must be visible
#   edit          fields that need field-level security Edit
#   read          fields that need Read (Edit also counts); standard fields without
#                 field-level security (Id, Name, LastModifiedDate, …) follow the object permission
#
# Indent with spaces; unknown or repeated keys are errors that name the line.

version: 1

objects:
  - object: Engage_Profile_vod__c
    access: CRU
    record_types:
      - Engage_HCP_Profile_vod
      - Engage_Staff_Profile_vod
    edit:
      - Name
      - Account_vod__c
      - Connection_Status_vod__c
      - Connection_Status_Update_Datetime_vod__c
      - Degree_vod__c
      - Display_Name_vod__c
      - Engage_Signup_Datetime_vod__c
      - First_Name_vod__c
      - Last_Name_vod__c
      - Profile_Photo_URL_vod__c
      - Title_vod__c
      - VExternal_ID_vod__c
    read:
      - Id
      - RecordTypeId
      - LastModifiedById
      - LastModifiedDate

  - object: Engage_Connection_vod__c
    access: CRU
    record_types:
      - User_to_Engage_Profile_vod
    edit:
      - Active_vod__c
      - From_User_vod__c
      - Inactivation_Datetime_vod__c
      - To_Engage_Profile_vod__c
      - VExternal_ID_vod__c
    read:
      - Id
      - LastModifiedDate

  # Merged accounts: losing account Id (Name) → winning account Id (Account_vod__c).
  - object: Account_Merge_History_vod__c
    access: R
    read:
      - Name
      - Account_vod__c
      - PersonContactId_vod__c
      - Account_PersonContactId_vod__c

  # Engage_Profile_Status_vod__c is read for the indicator report.
  - object: Account
    read:
      - Id
      - Engage_Profile_Status_vod__c

  - object: User
    read:
      - Id
      - IsActive

  - object: RecordType
    read:
      - Id
      - DeveloperName
      - SobjectType

"""#
}
