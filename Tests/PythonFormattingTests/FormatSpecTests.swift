import Testing
import PythonFormatting

/// `format(value, spec)` through each entry point, and the cases the table cannot hold.
@Suite("Format specs")
struct FormatSpecTests {
    @Test func eachSwiftTypeHasItsEntryPoint() throws {
        #expect(try PythonFormat.format(1234567, spec: ",") == "1,234,567")
        #expect(try PythonFormat.format(3.14159, spec: "8.3f") == "   3.142")
        #expect(try PythonFormat.format("ab", spec: "*^6") == "**ab**")
        #expect(try PythonFormat.format(true, spec: "") == "True")
        #expect(try PythonFormat.format(true, spec: "03") == "001")
        #expect(try PythonFormat.format(.float(0.25), spec: ".1%") == "25.0%")
    }

    @Test func errorsAreTypedWithPythonsText() {
        #expect(throws: PythonFormatError.unknownFormatCode("d", typeName: "str")) {
            try PythonFormat.format("a", spec: "d")
        }
        do {
            _ = try PythonFormat.format(5, spec: ".2")
            Issue.record("a precision on an int must be refused")
        } catch {
            #expect(error.description == "ValueError: Precision not allowed in integer format specifier")
        }
    }

    @Test func objectsWithoutFormatAcceptOnlyTheEmptySpec() throws {
        let tensor = FormatValue.object(RenderedObject(str: "tensor([1.])", repr: "tensor([1.])", typeName: "Tensor"))
        #expect(try PythonFormat.format(tensor, spec: "") == "tensor([1.])")
        #expect(try PythonFormat.format(.none, spec: "") == "None")
        #expect(throws: PythonFormatError.unsupportedFormatString(typeName: "Tensor")) {
            try PythonFormat.format(tensor, spec: ">20")
        }
        #expect(throws: PythonFormatError.unsupportedFormatString(typeName: "NoneType")) {
            try PythonFormat.format(.none, spec: "s")
        }
    }

    /// CPython would try to build these and run out of memory; the module refuses them at once.
    @Test func absurdWidthsAreRefusedBeforeBuilding() {
        #expect(throws: PythonFormatError.resultTooLarge) { try PythonFormat.format(1, spec: "1000000000") }
        #expect(throws: PythonFormatError.resultTooLarge) { try PythonFormat.format(1.5, spec: ".1000000000f") }
        #expect(throws: PythonFormatError.resultTooLarge) { try PythonFormat.format("a", spec: "<1000000000") }
    }
}
