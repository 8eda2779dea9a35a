import Foundation

/// Reads a Salesforce Metadata API profile or permission set file (SPEC §3 G): mdapi
/// `*.profile` / `*.permissionset` or source-format `*.profile-meta.xml` / `*.permissionset-meta.xml`.
///
/// The root element (`Profile` or `PermissionSet` in `http://soap.sforce.com/2006/04/metadata`)
/// decides the kind. `objectPermissions`, `fieldPermissions` and `recordTypeVisibilities` are read
/// by element name, in any order; a missing flag is `false`; everything else is skipped.
/// Booleans are `true`/`false` in any case; anything else is an error with its position.
public enum GrantFileReader {
    public static let metadataNamespace = "http://soap.sforce.com/2006/04/metadata"

    /// Reads one grant file; a `.yaml` / `.yml` path is read by `GrantYAMLLoader` instead
    /// (whose YAML reader runs the common file checks itself).
    public static func read(path: String) throws -> GrantFile {
        if GrantYAMLLoader.handles(path: path) { return try GrantYAMLLoader.load(path: path) }
        try InputFileChecks.requireReadableFile(path, kind: .grants)
        try requireXMLStart(path)
        let xml = try XMLStreamReader(path: path, kind: .grants)
        var event = try xml.next()
        while event != .startElement {
            if event == .endOfDocument { throw xml.error("document has no root element") }
            event = try xml.next()
        }
        let ns = xml.name(metadataNamespace)
        let root = xml.string(xml.localName)
        let kind: GrantFile.Kind
        switch root {
        case "Profile": kind = .profile
        case "PermissionSet": kind = .permissionSet
        default: throw xml.error("root element is <\(root)>, expected <Profile> or <PermissionSet>")
        }
        guard xml.namespace == ns else {
            let actual = xml.namespace.map { "'\(xml.string($0))'" } ?? "no namespace"
            throw xml.error("<\(root)> is in \(actual), expected the Metadata API namespace '\(metadataNamespace)'")
        }
        var file = GrantFile(path: path, kind: kind)
        let objectPermissions = xml.name("objectPermissions")
        let fieldPermissions = xml.name("fieldPermissions")
        let recordTypeVisibilities = xml.name("recordTypeVisibilities")
        while true {
            switch try xml.next() {
            case .startElement where xml.depth == 2 && xml.namespace == ns:
                let location = xml.location
                if xml.localName == objectPermissions {
                    let values = try readSection(xml, ns)
                    guard let object = values["object"]?.text else {
                        throw InputError(.grants, location, "<objectPermissions> has no <object>")
                    }
                    var p = GrantFile.ObjectPermission(object: object)
                    p.allowCreate = try flag(values, "allowCreate", xml)
                    p.allowRead = try flag(values, "allowRead", xml)
                    p.allowEdit = try flag(values, "allowEdit", xml)
                    p.allowDelete = try flag(values, "allowDelete", xml)
                    p.viewAllRecords = try flag(values, "viewAllRecords", xml)
                    p.modifyAllRecords = try flag(values, "modifyAllRecords", xml)
                    p.location = location
                    file.objects.append(p)
                } else if xml.localName == fieldPermissions {
                    let values = try readSection(xml, ns)
                    guard let field = values["field"]?.text else {
                        throw InputError(.grants, location, "<fieldPermissions> has no <field>")
                    }
                    var p = GrantFile.FieldPermission(field: field)
                    p.readable = try flag(values, "readable", xml)
                    p.editable = try flag(values, "editable", xml)
                    p.location = location
                    file.fields.append(p)
                } else if xml.localName == recordTypeVisibilities {
                    let values = try readSection(xml, ns)
                    guard let recordType = values["recordType"]?.text else {
                        throw InputError(.grants, location, "<recordTypeVisibilities> has no <recordType>")
                    }
                    var v = GrantFile.RecordTypeVisibility(recordType: recordType)
                    v.visible = try flag(values, "visible", xml)
                    v.isDefault = try flag(values, "default", xml)
                    v.location = location
                    file.recordTypes.append(v)
                } else {
                    try xml.skipElement()
                }
            case .startElement:
                try xml.skipElement()
            case .endOfDocument:
                return file
            default:
                continue
            }
        }
    }

    /// A file whose first character (after a BOM and white space) is not `<` is no Metadata API
    /// file: say so at that place, rather than the XML parser's "Document is empty".
    static func requireXMLStart(_ path: String) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else { return }  // the XML reader reports it
        defer { try? handle.close() }
        var bytes = [UInt8]((try? handle.read(upToCount: 4096)) ?? Data())
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        var line = 1, column = 1
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "<"): return
            case UInt8(ascii: "\n"): line += 1; column = 1
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"): column += 1
            default:
                throw InputError(.grants, SourceLocation(path: path, line: line, column: column),
                                 "not an XML file: a grant file is a Metadata API profile or permission set "
                                     + "(*.profile, *.permissionset, *.profile-meta.xml, *.permissionset-meta.xml) "
                                     + "or grants as YAML (*.yaml, *.yml)")
            }
        }
    }

    private struct Value {
        var text: String
        var location: SourceLocation
    }

    /// The simple children of the section just started, by local name (trimmed text).
    private static func readSection(_ xml: XMLStreamReader, _ ns: XMLStreamReader.XMLName) throws -> [String: Value] {
        var values: [String: Value] = [:]
        while true {
            switch try xml.next() {
            case .startElement where xml.namespace == ns:
                let key = xml.string(xml.localName)
                let location = xml.location
                var text = ""
                while true {
                    let e = try xml.next()
                    if e == .text { text += xml.text; continue }
                    if e == .startElement { try xml.skipElement(); continue }
                    break
                }
                values[key] = Value(text: text.trimmingXMLWhitespace, location: location)
            case .startElement:
                try xml.skipElement()
            case .endElement, .endOfDocument:
                return values
            case .text:
                continue
            }
        }
    }

    private static func flag(_ values: [String: Value], _ name: String, _ xml: XMLStreamReader) throws -> Bool {
        guard let value = values[name] else { return false }
        switch value.text.lowercased() {
        case "true": return true
        case "false": return false
        default:
            throw InputError(.grants, value.location, "<\(name)> must be true or false, not '\(value.text)'")
        }
    }
}
