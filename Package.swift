// swift-tools-version:6.0
import PackageDescription

// conv: a small language for 1-D convolution.
//
// Layers, from the bottom up:
//   ConvNumerics  tensors and convolution kernels; knows nothing of the language
//   ConvAutograd  reverse-mode autograd, losses and optimizers over ConvNumerics' tensors, with
//                 PyTorch's semantics; knows nothing of the language
//   PythonFormatting  Python's text formatting (float repr, format specs, %, str.format, str
//                 methods) on plain Swift values; knows nothing of the language
//   TorchFormatting  PyTorch's printout of tensors, sizes and dtypes (print options, wrapping,
//                 summarising, suffixes), on ConvNumerics tensors with PythonFormatting's floats
//   NumPyFormatting  NumPy's printout of arrays (str and repr, Dragon4 digits, wrapping,
//                 summarising), on ConvNumerics tensors with PythonFormatting's digits
//   ConvLang      the embeddable language: source, diagnostics, lexer, parser, evaluator, builtins
//   CEditLine     libedit's native histedit.h API, through fixed-arity shims
//   ConvCLI       the front ends: script runner and REPL (the only code touching stdio, files, the tty)
//   conv          the executable: argument parsing, then ConvCLI
let package = Package(
    name: "conv",
    products: [
        .library(name: "ConvLang", targets: ["ConvLang"]),
        .library(name: "ConvNumerics", targets: ["ConvNumerics"]),
        .library(name: "ConvAutograd", targets: ["ConvAutograd"]),
        .library(name: "PythonFormatting", targets: ["PythonFormatting"]),
        .library(name: "TorchFormatting", targets: ["TorchFormatting"]),
        .library(name: "NumPyFormatting", targets: ["NumPyFormatting"]),
        .executable(name: "conv", targets: ["conv"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // Python's unbounded integers: the values of `int` beyond 64 bits.
        .package(url: "https://github.com/attaswift/BigInt", from: "6.0.1"),
    ],
    targets: [
        // The convolution kernels' hot loops, compiled for AVX2 + FMA and the baseline, picked at run time.
        .target(name: "CConvKernels"),
        .target(name: "ConvNumerics", dependencies: ["CConvKernels"]),
        .target(name: "ConvAutograd", dependencies: ["ConvNumerics"]),
        .target(
            name: "ConvLang",
            dependencies: [
                "ConvNumerics", "ConvAutograd", "PythonFormatting", "TorchFormatting", "NumPyFormatting",
                .product(name: "BigInt", package: "BigInt"),
            ]
        ),
        // Python's text formatting, exactly as CPython 3.11 prints; no dependencies, no Foundation.
        .target(name: "PythonFormatting"),
        // PyTorch's tensor printout (torch/_tensor_str.py), exactly; knows nothing of the language.
        .target(name: "TorchFormatting", dependencies: ["ConvNumerics", "PythonFormatting"]),
        // NumPy's array printout (numpy/_core/arrayprint.py), exactly; knows nothing of the language.
        .target(name: "NumPyFormatting", dependencies: ["ConvNumerics", "PythonFormatting"]),
        .systemLibrary(
            name: "CEditLine",
            pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"]), .brew(["libedit"])]
        ),
        .target(
            name: "ConvCLI",
            dependencies: [
                "ConvLang",
                "CConvKernels",
                "CEditLine",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "conv", dependencies: ["ConvCLI"]),
        // `make bench`: the issue-6 workloads beside NumPy, SciPy and PyTorch; not a product for users.
        .executableTarget(name: "conv-bench", dependencies: ["ConvNumerics", "CConvKernels"]),
        // What the fuzz targets check, shared with the tests: generated programs, data files.
        .target(name: "ConvFuzzing", dependencies: ["ConvLang", "ConvNumerics"]),
        // Replays saved fuzz inputs; Fuzz/build-fuzzer.sh links the same sources into the fuzzers.
        .executableTarget(name: "conv-fuzz", dependencies: ["ConvLang", "ConvFuzzing"]),
        // What the test targets share: where the repository's test data is, and reading the goldens.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(
            name: "ConvNumericsTests",
            dependencies: ["ConvNumerics", "TestSupport"]
        ),
        .testTarget(
            name: "ConvAutogradTests",
            dependencies: ["ConvAutograd", "ConvNumerics", "TestSupport"]
        ),
        .testTarget(
            name: "ConvLangTests",
            dependencies: ["ConvLang", "ConvFuzzing", "TestSupport"]
        ),
        // The threading rules of Interpreter, run under the thread sanitizer by `make test-tsan`.
        .testTarget(
            name: "ConvLangConcurrencyTests",
            dependencies: ["ConvLang", "ConvNumerics"]
        ),
        .testTarget(
            name: "PythonFormattingTests",
            dependencies: ["PythonFormatting", "TestSupport"],
            // The case table is read at run time; its generator is run by hand with python3.
            exclude: ["cases.jsonl", "generate_cases.py"]
        ),
        .testTarget(
            name: "TorchFormattingTests",
            dependencies: ["TorchFormatting", "ConvNumerics", "TestSupport"]
        ),
        .testTarget(
            name: "NumPyFormattingTests",
            dependencies: ["NumPyFormatting", "ConvNumerics"]
        ),
        .testTarget(
            name: "ConvCLITests",
            dependencies: ["ConvCLI", "ConvLang", "TestSupport"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
