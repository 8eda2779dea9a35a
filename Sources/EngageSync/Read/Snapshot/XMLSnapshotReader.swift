/// Reads a CRM snapshot file in XML: a SOAP `queryResponse` (with or without the
/// `soapenv:Envelope`/`Body`) or a Bulk API `<results>` document, one `<records>` at a time.
///
/// Field names are lowercased local names; `type` (`sf:type`) is not a field; the partner API's
/// repeated `Id` is kept once; `xsi:nil="true"` and empty elements are null (absent); nested
/// relationship objects become dotted names (`to_engage_profile_vod__r.vexternal_id_vod__c`);
/// nested sub-query results are skipped. A record's location is its `<records>` element.
public enum XMLSnapshotReader {
    public static func forEachRecord(in path: String, _ body: (SnapshotRecord) throws -> Void) throws {
        let xml = try XMLStreamReader(path: path, kind: .snapshot)
        var reader = Reader(xml: xml)
        try reader.run(body)
    }

    private struct Reader {
        let xml: XMLStreamReader
        let records: XMLStreamReader.XMLName
        let type: XMLStreamReader.XMLName
        let xsiType: XMLStreamReader.XMLName
        let xsi: XMLStreamReader.XMLName
        var lowercased: [XMLStreamReader.XMLName: String] = [:]

        init(xml: XMLStreamReader) {
            self.xml = xml
            records = xml.name("records")
            type = xml.name("type")
            xsiType = xml.name("type")
            xsi = xml.name(XMLStreamReader.xsiNamespace)
        }

        mutating func run(_ body: (SnapshotRecord) throws -> Void) throws {
            var event = try xml.next()
            while event != .startElement {
                if event == .endOfDocument { throw xml.error("document has no root element") }
                event = try xml.next()
            }
            let root = xml.string(xml.localName)
            guard root == "Envelope" || root == "queryResponse" || root == "results" else {
                throw xml.error("root element is <\(root)>, expected a SOAP queryResponse or Bulk API <results>")
            }
            while true {
                switch try xml.next() {
                case .startElement where xml.localName == records:
                    try body(try readRecord())
                case .startElement where xml.string(xml.localName) == "Fault":
                    throw xml.error("the file holds a SOAP fault, not query results")
                case .endOfDocument:
                    return
                default:
                    continue
                }
            }
        }

        mutating func name(_ n: XMLStreamReader.XMLName) -> String {
            if let s = lowercased[n] { return s }
            let s = xml.string(n).lowercased()
            lowercased[n] = s
            return s
        }

        mutating func readRecord() throws -> SnapshotRecord {
            var record = SnapshotRecord(fields: [:], location: xml.location)
            try readFields(prefix: "", into: &record.fields)
            return record
        }

        /// Reads the children of the element just started, to its end.
        mutating func readFields(prefix: String, into fields: inout [String: String]) throws {
            while true {
                switch try xml.next() {
                case .startElement:
                    try readField(prefix: prefix, into: &fields)
                case .endElement, .endOfDocument:
                    return
                case .text:
                    continue
                }
            }
        }

        /// Reads the field element just started.
        mutating func readField(prefix: String, into fields: inout [String: String]) throws {
            if xml.localName == type || xml.isNil {
                try xml.skipElement()
            } else if let t = xml.attribute(xsiType, namespace: xsi), t.hasSuffix("QueryResult") {
                try xml.skipElement()  // a sub-query's child records
            } else {
                try readValue(key: prefix + name(xml.localName), into: &fields)
            }
        }

        /// Reads one field: its text, or, when it holds elements, a relationship object. A field
        /// repeated with the same value (the partner API's `Id`) is kept once; with another value
        /// it is an error.
        mutating func readValue(key: String, into fields: inout [String: String]) throws {
            let start = xml.location
            var text = ""
            while true {
                switch try xml.next() {
                case .text:
                    text += xml.text
                case .startElement:
                    // A relationship object: its fields go under `key.`; its text was indentation.
                    try readField(prefix: key + ".", into: &fields)
                    try readFields(prefix: key + ".", into: &fields)
                    return
                case .endElement, .endOfDocument:
                    guard !text.isEmpty else { return }
                    if let first = fields[key], first != text {
                        func shown(_ s: String) -> String { s.count > 40 ? s.prefix(40) + "…" : s }
                        throw InputError(.snapshot, start,
                                         "field '\(key)' repeated with another value ('\(shown(first))', then '\(shown(text))')")
                    }
                    fields[key] = text
                    return
                }
            }
        }
    }
}
