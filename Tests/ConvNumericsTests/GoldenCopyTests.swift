import Foundation
import Testing
import TestSupport

/// `Tests/Golden` holds copies of the project's shared golden set, so that a clone of the
/// repository alone has everything its tests read. The copies must stay exactly what PyTorch
/// wrote: every clone checks them against the sizes and checksums recorded here, and a checkout
/// that has the shared set beside it checks them byte for byte against it as well.
@Suite("The golden PyTorch vectors in Tests/Golden")
struct GoldenCopyTests {
    struct Fingerprint {
        var cases: Int
        var bytes: Int
        /// 64-bit FNV-1a of the whole file: any edit changes it.
        var checksum: UInt64
    }

    /// Every golden file, as it was copied.
    static let fingerprints: [String: Fingerprint] = [
        "torch-grad.json": .init(cases: 179, bytes: 259_618, checksum: 0xe8e1_503f_d252_3893),
        "torch-init.json": .init(cases: 24, bytes: 51_899, checksum: 0x37a5_6a9b_9c9b_97df),
        "torch-layers.json": .init(cases: 60, bytes: 79_597, checksum: 0xcd2e_da12_953b_f8d8),
        "torch-ops.json": .init(cases: 364, bytes: 367_752, checksum: 0x4ab7_ba25_b864_9312),
        "torch-optim.json": .init(cases: 17, bytes: 118_045, checksum: 0xf147_8ddb_e006_1869),
        "torch-print.json": .init(cases: 162, bytes: 43_750, checksum: 0x321a_bc7f_19ca_a8ed),
        "torch-random.json": .init(cases: 40, bytes: 60_136, checksum: 0x1495_2690_2ecc_1b6a),
    ]

    static func jsonFiles(in folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }.sorted()
    }

    static func fnv1a(_ data: Data) -> UInt64 {
        data.reduce(0xcbf2_9ce4_8422_2325) { hash, byte in (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
    }

    @Test func everyCopyIsPresentUneditedAndHasItsCases() throws {
        #expect(try Self.jsonFiles(in: RepositoryFolder.golden) == Self.fingerprints.keys.sorted())
        for (name, fingerprint) in Self.fingerprints {
            let data = try Data(contentsOf: RepositoryFolder.golden.appendingPathComponent(name))
            #expect(data.count == fingerprint.bytes, "\(name) has \(data.count) bytes")
            #expect(Self.fnv1a(data) == fingerprint.checksum, "\(name) was edited")
            #expect(try GoldenSet.cases(name).count == fingerprint.cases, "\(name)")
        }
    }

    /// Beside the shared set (a checkout in the project's workspace), every file there has a
    /// byte-identical copy here, so a change to the shared set cannot go unnoticed. A clone of
    /// the repository alone has no shared set: the copies must then be readable on their own.
    @Test func copiesAreByteIdenticalToTheSharedSetBesideTheRepository() throws {
        let shared = RepositoryFolder.sharedGolden
        guard FileManager.default.fileExists(atPath: shared.path) else {
            for name in Self.fingerprints.keys {
                let data = try Data(contentsOf: RepositoryFolder.golden.appendingPathComponent(name))
                #expect(try JSONSerialization.jsonObject(with: data) is [String: Any], "\(name)")
            }
            return
        }
        let sharedNames = try Self.jsonFiles(in: shared)
        #expect(sharedNames == Self.fingerprints.keys.sorted(), "the shared set has other files than the copies")
        for name in sharedNames {
            let original = try Data(contentsOf: shared.appendingPathComponent(name))
            let copy = try? Data(contentsOf: RepositoryFolder.golden.appendingPathComponent(name))
            #expect(copy == original, "Tests/Golden/\(name) differs from the shared set's \(name)")
        }
    }
}
