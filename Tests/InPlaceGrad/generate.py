"""Writes inplace-grad.json: what PyTorch does for in-place operations and dtype conversions on
tensors in a graph. Run with PyTorch 2.15 installed, from this folder:

    python generate.py > inplace-grad.json

Each case is a program that conv runs as it is. For a case that runs through, the file holds
`grad_fn` (the class name of `y.grad_fn`) and the gradient of each leaf named in `grads`
(flattened, with its dtype); for a case PyTorch refuses, `error` is the text of the exception.
"""
import json

import torch
import torch.nn as nn
import torch.nn.functional as F

VECTOR = """x = torch.tensor([0.5, -1.5, 2.0, -0.25], dtype=torch.float64, requires_grad=True)
w = torch.tensor([1.0, -2.0, 3.0, 0.5], dtype=torch.float64)
y = x * 1.5"""
MATRIX = """x = torch.tensor([[0.5, -1.5, 2.0], [-0.25, 1.25, -3.0]], dtype=torch.float64, requires_grad=True)
w = torch.tensor([[1.0, -2.0, 3.0], [0.5, 4.0, -1.0]], dtype=torch.float64)
y = x * 1.5"""
FLOAT32 = """x = torch.tensor([0.5, -1.5, 2.0], requires_grad=True)
y = x * 2"""
BACKWARD = "(y * w).sum().backward()"

