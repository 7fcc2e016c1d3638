import ConvNumerics

/// `torch.optim.SGD`: `lr`, `momentum`, `dampening`, `weight_decay`, `nesterov`.
public struct SGD: UpdateRule {
    public var lr: Double
    public var momentum: Double
    public var dampening: Double
    public var weightDecay: Double
    public var nesterov: Bool

    /// PyTorch's defaults; refuses what PyTorch refuses.
    public init(lr: Double = 1e-3, momentum: Double = 0, dampening: Double = 0, weightDecay: Double = 0, nesterov: Bool = false) throws(AutogradError) {
        try checkHyperparameter(lr >= 0, "Invalid learning rate: \(lr)")
        try checkHyperparameter(momentum >= 0, "Invalid momentum value: \(momentum)")
        try checkHyperparameter(weightDecay >= 0, "Invalid weight_decay value: \(weightDecay)")
        try checkHyperparameter(!nesterov || (momentum > 0 && dampening == 0), "Nesterov momentum requires a momentum and zero dampening")
        (self.lr, self.momentum, self.dampening, self.weightDecay, self.nesterov) = (lr, momentum, dampening, weightDecay, nesterov)
    }

    public var bufferCount: Int { 1 }
    public func initialValue(ofBuffer index: Int) -> Double { 0 }

    public var firstMomentum: Double? {
        get { momentum }
        set { if let newValue { momentum = newValue } }
    }

    public func apply(param: inout [Float], grad: [Float], buffers: inout [[Float]], step: Int) {
        update(&param, grad, &buffers, step)
    }

    public func apply(param: inout [Double], grad: [Double], buffers: inout [[Double]], step: Int) {
        update(&param, grad, &buffers, step)
    }

    private func update<S: GradScalar>(_ param: inout [S], _ grad: [S], _ buffers: inout [[S]], _ step: Int) {
        let (lr, mu, decay, keep) = (S(-lr), S(momentum), S(weightDecay), S(1 - dampening))
        for i in 0..<param.count {
            // PyTorch's `add(other, alpha=)` kernels fuse `self + alpha * other` into one
            // multiply-add, rounded once.
            var g = grad[i]
            if weightDecay != 0 { g = g.addingProduct(param[i], decay) }
            if momentum != 0 {
                // The buffer starts as a copy of the first gradient.
                let buffer = step == 1 ? g : (buffers[0][i] * mu).addingProduct(g, keep)
                buffers[0][i] = buffer
                g = nesterov ? g.addingProduct(buffer, mu) : buffer
            }
            param[i] = param[i].addingProduct(g, lr)
        }
    }
}

/// `torch.optim.Adam` and, with `decoupledWeightDecay`, `torch.optim.AdamW`.
public struct Adam: UpdateRule {
    public var lr: Double
    public var betas: (Double, Double)
    public var eps: Double
    public var weightDecay: Double
    public var amsgrad: Bool
    /// AdamW: decay the parameter itself (`p ·= 1 − lr·wd`) instead of adding to the gradient.
    public var decoupledWeightDecay: Bool

    /// `torch.optim.Adam`'s defaults; refuses what PyTorch refuses.
    public init(
        lr: Double = 1e-3, betas: (Double, Double) = (0.9, 0.999), eps: Double = 1e-8, weightDecay: Double = 0,
        amsgrad: Bool = false, decoupledWeightDecay: Bool = false
    ) throws(AutogradError) {
        try checkHyperparameter(lr >= 0, "Invalid learning rate: \(lr)")
        try checkHyperparameter(eps >= 0, "Invalid epsilon value: \(eps)")
        try checkHyperparameter((0..<1).contains(betas.0), "Invalid beta parameter at index 0: \(betas.0)")
        try checkHyperparameter((0..<1).contains(betas.1), "Invalid beta parameter at index 1: \(betas.1)")
        try checkHyperparameter(weightDecay >= 0, "Invalid weight_decay value: \(weightDecay)")
        (self.lr, self.betas, self.eps, self.weightDecay, self.amsgrad) = (lr, betas, eps, weightDecay, amsgrad)
        self.decoupledWeightDecay = decoupledWeightDecay
    }

