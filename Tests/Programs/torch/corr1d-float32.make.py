# Makes corr1d-float32.conv and, with PyTorch installed, its expected file (from Tests/Programs):
#   python torch/corr1d-float32.make.py > torch/corr1d-float32.conv
#   python torch/corr1d-float32.conv > torch/corr1d-float32.expected
# The seeded float32 data is written out as literals (a float32 value round-trips through the
# shortest repr of its float64 widening), so the program needs no PyTorch generator.
import torch
torch.manual_seed(17)
X = torch.randn(40)
K = torch.randn(9)
def lit(t): return "[" + ", ".join(repr(float(v)) for v in t) + "]"
print('''# The d2l corr1d loop on seeded float32 data (torch.manual_seed(17); randn(40) and randn(9),
# written out). Every window's sum of 9 float32 products must round as PyTorch's does, to the
# last bit: tolist() shows each float32 result exactly. The expected file is what PyTorch 2.15
# printed for this very file (python torch/corr1d-float32.conv > torch/corr1d-float32.expected).
import torch


def corr1d(X, K):
    w = K.shape[0]
    Y = torch.zeros(X.shape[0] - w + 1)
    for i in range(Y.shape[0]):
        Y[i] = (X[i:i+w] * K).sum()
    return Y


def corr1d_torch_sum(X, K):
    w = K.shape[0]
    Y = torch.zeros(X.shape[0] - w + 1)
    for i in range(Y.shape[0]):
        Y[i] = torch.sum(X[i: i + w] * K)
    return Y


X = torch.tensor(''' + lit(X) + ''')
K = torch.tensor(''' + lit(K) + ''')
print(corr1d(X, K).tolist())
print(corr1d_torch_sum(X, K).tolist())

# float64 sums too, in PyTorch's order for float64.
Xd, Kd = X.double(), K.double()
print([(Xd[i:i+9] * Kd).sum().item() for i in range(32)])

# Whole sums of longer runs, and of a window of rows.
print(X.sum().item(), (X * X).sum().item(), X[3:37].sum().item())
M = X.view(8, 5)
print(M[2:5].tolist(), M[2:5].sum().item(), M[-3:].shape, M[6:2].shape)

# Windows of tensors that require grad take the recorded paths: slices, products and sums.
Xg = X.clone().requires_grad_()
Kg = K.clone().requires_grad_()
total = 0
for i in range(X.shape[0] - 8):
    total = total + (Xg[i:i+9] * Kg).sum()
total.backward()
print(round(total.item(), 3), total.grad_fn is not None)
print([round(v, 4) for v in Kg.grad.tolist()])
print([round(v, 4) for v in Xg.grad.tolist()])
''')
