import Testing
import PythonFormatting

/// Every case of the table CPython wrote, run through the module and compared exactly.
@Suite("CPython's case table")
struct CaseTableTests {
    @Test func floatRepr() throws {
        let count = try CaseTable.check("repr") { item in
            guard case .float(let number) = try item.value("value") else { return try item.value("value").repr }
            return PythonFloat.repr(number)
        }
        #expect(count > 6000)
    }

    @Test func formatSpecs() throws {
        let count = try CaseTable.check("format") { item in
            try PythonFormat.format(item.value("value"), spec: item.string("spec"))
        }
        #expect(count > 7000)
    }

    @Test func percentFormatting() throws {
        let count = try CaseTable.check("percent") { item in
            try PercentFormat.format(item.string("template"), CaseTable.percentArguments(item.fields["args"], line: item.line))
        }
        #expect(count > 3000)
    }

    @Test func strFormat() throws {
        let count = try CaseTable.check("strformat") { item in
            try FormatTemplate(parsing: item.string("template")).render(with: CaseTable.formatArguments(item))
        }
        #expect(count > 1500)
    }

    @Test func stringMethods() throws {
        let count = try CaseTable.check("method", run: StringMethodCases.run)
        #expect(count > 6000)
    }
}
