/// Builds a `YAMLNode` tree from libyaml events, refusing what our files never need and what
/// hostile input uses: anchors and aliases (no alias can expand, so an alias bomb stops at its
/// first `&anchor`), tags other than `!!str`, more than one document, nesting deeper than
/// `maxDepth`, duplicate keys, non-text keys, tabs in indentation, bytes that are not UTF-8.
enum YAMLComposer {
    /// Deeper nesting is refused; our files need about five levels.
    static let maxDepth = 64

    private enum Frame {
        case sequence(mark: YAMLMark, items: [YAMLNode])
        case mapping(mark: YAMLMark, entries: [YAMLEntry], pendingKey: (String, YAMLMark)?, seen: [String: YAMLMark])
    }

    static func compose(bytes: [UInt8], path: String, kind: InputKind) throws(InputError) -> YAMLDocument {
        let lines = YAMLDocument.splitLines(bytes)
        func fail(_ mark: YAMLMark, _ message: String) -> InputError {
            YAMLDocument.error(kind: kind, path: path, lines: lines, mark: mark, message)
        }
        if bytes.isEmpty { throw fail(YAMLMark(line: 1, column: 1), "the file is empty") }
        if let bad = firstInvalidUTF8(bytes) {
            throw fail(bad.mark, String(format: "the file is not UTF-8 (byte 0x%02X)", bad.byte))
        }
        let parser = YAMLParser(bytes: bytes)
        var stack: [Frame] = []
        var root: YAMLNode?
        var documents = 0
        var blockScalarLines: [ClosedRange<Int>] = []

        func add(_ node: YAMLNode) throws(InputError) {
            guard let top = stack.popLast() else {
                root = node
                return
            }
            switch top {
            case .sequence(let mark, var items):
                items.append(node)
                stack.append(.sequence(mark: mark, items: items))
            case .mapping(let mark, var entries, let pending, var seen):
                if let (key, keyMark) = pending {
                    entries.append(YAMLEntry(key: key, keyMark: keyMark, value: node))
                    stack.append(.mapping(mark: mark, entries: entries, pendingKey: nil, seen: seen))
                } else {
                    guard case .scalar(let key, _) = node.content else {
                        throw fail(node.mark, "a key must be a text, not \(node.kindName)")
                    }
                    if let first = seen[key] {
                        throw fail(node.mark, "duplicate key '\(key)' (first at \(first))")
                    }
                    seen[key] = node.mark
                    stack.append(.mapping(mark: mark, entries: entries, pendingKey: (key, node.mark), seen: seen))
                }
            }
        }

        func checkNoAnchor(_ anchor: String?, _ tag: String?, _ mark: YAMLMark, scalar: Bool) throws(InputError) {
            if let anchor {
                throw fail(mark, "anchors and aliases are not supported (found '&\(anchor)'); write the value out")
            }
            if let tag, !(scalar && (tag == "tag:yaml.org,2002:str" || tag == "!")) {
                throw fail(mark, "tags are not supported (found '\(tag)'); quote the value to keep it as text")
            }
        }

        do {
            loop: while true {
                let (event, start, end) = try parser.next()
                switch event {
                case .streamStart, .documentEnd:
                    break
                case .streamEnd:
                    break loop
                case .documentStart:
                    documents += 1
                    if documents > 1 { throw fail(start, "only one YAML document is allowed per file") }
                case .alias(let name):
                    throw fail(start, "anchors and aliases are not supported (found '*\(name)'); write the value out")
                case .scalar(let text, let style, let anchor, let tag):
                    try checkNoAnchor(anchor, tag, start, scalar: true)
                    if style == .literal || style == .folded { blockScalarLines.append(start.line...end.line) }
                    try add(YAMLNode(content: .scalar(text, style), mark: start))
                case .sequenceStart(let anchor, let tag), .mappingStart(let anchor, let tag):
                    try checkNoAnchor(anchor, tag, start, scalar: false)
                    if stack.count >= maxDepth { throw fail(start, "nesting is deeper than \(maxDepth) levels") }
                    if case .sequenceStart = event {
                        stack.append(.sequence(mark: start, items: []))
                    } else {
                        stack.append(.mapping(mark: start, entries: [], pendingKey: nil, seen: [:]))
                    }
                case .sequenceEnd:
                    guard case .sequence(let mark, let items) = stack.popLast() else { break }
                    try add(YAMLNode(content: .sequence(items), mark: mark))
                case .mappingEnd:
                    guard case .mapping(let mark, let entries, _, _) = stack.popLast() else { break }
                    try add(YAMLNode(content: .mapping(entries), mark: mark))
                }
            }
        } catch let error as YAMLSyntaxError {
            // A tab in the indentation at or before the problem is the likely cause: say so.
            if let tab = firstIndentationTab(lines, through: error.mark.line, skipping: []) {
                throw fail(tab, "tab character used for indentation; indent with spaces")
            }
            throw fail(error.mark, error.message)
        } catch let error as InputError {
            throw error
        } catch {
            throw fail(YAMLMark(line: 1, column: 1), "\(error)")
        }
        if let tab = firstIndentationTab(lines, through: lines.count, skipping: blockScalarLines) {
            throw fail(tab, "tab character used for indentation; indent with spaces")
        }
        guard let root, !root.isNull else {
            throw fail(YAMLMark(line: 1, column: 1), "the file is empty")
        }
        return YAMLDocument(path: path, kind: kind, root: root, lines: lines)
    }

    /// The first line up to `through` (outside block scalars) whose leading white space holds a tab
    /// before some content.
    private static func firstIndentationTab(_ lines: [String], through last: Int,
                                            skipping ranges: [ClosedRange<Int>]) -> YAMLMark? {
        for (i, line) in lines.prefix(last).enumerated() {
            let number = i + 1
            guard line.contains("\t"), !ranges.contains(where: { $0.contains(number) && $0.lowerBound != number })
            else { continue }
            var column = 1
            var tabColumn: Int?
            for c in line {
                if c == " " {
                } else if c == "\t" {
                    if tabColumn == nil { tabColumn = column }
                } else {
                    if let tabColumn { return YAMLMark(line: number, column: tabColumn) }
                    break
                }
                column += 1
            }
        }
        return nil
    }

    private static func firstInvalidUTF8(_ bytes: [UInt8]) -> (mark: YAMLMark, byte: UInt8)? {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        var line = 1
        var column = 1
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar):
                offset += scalar.count
                if scalar.count == 1 && scalar.first == 0x0A {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
            case .error:
                return (YAMLMark(line: line, column: column), bytes[offset])
            case .emptyInput:
                return nil
            }
        }
    }
}
