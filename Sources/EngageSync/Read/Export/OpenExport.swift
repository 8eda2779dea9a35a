/// Opens an export with the reader its encoding needs (`ExportFormat.detect(path:)`), after the
/// checks every input file goes through. The encoding is decided by the content, never by the
/// file name.
public func openExport(path: String) throws -> any ExportReader {
    try InputFileChecks.requireReadableFile(path, kind: .export)
    switch try ExportFormat.detect(path: path) {
    case .json:
        return try JSONExportReader(path: path)
    case .jsonLines:
        return try JSONLinesExportReader(path: path)
    case .xml:
        return try XMLExportReader(path: path)
    }
}
