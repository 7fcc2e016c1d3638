import Foundation
import Testing
import TestSupport
import TorchFormatting

/// torch-print.json's value cases, each rebuilt at the formatter level and printed: `str` and
/// `repr` must match PyTorch character for character.
@Suite struct TorchPrintGoldenTests {
    /// The value cases the formatter alone can print (tensors, sizes, dtypes).
    static func formatterCases() throws -> [(name: String, str: String, repr: String, value: PrintedValue)] {
        try GoldenSet.cases("torch-print.json").compactMap { golden in
            guard let name = golden["name"] as? String, let str = golden["str"] as? String,
                  let repr = golden["repr"] as? String,
                  let value = PrintCaseTensors.literals[name] ?? PrintCaseTensors.random[name]?()
            else { return nil }
            return (name, str, repr, value)
        }
    }

    @Test func everyRebuiltCasePrintsAsPyTorch() throws {
        let cases = try Self.formatterCases()
        for entry in cases {
            let text = entry.value.text(entry.value.options)
            #expect(text == entry.str, "\(entry.name)")
            #expect(text == entry.repr, "\(entry.name)")
        }
        // Every entry of the table names a golden case (a misspelt name would silently drop it).
        #expect(cases.count == PrintCaseTensors.literals.count + PrintCaseTensors.random.count)
    }
}
