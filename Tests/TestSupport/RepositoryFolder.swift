import Foundation

/// The folders of this repository that tests read, found from this file's place in it, so that
/// tests run from any working directory and need nothing outside the repository.
public enum RepositoryFolder {
    /// The package root: this file is `<root>/Tests/TestSupport/RepositoryFolder.swift`.
    public static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `Tests/Golden`: the golden PyTorch vectors (see its README).
    public static let golden = root.appendingPathComponent("Tests/Golden")

    /// `Tests/Programs`: programs with the exact text they show (see its README).
    public static let programs = root.appendingPathComponent("Tests/Programs")

    /// `Tests/Figures`: figures with known layout faults, for the test that checks every figure.
    public static let figures = root.appendingPathComponent("Tests/Figures")

    /// The project's shared golden set, which `Tests/Golden` copies. Only a checkout that sits
    /// beside it has it; a clone of the repository alone does not.
    public static let sharedGolden = root.deletingLastPathComponent().appendingPathComponent("shared/golden")
}