RECORDED = {
    "add-number": "y.add_(2)",
    "add-tensor-alpha": "y.add_(x, alpha=-3)",
    "sub-tensor": "y.sub_(x * x)",
    "mul-number": "y.mul_(-2)",
    "mul-tensor": "y.mul_(x)",
    "div-number": "y.div_(4)",
    "div-tensor": "y.div_(x + 3)",
    "relu": "y.relu_()",
    "sigmoid": "y.sigmoid_()",
    "tanh": "y.tanh_()",
    "exp": "y.exp_()",
    "log": "y.abs_()\ny.log_()",
    "sqrt": "y.abs_()\ny.sqrt_()",
    "neg": "y.neg_()",
    "clamp-min": "y.clamp_(min=0)",
    "clamp-both": "y.clamp_(-1, 2.25)",
    "clamp-max": "y.clamp_(max=0.5)",
    "clamp-out-of-place": "y = y.clamp(min=-0.5)",
    "fill": "y.fill_(7)",
    "zero": "y.zero_()",
    "copy-tensor": "y.copy_(x * x)",
    "copy-constant": "y.copy_(w)",
    "iadd": "y += x",
    "isub": "y -= 2 * x",
    "imul": "y *= x",
    "idiv": "y /= 2",
    "ipow": "y **= 2",
    "setitem-number": "y[1] = 0",
    "setitem-slice": "y[1:3] = x[:2] * 4",
    "functional-relu-inplace": "z = F.relu(y, inplace=True)\nassert z is y",
    "relu-layer-inplace": "z = nn.ReLU(inplace=True)(y)\nassert z is y",
    "leaky-relu-inplace": "z = F.leaky_relu(y, 0.2, inplace=True)\nassert z is y",
    "leaky-relu-layer-inplace": "z = nn.LeakyReLU(0.1, inplace=True)(y)\nassert z is y",
    "chain": "y.mul_(2)\ny.add_(x)\ny[0] = y[3] * 2\ny.relu_()",
}
MATRIX_CASES = {
    "setitem-column-imul": "y[:, 1] *= 3",
    "setitem-row": "y[0] = x[1] * x[1]",
    "setitem-broadcast": "y[:, 1:] = torch.tensor([2.0, -1.0], dtype=torch.float64)",
    "clamp-then-relu": "y.clamp_(min=-1)\ny.relu_()",
}
# A plain tensor changed in place with an operand that requires grad: it then requires grad.
PLAIN = """x = torch.tensor([0.5, -1.5, 2.0, -0.25], dtype=torch.float64, requires_grad=True)
w = torch.tensor([1.0, -2.0, 3.0, 0.5], dtype=torch.float64)
y = torch.ones(4, dtype=torch.float64)"""
PLAIN_CASES = {
    "plain-add": "y.add_(x)",
    "plain-sub-alpha": "y.sub_(x, alpha=2)",
    "plain-mul": "y.mul_(x)",
    "plain-div": "y.div_(x + 3)",
    "plain-copy": "y.copy_(x * x)",
    "plain-setitem": "y[0] = x[0] * 2",
    "plain-setitem-slice": "y[1:3] = x[:2]",
    "plain-iadd": "y += x",
    "plain-imul": "y *= x",
    "plain-in-function": "def f():\n    t = torch.zeros(4, dtype=torch.float64)\n    t.add_(x * 3)\n    return t\ny = f()",
    "plain-setitem-in-function": "def f():\n    t = torch.zeros(4, dtype=torch.float64)\n    t[1] = x[2] * 3\n    return t\ny = f()",
}
CONVERSIONS = {
    "to-double": "x = torch.tensor([0.5, -1.5, 2.0], requires_grad=True)\ny = x.double()\nw = torch.tensor([1.0, -2.0, 3.0], dtype=torch.float64)",
    "to-dtype-and-back": "x = torch.tensor([0.5, -1.5, 2.0], requires_grad=True)\ny = (x.to(torch.float64) * 3).float()\nw = torch.tensor([1.0, -2.0, 3.0])",
    "float-of-double": "x = torch.tensor([0.5, -1.5, 2.0], dtype=torch.float64, requires_grad=True)\ny = x.float() * x.float()\nw = torch.tensor([1.0, -2.0, 3.0])",
}
ERRORS = {
    "version-relu-output": FLOAT32 + "\nh = torch.relu(y)\nh.add_(1)\nh.sum().backward()",
    "version-exp-twice": FLOAT32 + "\ny.exp_()\ny.mul_(2)\ny.sum().backward()",
    "version-saved-input": FLOAT32 + "\nz = y * y\ny.add_(1)\nz.sum().backward()",
    "version-leaf": FLOAT32 + "\nv = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)\nz = (v * x).sum()\nwith torch.no_grad():\n    v.mul_(2)\nz.backward()",
    "version-setitem": MATRIX + "\nz = y.pow(2)\ny[0] = 5\nz.sum().backward()",
    "version-clamp": FLOAT32 + "\ny.clamp_(min=0)\nz = y * y\nwith torch.no_grad():\n    y.add_(1)\nz.sum().backward()",
    "version-double": FLOAT32 + "\nd = y.double()\nz = d * d\nd.add_(1)\nz.sum().backward()",
    "leaf-add": FLOAT32 + "\nx.add_(1)",
    "leaf-iadd": FLOAT32 + "\nx += 1",
    "leaf-relu-inplace": FLOAT32 + "\nF.relu(x, inplace=True)",
    "version-leaky-relu-inplace": FLOAT32 + "\nnn.LeakyReLU(0.1, inplace=True)(y)\ny.mul_(2)\ny.sum().backward()",
    "leaf-setitem": FLOAT32 + "\nx[0] = 1",
    "shape": FLOAT32 + "\ny.add_(torch.ones(2, 3))",
}


def run(code):
    scope = {"torch": torch, "nn": nn, "F": F}
    exec(code, scope)
    return scope


def tensor(t):
    return {"dtype": str(t.dtype).replace("torch.", ""), "values": t.detach().reshape(-1).tolist()}


cases = []
for table, setup in ((RECORDED, VECTOR), (MATRIX_CASES, MATRIX), (PLAIN_CASES, PLAIN)):
    for name, line in table.items():
        code = setup + "\n" + line + "\n" + BACKWARD
        scope = run(code)
        cases.append({"name": name, "code": code, "grad_fn": type(scope["y"].grad_fn).__name__,
                      "grads": {"x": tensor(scope["x"].grad)}})
for name, setup in CONVERSIONS.items():
    code = setup + "\n" + BACKWARD
    scope = run(code)
    cases.append({"name": name, "code": code, "grad_fn": type(scope["y"].grad_fn).__name__,
                  "grads": {"x": tensor(scope["x"].grad)}})
for name, code in ERRORS.items():
    try:
        run(code)
        raise SystemExit(f"{name}: PyTorch did not refuse it")
    except RuntimeError as error:
        cases.append({"name": name, "code": code, "error": str(error)})

print(json.dumps({"generator": f"PyTorch {torch.__version__} on CPU", "cases": cases}, indent=1))
