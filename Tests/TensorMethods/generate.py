"""Writes torch-methods.json: what PyTorch gives for each tensor method and torch function conv has.

Run with a Python that has PyTorch (the tests never import it):  python generate.py > torch-methods.json

Every case is PyTorch source that conv runs as it is: `setup` (statements) then `expr` (one
expression). Tensors are float64, conv's dtype, so the values compare exactly or to rounding.
A case PyTorch refuses records the exception's type and the first line of its message.
"""
import json
import math
import sys

import torch

torch.set_default_dtype(torch.float64)

SETUP = "\n".join([
    "x = torch.tensor([[1., -2., 3.], [4., 5., -6.]])",
    "y = torch.tensor([[0.5, 2., -1.], [3., -4., 8.]])",
    "v = torch.tensor([1., 2., 3.])",
    "w = torch.tensor([-1., 0.5, 2.])",
    "c = torch.tensor([[[1., 2., 3., 4.], [5., 6., 7., 8.]], [[-1., -2., -3., -4.], [0., 1., 0., 1.]]])",
    "t = torch.tensor([[2., 7., 7.], [9., 1., 9.]])",
])

CASES = {
    "shape": [
        "x.view(3, 2)", "x.view(-1)", "x.view(1, 1, -1)", "x.view((3, -1))", "x.reshape(6, 1)", "torch.reshape(x, (3, 2))",
        "x.view_as(y.t())", "x.reshape_as(v.repeat(2))", "x.unsqueeze(0)", "x.unsqueeze(-1)", "torch.unsqueeze(v, 1)",
        "c[:1].squeeze()", "c[:1].squeeze(0)", "c[:1].squeeze(1)", "x.unsqueeze(1).squeeze((1, 0))",
        "c.permute(2, 0, 1)", "c.permute((1, 2, 0))", "c.transpose(0, 2)", "torch.transpose(x, 0, 1)", "x.t()", "v.t()", "x.T",
        "c.flatten()", "c.flatten(1)", "c.flatten(0, 1)", "torch.flatten(c, start_dim=1, end_dim=-1)",
        "x.contiguous()", "v.expand(2, 3)", "v.unsqueeze(1).expand(-1, 4)", "v.expand(2, 1, 3)", "v.expand_as(x)",
        "v.repeat(2)", "x.repeat(2, 1)", "v.repeat(2, 2)", "x.flip(0)", "c.flip(0, 2)", "torch.flip(x, [1])",
        "x.size()", "x.size(1)", "x.size(-2)", "x.dim()", "c.numel()", "torch.numel(x)", "x[0, 1].item()", "x.tolist()",
        "x.clone()", "x.detach()", "x.data", "v.shape", "c.ndim",
        "x.view(2, 5)", "x.view(-1, -1)", "x.view(4, -1)", "x.reshape(2, 3, -2)", "x.item()", "x.unsqueeze(3)",
        "x.permute(0)", "x.permute(0, 0)", "x.transpose(0, 2)", "c.t()", "x.flatten(1, 0)", "x.expand(3, 3)", "x.expand(3)",
        "x.repeat(2)", "x.flip(0, 0)", "x.size(2)", "x.squeeze(2)",
    ],
    "reductions": [
        "x.sum()", "x.sum(1)", "x.sum(dim=0)", "x.sum(dim=(0, 1))", "x.sum(dim=1, keepdim=True)", "c.sum(dim=(0, 2), keepdim=True)",
        "x.mean()", "x.mean(dim=1)", "c.mean((1, 2))", "x.prod()", "x.prod(1)", "torch.prod(y, 0)",
        "x.max()", "x.min()", "x.max(dim=1).values", "x.max(dim=1).indices", "t.max(dim=1)[1]", "t.min(0).indices",
        "x.max(dim=0, keepdim=True).values", "x.max(y)", "x.argmax()", "x.argmin()", "t.argmax(dim=1)", "t.argmin(dim=0, keepdim=True)",
        "torch.argmax(x, 1)", "x.std()", "x.std(dim=1)", "x.std(dim=0, unbiased=False)", "x.var()", "x.var(1, keepdim=True)",
        "x.var(dim=1, correction=0)", "torch.std(x, 0)", "torch.var(c, (0, 2))",
        "x.sum(dim=2)", "x.mean(dim=-3)", "x.max(dim=2)", "torch.zeros(0).max()",
        "x.sort().values", "x.sort(dim=0, descending=True).indices", "torch.sort(x, 1)[0]", "x.topk(2).values",
        "x.topk(2, dim=0, largest=False).indices", "torch.topk(x, 1)[1]", "x.median()", "x.median(dim=1).values",
        "c.median(0, keepdim=True).indices", "torch.median(x, 1).indices", "torch.sum(x)", "torch.sum(x, dim=1, keepdim=True)",
        "torch.mean(x, 0)", "torch.max(x)", "torch.max(x, 1).values", "torch.min(x, dim=0)[1]", "torch.sqrt(t)",
        "torch.abs(x)", "torch.exp(w)", "x.topk(4)", "x.sort(dim=2)", "x.median(dim=3)",
    ],
    "elementwise": [
        "x.abs()", "v.sqrt()", "w.exp()", "v.log()", "x.pow(2)", "v.pow(w)", "torch.pow(v, 0.5)", "x.clamp(min=0)",
        "x.clamp(-1, 2)", "x.clamp(max=1)", "torch.clamp(x, min=-1.5, max=1.5)", "torch.clip(x, 0, 1)", "x.neg()", "torch.neg(v)",
        "(x / 4).round()", "(x / 3).round(decimals=2)", "x.sigmoid()", "x.relu()", "x.tanh()", "x.softmax(dim=1)",
        "x.softmax(0)", "v.sin()", "w.cos()", "x.clamp()",
    ],
    "joining": [
        "torch.cat([x, y])", "torch.cat([x, y], dim=1)", "torch.cat((v, w, v))", "torch.concat([x, y], 1)",
        "torch.cat([c, c], dim=-1)", "torch.stack([v, w])", "torch.stack([v, w], dim=1)", "torch.stack((x, y), -1)",
        "torch.zeros_like(x)", "torch.ones_like(v)", "torch.full_like(x, 7.)", "torch.eye(3)", "torch.eye(2, 3)",
        "torch.where(x > 0, x, y)", "torch.where(x > 0, x, 0.)", "x.matmul(y.t())", "x @ y.t()", "v @ w", "x @ v",
        "v @ y.t()", "torch.matmul(c, c.transpose(1, 2))", "torch.mm(x, y.t())", "x.mm(y.t())",
        "torch.bmm(c, c.transpose(1, 2))", "torch.dot(v, w)", "v.dot(w)", "torch.allclose(x, x + 1e-9)", "x.allclose(y)",
        "torch.equal(x, x.clone())", "torch.equal(x, y)", "x.equal(x)", "torch.isclose(v, v + 1e-6)", "torch.isclose(x, y)",
        "torch.cat([x, torch.zeros(3, 4)])", "torch.cat([x, c])", "torch.cat([])", "torch.stack([x, v])", "x @ y",
        "torch.mm(x, v)", "torch.mm(v, x)", "torch.bmm(c, c)", "x.max(v.repeat(2))", "torch.dot(v, x)", "torch.dot(v, torch.tensor([1., 2.]))", "torch.bmm(x, x)",
    ],
    "splitting": [
        "x.chunk(2)[0]", "x.chunk(2, dim=1)[1]", "len(x.chunk(2, 1))", "torch.chunk(c, 3, -1)[1]", "len(torch.chunk(c, 3, -1))",
        "len(torch.arange(6).chunk(4))", "torch.arange(6).chunk(4)[2]", "len(torch.arange(6).chunk(5))", "len(torch.zeros(0).chunk(3))",
        "torch.zeros(2, 0).chunk(3, 1)[2]", "x.split(2, 1)[1]", "len(x.split(2, dim=-1))", "torch.split(c, [1, 3], 2)[1]",
        "torch.split(x, split_size_or_sections=1)[1]", "x.split(split_size=1, dim=1)[2]", "x.split((1, 2), 1)[0]", "len(x.split([2, 0, 1], 1))",
        "x.split([2, 0, 1], 1)[1]", "len(torch.zeros(0).split(0))", "torch.arange(7).split(3)[2]", "x.unbind()[1]", "x.unbind(1)[2]",
        "torch.unbind(c, dim=-1)[3]", "len(c.unbind(2))", "len(torch.unbind(torch.zeros(0, 2)))", "v.unbind()[0]",
        "x.chunk(0)", "x.chunk(-2)", "x.chunk(2, dim=2)", "x.chunk(2, -3)", "torch.tensor(3.).chunk(2)", "torch.tensor(3.).chunk(0)",
        "x.split(-1)", "x.split(0)", "x.split(0, 3)", "x.split([1, 2])", "x.split([1, 1], dim=-1)", "x.split([3, -1], 1)",
        "torch.split(x, [])", "torch.tensor(3.).split(1)", "torch.tensor(3.).split([1])", "x.unbind(2)", "x.unbind(-3)",
        "torch.tensor(3.).unbind()", "torch.tensor(3.).unbind(-1)", "torch.tensor(3.).unbind(1)",
    ],
    "inplace": [
        "x.fill_(2.5)", "x.zero_()", "x.copy_(y)", "x.copy_(v)", "x.add_(y)", "x.add_(v, alpha=2)", "x.sub_(1)",
        "x.mul_(y)", "x.div_(2)", "x.clamp_(min=0)", "x.clamp_(-1, 1)", "v.add_(x)",
    ],
}


