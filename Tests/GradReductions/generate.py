"""Writes grad-reductions.json: what PyTorch computes, in float64, for the gradients of the
reductions and the other tensor methods whose results are some of their input's elements
(max, min, amax, amin, maximum, std, var, prod, median, sort, topk), of the elementwise sin, cos and round,
of the matrix products (@, matmul, mm, dot, bmm), of torch.where and of the methods that move elements
(flip, repeat, expand, t, permute, ...).

Run with PyTorch installed, from this folder:

    python generate.py > grad-reductions.json

Each case is a program that conv runs as it is: it makes its leaves, computes `y`, and calls
`y.backward(g)` with a fixed upstream gradient written into the program (`y.backward()` for a
0-d `y`). The file holds the class name of `y.grad_fn`, `y`'s values and each leaf's gradient
(flattened, with dtype and shape).
"""
import json

import torch

LEAVES = {
    # Ties in the first row, a zero in the second.
    "x": "torch.tensor([[1.0, 3.0, 3.0], [2.0, 0.0, -1.0]], dtype=torch.float64, requires_grad=True)",
    # Distinct values, three dimensions.
    "r": "torch.tensor([[[0.5, -1.25, 2.0, 0.75], [1.5, -0.5, -2.25, 1.0], [0.25, 3.0, -0.75, -1.5]], "
         "[[2.5, 0.125, -1.0, 1.75], [-0.25, 1.25, 0.625, -2.0], [1.125, -1.75, 2.25, 0.375]]], "
         "dtype=torch.float64, requires_grad=True)",
    # Equal elements and two zeros in a row.
    "z": "torch.tensor([[0.0, 2.0, 0.0, 1.5], [2.0, 2.0, 2.0, 2.0], [1.0, -3.0, 0.5, 0.0]], dtype=torch.float64, requires_grad=True)",
    "v": "torch.tensor([1.0, 2.0, 2.0, 3.0, -0.5], dtype=torch.float64, requires_grad=True)",
    "a": "torch.tensor([[0.5, -1.0, 2.0], [3.0, 0.0, -2.0]], dtype=torch.float64, requires_grad=True)",
    "b": "torch.tensor([[0.5, 1.0, -2.0], [1.0, 0.0, 4.0]], dtype=torch.float64, requires_grad=True)",
    "f": "torch.tensor([[0.5, -1.5, 2.25], [1.0, 3.5, -0.75]], requires_grad=True)",
}
CONSTANT = "c = torch.tensor([[0.0, 3.0, 4.0], [2.0, 1.0, -2.0]], dtype=torch.float64)"