    /// `torch.optim.AdamW` (weight decay 1e-2 by default).
    public static func adamW(
        lr: Double = 1e-3, betas: (Double, Double) = (0.9, 0.999), eps: Double = 1e-8, weightDecay: Double = 1e-2,
        amsgrad: Bool = false
    ) throws(AutogradError) -> Adam {
        try Adam(lr: lr, betas: betas, eps: eps, weightDecay: weightDecay, amsgrad: amsgrad, decoupledWeightDecay: true)
    }

    public var bufferCount: Int { amsgrad ? 3 : 2 }

    public var firstMomentum: Double? {
        get { betas.0 }
        set { if let newValue { betas.0 = newValue } }
    }
    public func initialValue(ofBuffer index: Int) -> Double { 0 }

    public func apply(param: inout [Float], grad: [Float], buffers: inout [[Float]], step: Int) {
        update(&param, grad, &buffers, step)
    }

    public func apply(param: inout [Double], grad: [Double], buffers: inout [[Double]], step: Int) {
        update(&param, grad, &buffers, step)
    }

    private func update<S: GradScalar>(_ param: inout [S], _ grad: [S], _ buffers: inout [[S]], _ step: Int) {
        let (beta1, beta2) = betas
        // Python computes these in double; the kernels take them as the parameter's type.
        let correction1 = 1 - Double.power(beta1, Double(step))
        let correction2Root = (1 - Double.power(beta2, Double(step))).squareRoot()
        let stepSize = S(-(lr / correction1)), root = S(correction2Root)
        let (w1, b2, w2, decay, epsilon) = (S(1 - beta1), S(beta2), S(1 - beta2), S(weightDecay), S(eps))
        let shrink = S(1 - lr * weightDecay)
        for i in 0..<param.count {
            var g = grad[i]
            if weightDecay != 0 {
                if decoupledWeightDecay { param[i] = param[i] * shrink } else { g = g + param[i] * decay }
            }
            let m = lerp(buffers[0][i], g, w1)
            let v = buffers[1][i] * b2 + w2 * g * g
            buffers[0][i] = m
            buffers[1][i] = v
            var second = v
            if amsgrad {
                second = Swift.max(buffers[2][i], v)
                buffers[2][i] = second
            }
            let denominator = second.squareRoot() / root + epsilon
            param[i] = param[i] + stepSize * m / denominator
        }
    }
}

/// `torch.optim.RMSprop`: `lr`, `alpha`, `eps`, `weight_decay`, `momentum`, `centered`.
public struct RMSprop: UpdateRule {
    public var lr: Double
    public var alpha: Double
    public var eps: Double
    public var weightDecay: Double
    public var momentum: Double
    public var centered: Bool

    /// PyTorch's defaults; refuses what PyTorch refuses.
    public init(
        lr: Double = 1e-2, alpha: Double = 0.99, eps: Double = 1e-8, weightDecay: Double = 0, momentum: Double = 0,
        centered: Bool = false
    ) throws(AutogradError) {
        try checkHyperparameter(lr >= 0, "Invalid learning rate: \(lr)")
        try checkHyperparameter(eps >= 0, "Invalid epsilon value: \(eps)")
        try checkHyperparameter(momentum >= 0, "Invalid momentum value: \(momentum)")
        try checkHyperparameter(weightDecay >= 0, "Invalid weight_decay value: \(weightDecay)")
        try checkHyperparameter(alpha >= 0, "Invalid alpha value: \(alpha)")
        (self.lr, self.alpha, self.eps, self.weightDecay, self.momentum, self.centered) = (lr, alpha, eps, weightDecay, momentum, centered)
    }