def tensor_record(value):
    def number(f):
        if math.isnan(f):
            return "NaN"
        if math.isinf(f):
            return "Infinity" if f > 0 else "-Infinity"
        return f
    flat = value.reshape(-1).tolist()
    if value.dtype.is_floating_point:
        flat = [number(float(f)) for f in flat]
    return {"dtype": str(value.dtype).replace("torch.", ""), "shape": list(value.shape), "values": flat}


def record(value):
    if isinstance(value, torch.Tensor):
        return {"tensor": tensor_record(value)}
    if isinstance(value, torch.Size):
        return {"size": list(value)}
    if isinstance(value, bool):
        return {"bool": value}
    if isinstance(value, (int, float)):
        return {"number": value}
    if isinstance(value, list):
        return {"list": value}
    raise TypeError(f"cannot record {type(value)}")


def main():
    cases = []
    for family, expressions in CASES.items():
        for expr in expressions:
            names = {"torch": torch}
            exec(SETUP, names)
            case = {"family": family, "expr": expr}
            try:
                value = eval(expr, names)
                case.update(record(value))
                if family == "inplace":
                    # What the receiver names afterwards: the in-place change is visible through it.
                    case["after"] = tensor_record(names[expr.split(".")[0]])
            except Exception as error:  # noqa: BLE001 - every refusal is recorded as PyTorch worded it
                case["error"] = {"type": type(error).__name__, "message": str(error).split("\n")[0]}
            cases.append(case)
    json.dump({"generator": f"PyTorch {torch.__version__} on CPU, generate.py", "setup": SETUP, "cases": cases},
              sys.stdout, indent=1)
    sys.stdout.write("\n")


main()
