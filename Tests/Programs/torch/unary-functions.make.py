# Makes unary-functions.conv; its expected file is PyTorch's output (from Tests/Programs):
#   python3 torch/unary-functions.make.py > torch/unary-functions.conv
#   /path/to/venv-with-torch/bin/python torch/unary-functions.conv > torch/unary-functions.expected
# float64 results of expm1, erf and log1p are left out: PyTorch's own float64 kernels and the C
# library's differ in the last bit for some inputs.
unary = ["round", "floor", "ceil", "trunc", "frac", "sign", "square", "expm1", "exp2", "erf", "reciprocal"]
positive = ["log1p", "rsqrt", "log2", "log10"]
libm_differs = {"expm1", "erf", "log1p"}
L = ["# torch's elementwise functions of one tensor (values shown to the last bit by tolist(),\n# dtypes, grad_fn names, gradients) and the dtypes of function forms given a float32 tensor.\n# Made by unary-functions.make.py.\nimport torch", "x = torch.tensor([-2.5, -1.25, -0.5, 0.0, 0.3, 0.5, 1.5, 2.75])",
     "p = torch.tensor([0.001, 0.1, 0.5, 1.0, 2.0, 3.0, 10.0, 100.0])", "xi = torch.tensor([-3, 0, 2, 5])",
     "weights = torch.arange(1., 9.)"]
for n in unary + positive:
    v = "p" if n in positive else "x"
    L.append(f"a = torch.{n}({v})")
    L.append(f"print('{n}', a.dtype, a.tolist(), {v}.{n}().tolist() == a.tolist())")
    if n not in libm_differs:
        L.append(f"print('{n}', torch.{n}({v}.double()).dtype, torch.{n}({v}.double()).tolist())")
for n in ["round", "floor", "ceil", "trunc", "sign", "square"]:
    L.append(f"print('{n}', torch.{n}(xi).dtype, xi.{n}().tolist())")
for n in unary + positive:
    v = "p" if n in positive else "x"
    for dt in ["float32"] + ([] if n in libm_differs else ["float64"]):
        L.append(f"w = {v}.to(torch.{dt}).clone().requires_grad_(True)")
        L.append(f"y = torch.{n}(w)")
        L.append(f"(y * weights.to(torch.{dt})).sum().backward()")
        L.append(f"print('{n}', y.grad_fn.name(), w.{n}().grad_fn.name(), y.dtype, w.grad.dtype, w.grad.tolist())")
L += ["x = torch.tensor([-1.0, 0.25, 2.0, -3.5])", "c = x > 0",
 "print(torch.relu(x).dtype, torch.neg(x).dtype, torch.clamp(x, 0, 1).dtype, torch.clip(x, 0, 1).dtype, torch.negative(x).dtype)",
 "print(torch.where(c, x, 0.).dtype, torch.where(c, x, torch.zeros_like(x)).dtype, torch.where(c, x, 0.).tolist())",
 "print(torch.where(c, 1., 0.).dtype, torch.where(c, 1, 0).dtype, torch.where(c, x.double(), x).dtype)",
 "xi = torch.tensor([-3, 0, 2, 5])",
 "print(torch.relu(xi).dtype, torch.neg(xi).dtype, torch.clamp(xi, 0, 2).dtype, torch.clamp(xi, 0, 2).tolist())",
 "print(torch.round(torch.tensor([1.2345, -2.5]), decimals=2).tolist(), torch.round(torch.tensor([0.5, 1.5, 2.5])).tolist())"]
L += ["# masked_fill and masked_fill_"] + ['x = torch.tensor([[-1.5, 0.25, 2.0], [3.0, -0.5, 1.0]])', 'm = x < 0', 'print(x.masked_fill(m, 0.).tolist(), x.masked_fill(m, 0.).dtype)', 'print(torch.masked_fill(x, m, -1).tolist(), x.masked_fill(torch.tensor([True, False, True]), torch.tensor(9.)).tolist())', 'xi = torch.tensor([1, -2, 3])', 'print(xi.masked_fill(xi < 0, 7).tolist(), xi.masked_fill(xi < 0, 7).dtype)', 'y = x.clone()', 'y.masked_fill_(y > 1, 1.)', 'print(y.tolist())', 'w = x.clone().requires_grad_(True)', 'z = w.masked_fill(m, 0.)', 'print(z.grad_fn.name(), torch.masked_fill(w, m, 2.).grad_fn.name())', '(z * torch.tensor([[1., 2., 3.], [4., 5., 6.]])).sum().backward()', 'print(w.grad.tolist())', 'd = x.double().requires_grad_(True)', '(d.masked_fill(d > 1, 5.) ** 2).sum().backward()', 'print(d.grad.tolist(), d.grad.dtype)']
L += ["# in place"] + ['x = torch.tensor([-2.5, -0.5, 0.3, 1.5, 2.75])', 'for_floor = x.clone()', 'for_floor.floor_()', 'print(for_floor.tolist(), for_floor.dtype)', 'y = x.abs()', 'y.rsqrt_()', 'print(y.tolist())', 'z = x.clone()', 'print(z.sign_().tolist(), z.tolist())', 'xi = torch.tensor([1, -2])', 'xi.square_()', 'print(xi.tolist(), xi.dtype)']
print("\n".join(L))
