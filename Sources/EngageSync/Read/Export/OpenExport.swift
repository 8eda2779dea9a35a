/// Opens an export with the reader its encoding needs (`ExportFormat.detect(path:)`).
///
/// Integration note: the XML reader lives on another branch. When it is merged, replace the
/// `.xml` case's `throw` with `return try XMLExportReader(path: path)`.
public func openExport(path: String) throws -> any ExportReader {
    switch try ExportFormat.detect(path: path) {
    case .json:
        return try JSONExportReader(path: path)
    case .jsonLines:
        return try JSONLinesExportReader(path: path)
    case .xml:
        throw InputError(.export, SourceLocation(path: path), "XML exports cannot be read by this build yet")
    }
}
