import ConvNumerics
import Testing
import TorchFormatting

/// `set_printoptions`' rules and the corners of `_tensor_str` the golden cases do not reach.
@Suite struct TorchPrintOptionsTests {
    typealias D = TensorData

    static func text(_ tensor: Tensor, _ change: (inout TorchPrintOptions) -> Void = { _ in }) -> String {
        var options = TorchPrintOptions()
        change(&options)
        return TorchText.tensor(tensor, options: options)
    }

    @Test func profilesAndSciModeFollowSetPrintOptions() {
        var options = TorchPrintOptions()
        #expect(options == TorchPrintOptions(profile: .default))
        options.set(precision: 6, sciMode: true)
        #expect(options.precision == 6 && options.sciMode == true)
        // A call that does not name sci_mode turns the automatic choice back on.
        options.set(lineWidth: 100)
        #expect(options.sciMode == nil && options.precision == 6 && options.lineWidth == 100)
        options.set(profile: .short)
        #expect(options.precision == 2 && options.edgeItems == 2 && options.threshold == 1000 && options.lineWidth == 80)
        options.set(precision: 3, profile: .full)
        #expect(options.precision == 3 && options.threshold == .infinity && options.edgeItems == 3)
    }

    @Test func theFullProfileNeverSummarises() {
        let text = Self.text(D.arange(2000)) { $0.set(profile: .full) }
        #expect(!text.contains("..."))
        #expect(text.hasSuffix("1998, 1999])"))
        #expect(Self.text(D.arange(2000)) == "tensor([   0,    1,    2,  ..., 1997, 1998, 1999])")
    }

    @Test func noEdgeItemsLeaveOnlyTheEllipsis() {
        #expect(Self.text(D.arange(10)) { $0.set(threshold: 5, edgeItems: 0) } == "tensor([...])")
        #expect(Self.text(D.arange(16, float: true, shape: [4, 4])) { $0.set(threshold: 5, edgeItems: 0) } == "tensor([...])")
    }

    @Test func integralFloatsTurnScientificPastAHundredMillion() {
        #expect(Self.text(D.f32([1, 1e9] as [Double])) == "tensor([1.0000e+00, 1.0000e+09])")
        #expect(Self.text(D.f32([1, 1000] as [Double])) == "tensor([   1., 1000.])")
    }

    @Test func forcedScientificModeIgnoresTensorsWithoutNonzeroFiniteElements() {
        #expect(Self.text(D.f32([0, 0] as [Double])) { $0.set(sciMode: true) } == "tensor([0., 0.])")
        #expect(Self.text(D.f32([0, .infinity] as [Double])) { $0.set(sciMode: true) } == "tensor([0., inf])")
        #expect(Self.text(D.f32([0, 2] as [Double])) { $0.set(sciMode: true) } == "tensor([0.0000e+00, 2.0000e+00])")
    }

    @Test func suffixesWrapUnderTheFirstElement() {
        let marks = TensorMarks(requiresGrad: true)
        let wide = D.f32((0..<8).map { Double($0) + 0.5 })
        #expect(TorchText.tensor(wide, marks: marks)
                == "tensor([0.5000, 1.5000, 2.5000, 3.5000, 4.5000, 5.5000, 6.5000, 7.5000],\n       requires_grad=True)")
        #expect(TorchText.tensor(D.f64([1]), marks: TensorMarks(requiresGrad: true, gradFunction: "AddBackward0"))
                == "tensor([1.], dtype=torch.float64, grad_fn=<AddBackward0>)")
    }

    @Test func sizesAndDtypesReadAsPyTorchWritesThem() {
        #expect(TorchText.size([5, 4, 5]) == "torch.Size([5, 4, 5])")
        #expect(TorchText.size([7]) == "torch.Size([7])")
        #expect(DType.allCases.map(TorchText.dtype) == ["torch.float64", "torch.float32", "torch.int64", "torch.int32", "torch.bool"])
        #expect(Self.text(D.bool([], [0, 2])) == "tensor([], size=(0, 2), dtype=torch.bool)")
    }
}
