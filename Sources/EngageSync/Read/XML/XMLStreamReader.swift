internal import CLibXML2

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A pull reader of XML events over libxml2's SAX2 push parser, the only code that touches libxml2.
///
/// It yields element starts (local name, namespace URI, attributes), text (character data and
/// CDATA joined into one run until the next tag) and element ends, each with an exact 1-based
/// line and column. Names are interned in the parser's dictionary, so `XMLName` values compare
/// by identity: ask `name(_:)` once for the names you look for, compare in the loop.
///
/// Why SAX and not `xmlTextReader`: the text reader's parser position runs up to a chunk ahead
/// of the node it returns (every node of a small file reports the last line), and its node line
/// numbers stop at 65535; a record error must name its exact place in files of any size. SAX2
/// also builds no tree, which is what the `xmllint --stream` speed target needs.
///
/// Security policy:
/// - **Any `<!DOCTYPE …>` is refused** (`DOCTYPE is not allowed …`). None of the formats read
///   here (Engage export, Salesforce SOAP/Bulk results, Metadata API files) ever carries one.
///   The parser is stopped when the DOCTYPE name is read, before the internal subset is parsed,
///   so no entity is ever declared: external entities (XXE) are neither fetched nor expanded,
///   and entity-expansion bombs (billion laughs) are refused at once.
/// - Options: `XML_PARSE_NONET` only. No `XML_PARSE_NOENT`, no DTD loading, attribute
///   defaulting or validation, no `XML_PARSE_HUGE`: libxml2's default limits stay (element depth
///   256, names 50,000 bytes, one attribute value or CDATA section 10 MB). Character data is
///   delivered in pieces, so a text value has no size limit (a 50 MB value reads).
/// - The encoding declared in the prolog (or a UTF-16 BOM) is honoured by libxml2; every name
///   and text handed to Swift is UTF-8.
final class XMLStreamReader {
    /// What the reader is positioned on after `next()`.
    enum Event: Equatable {
        case startElement
        case text
        case endElement
        case endOfDocument
    }

    /// An interned name (local name or namespace URI); equal names are the same pointer.
    struct XMLName: Hashable {
        fileprivate let pointer: UnsafeRawPointer
    }

    /// One attribute of the current start element.
    struct Attribute {
        var localName: XMLName
        var namespace: XMLName?
        var value: String
    }

    static let xsiNamespace = "http://www.w3.org/2001/XMLSchema-instance"

    let path: String
    let kind: InputKind

    private struct Item {
        var event: Event
        var name: XMLName?
        var namespace: XMLName?
        var attributes: Range<Int>
        var text: Range<Int>
        var line: Int
        var column: Int?
        var depth: Int
    }

    private var context: xmlParserCtxtPtr?
    private var handler = xmlSAXHandler()
    private var fd: Int32 = -1
    private var chunk: [UInt8]
    private var finished = false
    private var failure: InputError?

    private var queue: [Item] = []
    private var queueIndex = 0
    private var attributeStore: [Attribute] = []
    private var bytes: [UInt8] = []
    private var openTextStart: Int?
    private var openTextLine = 0
    private var openTextColumn: Int?
    private var depthNow = 0
    private var current = Item(event: .endOfDocument, name: nil, namespace: nil, attributes: 0..<0, text: 0..<0,
                               line: 0, column: nil, depth: 0)
    private var nameStrings: [XMLName: String] = [:]
    private var xsiName: XMLName?
    private var nilName: XMLName?
    private var xsiPrefix: UnsafePointer<xmlChar>?
    /// The last tag start whose column is known: its line, byte offset in the parser's (UTF-8)
    /// input and column. The next tag on that line counts on from there instead of scanning back
    /// to the start of the line, which made one-line (minified) files quadratic.
    private var columnMark: (line: Int, offset: Int, column: Int)?