CASES = [
    # name, leaves, expression
    ("max-all-ties", "x", "x.max()"),
    ("max-all", "r", "r.max()"),
    ("torch-max-all", "r", "torch.max(r)"),
    ("min-all-ties", "v", "torch.min(v * -1)"),
    ("max-dim", "x", "x.max(1)[0]"),
    ("max-dim-keepdim", "x", "x.max(1, keepdim=True)[0]"),
    ("max-dim-values", "r", "torch.max(r, dim=-1).values"),
    ("max-dim-0", "r", "r.max(0).values"),
    ("min-dim-ties", "z", "z.min(dim=1)[0]"),
    ("min-dim-keepdim", "r", "torch.min(r, 2, keepdim=True)[0]"),
    ("max-tuple-unpacked", "x", "x.max(dim=0)[0] * 2"),
    ("amax-all-ties", "x", "x.amax()"),
    ("amax-dim-ties", "z", "z.amax(1)"),
    ("amax-dims-keepdim", "r", "torch.amax(r, dim=(0, 2), keepdim=True)"),
    ("amin-dim", "r", "r.amin(dim=-1)"),
    ("amin-ties", "z", "torch.amin(z, 0)"),
    ("maximum-constant", "x", "torch.max(x, c)"),
    ("maximum-method", "x", "x.max(c)"),
    ("maximum-both", "a b", "torch.max(a, b)"),
    ("minimum-both", "a b", "torch.min(a, b)"),
    ("maximum-broadcast", "a", "a.max(torch.tensor([1.0, 0.0, -2.0], dtype=torch.float64))"),
    ("std-all", "r", "r.std()"),
    ("std-dim", "r", "r.std(1)"),
    ("std-dim-keepdim", "r", "r.std(dim=2, keepdim=True)"),
    ("std-biased", "r", "r.std(1, unbiased=False)"),
    ("std-flag", "r", "r.std(False)"),
    ("std-correction-0", "r", "r.std(correction=0)"),
    ("std-correction-2", "r", "r.std(dim=2, correction=2)"),
    ("std-dims", "r", "r.std(dim=(0, 2))"),
    ("std-equal-row", "z", "z.std(1)"),
    ("torch-std", "r", "torch.std(r, 0)"),
    ("var-all", "r", "r.var()"),
    ("var-dim", "r", "r.var(2)"),
    ("var-dim-keepdim", "r", "r.var(dim=1, keepdim=True)"),
    ("var-biased", "r", "r.var(0, unbiased=False)"),
    ("var-correction-0", "x", "x.var(correction=0)"),
    ("var-dims", "r", "r.var(dim=[1, 2])"),
    ("torch-var", "x", "torch.var(x, 1)"),
    ("prod-all", "r", "r.prod()"),
    ("prod-all-one-zero", "x", "x.prod()"),
    ("prod-all-two-zeros", "z", "z.prod()"),
    ("prod-dim", "r", "r.prod(1)"),
    ("prod-dim-zeros", "z", "z.prod(1)"),
    ("prod-dim-keepdim", "z", "z.prod(0, keepdim=True)"),
    ("torch-prod", "x", "torch.prod(x, 1)"),
    ("median-all", "r", "r.median()"),
    ("median-all-ties", "v", "v.median()"),
    ("median-dim", "r", "r.median(1)[0]"),
    ("median-dim-keepdim", "r", "r.median(dim=2, keepdim=True).values"),
    ("sort", "r", "r.sort(1)[0]"),
    ("sort-descending", "r", "r.sort(dim=-1, descending=True).values"),
    ("torch-sort", "v", "torch.sort(v)[0]"),
    ("topk", "r", "r.topk(2)[0]"),
    ("topk-smallest", "r", "r.topk(2, dim=1, largest=False).values"),
    ("torch-topk", "v", "torch.topk(v, 3)[0]"),
    ("sin", "r", "r.sin()"),
    ("cos", "r", "torch.cos(r)"),
    ("round", "r", "r.round() + r"),
    ("neg", "r", "r.neg()"),
    ("torch-neg", "r", "torch.neg(r)"),
    ("flip", "r", "r.flip(0, 2)"),
    ("torch-flip", "r", "torch.flip(r, [-1])"),
    ("repeat", "x", "x.repeat(2, 1, 2)"),
    ("expand", "v", "v.expand(3, 5)"),
    ("expand-as", "x", "x[:, :1].expand_as(x)"),
    ("t", "x", "x.t()"),
    ("T", "x", "x.T"),
    ("clone", "x", "x.clone()"),
    ("contiguous", "x", "(x * 2).contiguous()"),
    ("view-as", "x", "x.view_as(torch.zeros(3, 2))"),
    ("reshape-as", "x", "x.reshape_as(torch.zeros(6))"),
    ("unsqueeze", "x", "x.unsqueeze(1)"),
    ("torch-unsqueeze", "x", "torch.unsqueeze(x, -1)"),
    ("squeeze", "x", "x.unsqueeze(0).squeeze()"),
    ("squeeze-dim", "x", "x.unsqueeze(0).squeeze(0)"),
    ("permute", "r", "r.permute(2, 0, 1)"),
    ("torch-permute", "r", "torch.permute(r, (1, 2, 0))"),
    ("transpose", "r", "r.transpose(0, 2)"),
    ("torch-transpose", "r", "torch.transpose(r, 1, -1)"),
    ("torch-clamp", "r", "torch.clamp(r, -1, 1)"),
    ("matmul-operator", "a b", "a @ b.t()"),
    ("matmul-constant-left", "b", "c @ b.t()"),
    ("matmul-method", "a", "a.matmul(c.t())"),
    ("torch-matmul-constant-first", "a", "torch.matmul(c.t(), a)"),
    ("mm", "a b", "torch.mm(a.t(), b)"),
    ("mv", "a v", "a @ v[:3]"),
    ("vector-matrix", "a v", "v[:2] @ a"),
    ("dot", "v", "v.dot(v * 2)"),
    ("batched-matmul", "r", "r @ r.transpose(1, 2)"),
    ("batched-matrix", "r a", "r.transpose(1, 2) @ a.t()"),
    ("bmm", "r", "torch.bmm(r, r.transpose(1, 2))"),
    ("maximum-constant-first", "a", "torch.max(c, a)"),
    ("maximum-constant-method", "a", "c.max(a)"),
    ("where-constant", "a", "torch.where(a > 0, a, c)"),
    ("where-constant-first", "a", "torch.where(c > 1, c, a)"),
    ("where-number", "r", "torch.where(r > 0, r, 0.0)"),
    ("where-both-broadcast", "a b", "torch.where(a > b, a * b, b[0])"),
    ("chain-max-std", "r", "r.max(2)[0] * r.std(2)"),
    ("chain-prod-sort", "x", "(x.sort(1)[0] * x.prod(0, keepdim=True)).sum()"),
    ("chain-median-var", "r", "r.median(0)[0] - r.var(0) + r.max()"),
    ("float32-std", "f", "f.std(1)"),
    ("float32-max", "f", "f.max()"),
    ("float32-prod", "f", "f.prod(0)"),
    ("float32-sort", "f", "f.sort(1)[0]"),
]


def literal(t):
    return repr(t.tolist())


def tensor(t):
    t = t.detach()
    return {"dtype": str(t.dtype).replace("torch.", ""), "shape": list(t.shape), "values": t.reshape(-1).tolist()}


cases = []
for name, leaves, expression in CASES:
    leaves = leaves.split()
    lines = ["import torch"] + [f"{leaf} = {LEAVES[leaf]}" for leaf in leaves] + [CONSTANT, f"y = {expression}"]
    scope = {"torch": torch}
    exec("\n".join(lines), scope)
    y = scope["y"]
    if y.dim() == 0:
        lines.append("y.backward()")
    else:
        g = torch.linspace(-1.0, 2.0, y.numel(), dtype=y.dtype).reshape(y.shape)
        dtype = ", dtype=torch.float64" if y.dtype == torch.float64 else ""
        lines.append(f"y.backward(torch.tensor({literal(g)}{dtype}))")
    code = "\n".join(lines)
    scope = {"torch": torch}
    exec(code, scope)
    cases.append({"name": name, "code": code, "grad_fn": type(scope["y"].grad_fn).__name__, "y": tensor(scope["y"]),
                  "grads": {leaf: tensor(scope[leaf].grad) for leaf in leaves}})

print(json.dumps({"generator": f"PyTorch {torch.__version__} on CPU, generate.py", "cases": cases}, indent=1))