    /// Square average, gradient average (centered), momentum buffer.
    public var bufferCount: Int { 3 }

    public var firstMomentum: Double? {
        get { momentum }
        set { if let newValue { momentum = newValue } }
    }
    public func initialValue(ofBuffer index: Int) -> Double { 0 }

    public func apply(param: inout [Float], grad: [Float], buffers: inout [[Float]], step: Int) {
        update(&param, grad, &buffers, step)
    }

    public func apply(param: inout [Double], grad: [Double], buffers: inout [[Double]], step: Int) {
        update(&param, grad, &buffers, step)
    }

    private func update<S: GradScalar>(_ param: inout [S], _ grad: [S], _ buffers: inout [[S]], _ step: Int) {
        let (a, keep, decay, epsilon, mu, lr) = (S(alpha), S(1 - alpha), S(weightDecay), S(eps), S(momentum), S(-lr))
        for i in 0..<param.count {
            var g = grad[i]
            if weightDecay != 0 { g = g + param[i] * decay }
            let square = buffers[0][i] * a + keep * g * g
            buffers[0][i] = square
            var average: S
            if centered {
                let mean = lerp(buffers[1][i], g, keep)
                buffers[1][i] = mean
                average = (square + -1 * mean * mean).squareRoot()
            } else {
                average = square.squareRoot()
            }
            average = average + epsilon
            if momentum > 0 {
                let buffer = buffers[2][i] * mu + g / average
                buffers[2][i] = buffer
                param[i] = param[i] + buffer * lr
            } else {
                param[i] = param[i] + lr * g / average
            }
        }
    }
}

/// `torch.optim.Adagrad`: `lr`, `lr_decay`, `weight_decay`, `initial_accumulator_value`, `eps`.
public struct Adagrad: UpdateRule {
    public var lr: Double
    public var lrDecay: Double
    public var weightDecay: Double
    public var initialAccumulatorValue: Double
    public var eps: Double

    /// PyTorch's defaults; refuses what PyTorch refuses.
    public init(
        lr: Double = 1e-2, lrDecay: Double = 0, weightDecay: Double = 0, initialAccumulatorValue: Double = 0,
        eps: Double = 1e-10
    ) throws(AutogradError) {
        try checkHyperparameter(lr >= 0, "Invalid learning rate: \(lr)")
        try checkHyperparameter(lrDecay >= 0, "Invalid lr_decay value: \(lrDecay)")
        try checkHyperparameter(weightDecay >= 0, "Invalid weight_decay value: \(weightDecay)")
        try checkHyperparameter(initialAccumulatorValue >= 0, "Invalid initial_accumulator_value value: \(initialAccumulatorValue)")
        try checkHyperparameter(eps >= 0, "Invalid epsilon value: \(eps)")
        (self.lr, self.lrDecay, self.weightDecay, self.initialAccumulatorValue, self.eps) = (lr, lrDecay, weightDecay, initialAccumulatorValue, eps)
    }

    public var bufferCount: Int { 1 }
    public func initialValue(ofBuffer index: Int) -> Double { initialAccumulatorValue }

    public func apply(param: inout [Float], grad: [Float], buffers: inout [[Float]], step: Int) {
        update(&param, grad, &buffers, step)
    }

    public func apply(param: inout [Double], grad: [Double], buffers: inout [[Double]], step: Int) {
        update(&param, grad, &buffers, step)
    }

    private func update<S: GradScalar>(_ param: inout [S], _ grad: [S], _ buffers: inout [[S]], _ step: Int) {
        let rate = S(-(lr / (1 + Double(step - 1) * lrDecay)))
        let (decay, epsilon) = (S(weightDecay), S(eps))
        for i in 0..<param.count {
            var g = grad[i]
            if weightDecay != 0 { g = g + param[i] * decay }
            let total = buffers[0][i] + g * g
            buffers[0][i] = total
            param[i] = param[i] + rate * g / (total.squareRoot() + epsilon)
        }
    }
}
