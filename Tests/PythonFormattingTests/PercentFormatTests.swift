import Testing
import PythonFormatting

/// `template % arguments` through its API; the table holds the thousands of cases.
@Suite("printf-style formatting")
struct PercentFormatTests {
    @Test func tutorialLines() throws {
        #expect(try PercentFormat.format("%.3f", .single(.float(2.0 / 3))) == "0.667")
        #expect(try PercentFormat.format("%d/%d", .tuple([.int(3), .int(4)])) == "3/4")
        #expect(try PercentFormat.format("epoch %3d loss %.4f", .tuple([.int(7), .float(0.25)])) == "epoch   7 loss 0.2500")
        #expect(try PercentFormat.format("%-6s|%6s|", .tuple([.string("ab"), .string("cd")])) == "ab    |    cd|")
    }

    @Test func objectsShowTheirOwnText() throws {
        let tensor = FormatValue.object(RenderedObject(str: "tensor([1., 2.])", repr: "tensor([1., 2.])", typeName: "Tensor"))
        #expect(try PercentFormat.format("x = %s", .single(tensor)) == "x = tensor([1., 2.])")
        #expect(throws: PythonFormatError.realNumberRequired(code: "d", typeName: "Tensor")) {
            try PercentFormat.format("%d", .single(tensor))
        }
    }

    @Test func argumentCountsAreChecked() {
        #expect(throws: PythonFormatError.notEnoughArguments) {
            try PercentFormat.format("%s %s", .tuple([.int(1)]))
        }
        #expect(throws: PythonFormatError.notAllArgumentsConverted) {
            try PercentFormat.format("%s", .tuple([.int(1), .int(2)]))
        }
        #expect(throws: PythonFormatError.resultTooLarge) {
            try PercentFormat.format("%1000000000d", .single(.int(1)))
        }
    }
}
