import ConvNumerics

/// The kind of outcome each numeric refusal is, read from its case (never from its wording):
/// the element limit, the interrupt flag, or an input the operation refuses.
///
/// A kernel stopped by the flag cannot tell the host's interrupt from the time limit; the
/// interpreter tells them apart when the run ends (``EvaluationContext/interruption(at:)``).
protocol KernelRefusal: Error, CustomStringConvertible {
    var diagnosticKind: Diagnostic.Kind { get }
}

extension ConvolutionError: KernelRefusal {
    var diagnosticKind: Diagnostic.Kind {
        switch self {
        case .tooLarge: .limit(.elements)
        case .outOfMemory: .limit(.memory)
        case .interrupted: .interrupted
        default: .runtime
        }
    }
}

extension ConvolutionTransposeError: KernelRefusal {
    var diagnosticKind: Diagnostic.Kind {
        switch self {
        case .tooLarge: .limit(.elements)
        case .outOfMemory: .limit(.memory)
        case .interrupted: .interrupted
        default: .runtime
        }
    }
}

extension PoolingError: KernelRefusal {
    var diagnosticKind: Diagnostic.Kind {
        switch self {
        case .tooLarge: .limit(.elements)
        case .outOfMemory: .limit(.memory)
        case .interrupted: .interrupted
        default: .runtime
        }
    }
}

extension SignalConvolution.Failure: KernelRefusal {
    var diagnosticKind: Diagnostic.Kind {
        switch self {
        case .tooLarge: .limit(.elements)
        case .interrupted: .interrupted
        default: .runtime
        }
    }
}

extension NPYFormat.Failure: KernelRefusal {
    var diagnosticKind: Diagnostic.Kind {
        switch self {
        case .tooLarge: .limit(.elements)
        case .outOfMemory: .limit(.memory)
        default: .runtime
        }
    }
}

extension CSVFormat.Failure: KernelRefusal {
    var diagnosticKind: Diagnostic.Kind {
        if case .tooLarge = self { return .limit(.elements) }
        return .runtime
    }
}

extension KernelRefusal {
    /// What to do about a refusal for want of memory; nothing for the others.
    var memoryNotes: [String] { diagnosticKind == .limit(.memory) ? [RuntimeError.memoryAdvice] : [] }
}