    /// Opens `path`; a missing or empty file is an `InputError` of `kind`.
    init(path: String, kind: InputKind, chunkSize: Int = 64 * 1024) throws {
        self.path = path
        self.kind = kind
        self.chunk = [UInt8](repeating: 0, count: max(chunkSize, 16))
        fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            let reason = String(cString: strerror(errno))
            throw InputError(kind, SourceLocation(path: path), "cannot open file: \(reason)")
        }
        let count = try readChunk()
        guard count > 0 else {
            throw InputError(kind, SourceLocation(path: path), "file is empty")
        }
        installHandlers()
        engage_xml_silence_generic_errors()
        xmlResetLastError()
        let head = min(count, 4)
        let me = Unmanaged.passUnretained(self).toOpaque()
        context = chunk.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: head) { start in
                withUnsafeMutablePointer(to: &handler) { sax in
                    xmlCreatePushParserCtxt(sax, me, start, Int32(head), path)
                }
            }
        }
        guard let context else {
            throw InputError(kind, SourceLocation(path: path), "cannot start the XML parser")
        }
        xmlCtxtUseOptions(context, Int32(XML_PARSE_NONET.rawValue))
        xsiName = name(Self.xsiNamespace)
        nilName = name("nil")
        xsiPrefix = xmlDictLookup(context.pointee.dict, "xsi", -1)
        if count > head { try feed(from: head, to: count) }
    }

    deinit {
        if let context {
            if let doc = context.pointee.myDoc { xmlFreeDoc(doc) }
            xmlFreeParserCtxt(context)
        }
        if fd >= 0 { close(fd) }
    }

    // MARK: Names

    /// The interned name for `text`, to compare with `localName` and `namespace`.
    func name(_ text: String) -> XMLName {
        XMLName(pointer: UnsafeRawPointer(xmlDictLookup(context!.pointee.dict, text, -1)!))
    }

    /// The text of a name (cached).
    func string(_ name: XMLName) -> String {
        if let s = nameStrings[name] { return s }
        let s = String(cString: name.pointer.assumingMemoryBound(to: CChar.self))
        nameStrings[name] = s
        return s
    }

    // MARK: The current event

    var event: Event { current.event }
    /// Local name of the current start or end element.
    var localName: XMLName { current.name! }
    /// Namespace URI of the current start element, nil when it has none.
    var namespace: XMLName? { current.namespace }
    /// 1-based line of the current event (a start element: its `<`).
    var line: Int { current.line }
    /// 1-based column (in characters) of the current event, when known.
    var column: Int? { current.column }
    /// Depth of the current element: the root is 1.
    var depth: Int { current.depth }
    var location: SourceLocation { SourceLocation(path: path, line: current.line, column: current.column) }

    /// Attributes of the current start element.
    var attributes: ArraySlice<Attribute> { attributeStore[current.attributes] }

    /// The value of the current start element's attribute `localName` with no namespace.
    func attribute(_ localName: XMLName, namespace: XMLName? = nil) -> String? {
        for a in attributeStore[current.attributes] where a.localName == localName && a.namespace == namespace {
            return a.value
        }
        return nil
    }

    /// True when the current start element has `xsi:nil="true"` (or `"1"`).
    var isNil: Bool {
        for a in attributeStore[current.attributes] where a.localName == nilName && a.namespace == xsiName {
            let v = a.value.trimmingXMLWhitespace
            return v == "true" || v == "1"
        }
        return false
    }

    /// The current text run, as UTF-8 `String`.
    var text: String {
        bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[current.text]), as: UTF8.self) }
    }

    /// True when the current text run holds only XML whitespace.
    var textIsWhitespace: Bool {
        for b in bytes[current.text] where !(b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09) { return false }
        return true
    }

    // MARK: Reading

    /// Moves to the next event. After an error every call throws the same error.
    @discardableResult
    func next() throws -> Event {
        if let failure { throw failure }
        while queueIndex >= queue.count {
            if current.event == .endOfDocument && finished { return .endOfDocument }
            resetQueue()
            if finished {
                current = Item(event: .endOfDocument, name: nil, namespace: nil, attributes: 0..<0, text: 0..<0,
                               line: current.line, column: nil, depth: 0)
                return .endOfDocument
            }
            let count = try readChunk()
            try feed(from: 0, to: count)
        }
        current = queue[queueIndex]
        queueIndex += 1
        return current.event
    }

    /// Skips the rest of the current element (after its start event), children included.
    func skipElement() throws {
        guard current.event == .startElement else { return }
        let target = current.depth
        while true {
            let e = try next()
            if e == .endElement && current.depth == target { return }
            if e == .endOfDocument { return }
        }
    }

    /// An `InputError` at the current event.
    func error(_ message: String) -> InputError {
        InputError(kind, location, message)
    }

    // MARK: Private

    private func readChunk() throws -> Int {
        let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if n < 0 {
            let reason = String(cString: strerror(errno))
            throw InputError(kind, SourceLocation(path: path), "cannot read file: \(reason)")
        }
        return n
    }

    private func feed(from start: Int, to end: Int) throws {
        guard let context else { return }
        // libxml2's error handlers are per thread, and a reader may be fed on another thread
        // than the one that opened it (the export is read ahead on a second thread).
        engage_xml_silence_generic_errors()
        let terminate: Int32 = end == 0 ? 1 : 0
        let status = chunk.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { base in
                xmlParseChunk(context, base + start, Int32(end - start), terminate)
            }
        }
        if terminate == 1 {
            finished = true
            closeText()
        }
        if failure == nil && (status != 0 || context.pointee.wellFormed == 0) {
            let line = Int(context.pointee.input?.pointee.line ?? 0)
            failure = InputError(kind, SourceLocation(path: path, line: line > 0 ? line : nil), unreportedError())
        }
        if let failure { throw failure }
    }

    /// The error libxml2 raised without the parser context (only an encoding conversion does),
    /// else the generic message.
    private func unreportedError() -> String {
        guard let last = xmlGetLastError(), last.pointee.domain == Int32(XML_FROM_I18N.rawValue),
              let text = last.pointee.message else { return "XML is not well-formed" }
        var message = String(cString: text)
        while message.last == "\n" || message.last == " " { message.removeLast() }
        let declared = context?.pointee.encoding.map { " (\(String(cString: $0)))" } ?? ""
        return "the bytes do not match the declared encoding\(declared): \(message)"
    }

    private func resetQueue() {
        queue.removeAll(keepingCapacity: true)
        queueIndex = 0
        attributeStore.removeAll(keepingCapacity: true)
        if let start = openTextStart {
            bytes.removeSubrange(0..<start)
            openTextStart = 0
        } else if bytes.capacity > 4 << 20 {
            bytes = []
        } else {
            bytes.removeAll(keepingCapacity: true)
        }
    }

    private func closeText() {
        guard let start = openTextStart else { return }
        openTextStart = nil
        queue.append(Item(event: .text, name: nil, namespace: nil, attributes: 0..<0, text: start..<bytes.count,
                          line: openTextLine, column: openTextColumn, depth: depthNow))
    }

    /// Line and column of the `<` that starts the tag the parser has just read.
    private func tagStart() -> (Int, Int?) {
        guard let input = context?.pointee.input?.pointee, let cur = input.cur, let base = input.base else {
            return (0, nil)
        }
        var line = Int(input.line)
        var p = cur
        var chars = 0
        var lines = 0
        while p > base {
            p -= 1
            let b = p.pointee
            if b == UInt8(ascii: "<") { break }
            if b == 0x0A { lines += 1 }
            if b & 0xC0 != 0x80 { chars += 1 }
        }
        guard p.pointee == UInt8(ascii: "<") else { return (line, nil) }
        line -= lines
        let consumed = Int(input.consumed)
        let offset = consumed + (p - base)
        if let mark = columnMark, mark.line == line, mark.offset >= consumed, mark.offset <= offset {
            // Same line as the last tag, still buffered: count on from it.
            var q = base + (mark.offset - consumed)
            var column = mark.column
            while q < p {
                if q.pointee & 0xC0 != 0x80 { column += 1 }
                q += 1
            }
            columnMark = (line, offset, column)
            return (line, column)
        }
        // Column: count characters back to the start of the line, when it is still buffered.
        var q = p
        var column = 1
        while q > base {
            q -= 1
            let b = q.pointee
            if b == 0x0A {
                columnMark = (line, offset, column)
                return (line, column)
            }
            if b & 0xC0 != 0x80 { column += 1 }
        }
        if lines == 0 {
            column = max(1, Int(input.col) - chars - 1)
            columnMark = (line, offset, column)
            return (line, column)
        }
        return (line, nil)
    }

    fileprivate func didStart(_ localname: UnsafePointer<xmlChar>?, _ prefix: UnsafePointer<xmlChar>?,
                              _ uri: UnsafePointer<xmlChar>?, _ count: Int32,
                              _ attrs: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
        closeText()
        depthNow += 1
        let dict = context!.pointee.dict
        let first = attributeStore.count
        if let attrs, count > 0 {
            for i in 0..<Int(count) {
                let a = attrs + i * 5
                guard let local = a[0], let start = a[3], let end = a[4] else { continue }
                var ns: XMLName?
                if let u = a[2] {
                    ns = XMLName(pointer: UnsafeRawPointer(xmlDictLookup(dict, u, -1)!))
                } else if let p = a[1], xmlStrEqual(p, xsiPrefix) != 0 {
                    ns = xsiName  // an undeclared `xsi:` prefix still means XML Schema instance
                }
                let value = String(decoding: UnsafeBufferPointer(start: start, count: end - start), as: UTF8.self)
                attributeStore.append(Attribute(localName: XMLName(pointer: UnsafeRawPointer(local)), namespace: ns,
                                                value: value))
            }
        }
        let (line, column) = tagStart()
        queue.append(Item(event: .startElement, name: localname.map { XMLName(pointer: UnsafeRawPointer($0)) },
                          namespace: uri.map { XMLName(pointer: UnsafeRawPointer(xmlDictLookup(dict, $0, -1)!)) },
                          attributes: first..<attributeStore.count, text: 0..<0, line: line, column: column,
                          depth: depthNow))
    }

    fileprivate func didEnd(_ localname: UnsafePointer<xmlChar>?) {
        closeText()
        let input = context?.pointee.input?.pointee
        queue.append(Item(event: .endElement, name: localname.map { XMLName(pointer: UnsafeRawPointer($0)) },
                          namespace: nil, attributes: 0..<0, text: 0..<0, line: Int(input?.line ?? 0),
                          column: nil, depth: depthNow))
        depthNow -= 1
    }

    fileprivate func didRead(_ chars: UnsafePointer<xmlChar>?, _ count: Int32) {
        guard let chars, count > 0 else { return }
        if openTextStart == nil {
            openTextStart = bytes.count
            let input = context?.pointee.input?.pointee
            openTextLine = Int(input?.line ?? 0)
            openTextColumn = nil
        }
        bytes.append(contentsOf: UnsafeBufferPointer(start: chars, count: Int(count)))
    }

    fileprivate func didSeeDoctype() {
        let (line, column) = tagStart()
        fail(line: line, column: column,
             "DOCTYPE is not allowed (entity declarations are never read: no external entities, no entity expansion)")
        if let context { xmlStopParser(context) }
    }

    /// When elements are still open at the end of the input: what a truncated file is told.
    fileprivate func openElementsMessage() -> String? {
        guard depthNow > 0, let name = context?.pointee.name else { return nil }
        let count = depthNow == 1 ? "1 element still open" : "\(depthNow) elements still open"
        return "the document ends inside <\(String(cString: name))> (\(count)): the file is truncated or an end tag is missing"
    }

    fileprivate func fail(line: Int, column: Int?, _ message: String) {
        guard failure == nil else { return }
        failure = InputError(kind, SourceLocation(path: path, line: line > 0 ? line : nil,
                                                  column: line > 0 && (column ?? 0) > 0 ? column : nil), message)
    }

    private func installHandlers() {
        handler.initialized = XML_SAX2_MAGIC
        handler.startElementNs = { ctx, localname, prefix, uri, _, _, count, _, attrs in
            Unmanaged<XMLStreamReader>.fromOpaque(ctx!).takeUnretainedValue().didStart(localname, prefix, uri, count, attrs)
        }
        handler.endElementNs = { ctx, localname, _, _ in
            Unmanaged<XMLStreamReader>.fromOpaque(ctx!).takeUnretainedValue().didEnd(localname)
        }
        handler.characters = { ctx, chars, count in
            Unmanaged<XMLStreamReader>.fromOpaque(ctx!).takeUnretainedValue().didRead(chars, count)
        }
        handler.cdataBlock = { ctx, chars, count in
            Unmanaged<XMLStreamReader>.fromOpaque(ctx!).takeUnretainedValue().didRead(chars, count)
        }
        handler.internalSubset = { ctx, _, _, _ in
            Unmanaged<XMLStreamReader>.fromOpaque(ctx!).takeUnretainedValue().didSeeDoctype()
        }
        handler.serror = { ctx, error in
            guard let ctx, let error else { return }
            let e = error.pointee
            guard e.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
            // Unbound prefixes are namespace errors, not well-formedness errors: read on.
            if e.domain == Int32(XML_FROM_NAMESPACE.rawValue) && e.level.rawValue < XML_ERR_FATAL.rawValue { return }
            var message = e.message.map { String(cString: $0) } ?? "XML is not well-formed"
            while message.last == "\n" || message.last == " " { message.removeLast() }
            message = message.split(separator: "\n").joined(separator: "; ")  // one headline line
            let reader = Unmanaged<XMLStreamReader>.fromOpaque(ctx).takeUnretainedValue()
            if e.code == Int32(XML_ERR_DOCUMENT_END.rawValue), let open = reader.openElementsMessage() {
                message = open  // the push parser's word for a document cut off inside an element
            }
            reader.fail(line: Int(e.line), column: Int(e.int2), message)
        }
    }
}

extension String {
    /// The string without leading and trailing XML whitespace (space, tab, CR, LF).
    var trimmingXMLWhitespace: String {
        let u = utf8
        guard let first = u.firstIndex(where: { !($0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D) }) else {
            return ""
        }
        let last = u.lastIndex(where: { !($0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D) })!
        if first == u.startIndex && last == u.index(before: u.endIndex) { return self }
        return String(self[first...last])
    }
}
