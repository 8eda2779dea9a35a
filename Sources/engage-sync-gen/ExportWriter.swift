import Foundation

/// Writes an Engage Connect export (formats/engage-export.md) in one encoding, a profile at a time.
final class ExportWriter {
    enum Encoding { case json, jsonLines, xml }

    private let out: ByteWriter
    private let encoding: Encoding
    private let incremental: Bool
    private var count = 0

    /// Opens the file and writes the header. `since` makes an incremental export.
    init(path: String, encoding: Encoding, exportedAt: ScenarioTime, since: ScenarioTime?, companyId: String) throws {
        out = try ByteWriter(path: path)
        self.encoding = encoding
        incremental = since != nil
        let kind = since == nil ? "full" : "incremental"
        switch encoding {
        case .json, .jsonLines:
            var header = #"{"format": "engage-connect-export", "version": 1, "exported_at": "\#(exportedAt.rfc3339(offsetMinutes: 0))", "kind": "\#(kind)""#
            if let since { header += #", "since": "\#(since.rfc3339(offsetMinutes: 0))""# }
            header += #", "company_id": \#(JSONText.quoted(companyId))"#
            out.write(encoding == .json ? header + ",\n  \"profiles\": [" : header + "}\n")
        case .xml:
            var header = #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n"
                + #"<engage_export format="engage-connect-export" version="1" exported_at="\#(exportedAt.rfc3339(offsetMinutes: 0))" kind="\#(kind)""#
            if let since { header += #" since="\#(since.rfc3339(offsetMinutes: 0))""# }
            out.write(header + #" company_id="\#(XMLText.escaped(companyId))" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"# + "\n")
        }
    }

    func add(_ p: ScenarioProfile) {
        switch encoding {
        case .json:
            out.write((count == 0 ? "\n" : ",\n") + json(p, indent: "    ", separator: ",\n      "))
        case .jsonLines:
            out.write(json(p, indent: "", separator: ", ") + "\n")
        case .xml:
            out.write(xml(p))
        }
        count += 1
    }

    func close() throws {
        switch encoding {
        case .json: out.write("\n  ]\n}\n")
        case .jsonLines: break
        case .xml: out.write("</engage_export>\n")
        }
        try out.close()
    }

    /// The profile's scalar keys in export order, nil for null.
    private func scalars(_ p: ScenarioProfile) -> [(String, String?)] {
        [("id", p.id), ("type", p.isStaff ? "STAFF" : "HCP"), ("status", p.status.rawValue),
         ("merged_into", p.mergedInto), ("first_name", p.firstName), ("last_name", p.lastName),
         ("display_name", p.displayName), ("degree", p.degree), ("title", p.exportTitle(incremental: incremental)),
         ("photo_url", p.photoURL), ("signup_at", p.signupAt.rfc3339(offsetMinutes: p.offsetMinutes)),
         ("status_changed_at", p.statusChangedAt.rfc3339(offsetMinutes: p.offsetMinutes)),
         ("updated_at", p.updatedAt.rfc3339(offsetMinutes: 0))]
    }

    private func json(_ p: ScenarioProfile, indent: String, separator: String) -> String {
        var parts: [String] = []
        for (key, value) in scalars(p) {
            parts.append("\"\(key)\": " + (value.map(JSONText.quoted) ?? "null"))
        }
        let accounts = p.accounts.map { #"{"org_id": "\#($0.org)", "account_id": "\#($0.account)"}"# }
        parts.append("\"accounts\": [" + accounts.joined(separator: ", ") + "]")
        let connections = p.connections.map { c in
            #"{"user_id": "\#(c.user)", "org_id": "\#(c.org)", "state": "\#(c.connected ? "CONNECTED" : "DISCONNECTED")", "updated_at": "\#(c.updatedAt.rfc3339(offsetMinutes: 0))"}"#
        }
        parts.append("\"connections\": [" + connections.joined(separator: ", ") + "]")
        let open = indent.isEmpty ? "{" : indent + "{\n      "
        let close = indent.isEmpty ? "}" : "\n" + indent + "}"
        return open + parts.joined(separator: separator) + close
    }

    private func xml(_ p: ScenarioProfile) -> String {
        var text = "  <profile>\n"
        for (key, value) in scalars(p) {
            guard let value else { continue }
            text += value.isEmpty ? "    <\(key)/>\n" : "    <\(key)>\(XMLText.escaped(value))</\(key)>\n"
        }
        text += "    <accounts>\n"
        for a in p.accounts {
            text += "      <account><org_id>\(a.org)</org_id><account_id>\(a.account)</account_id></account>\n"
        }
        text += "    </accounts>\n    <connections>\n"
        for c in p.connections {
            text += "      <connection><user_id>\(c.user)</user_id><org_id>\(c.org)</org_id><state>"
                + (c.connected ? "CONNECTED" : "DISCONNECTED")
                + "</state><updated_at>\(c.updatedAt.rfc3339(offsetMinutes: 0))</updated_at></connection>\n"
        }
        return text + "    </connections>\n  </profile>\n"
    }
}

/// JSON string literals.
enum JSONText {
    static func quoted(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default:
                if u.value < 0x20 { out += "\\u" + String(String(u.value, radix: 16).leftPadded(4)) } else { out.unicodeScalars.append(u) }
            }
        }
        return out + "\""
    }
}

/// XML character data and attribute values.
enum XMLText {
    static func escaped(_ s: String) -> String {
        guard s.utf8.contains(where: { $0 == 38 || $0 == 60 || $0 == 62 || $0 == 34 }) else { return s }
        return s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}

