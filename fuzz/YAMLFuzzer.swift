import EngageSync
import Foundation

/// libFuzzer target: the YAML loaders over libyaml. Every input goes through the mapping, the
/// manifest and the config loader (each its own schema; most inputs fail all three, which is
/// the point: the error paths with their snippets are what hand-edited files reach).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzYAML(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let path = FuzzInput.write(data, size, ext: "yaml")
    _ = try? MappingLoader.load(path: path)
    _ = try? ManifestLoader.load(path: path)
    _ = try? ConfigLoader.load(path: path)
    return 0
}
