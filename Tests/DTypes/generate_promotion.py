"""Writes dtype-promotion.json: the dtype PyTorch gives each binary operator on every pair of
operands conv has (tensors and rank-0 tensors of float32, float64, int64, int32 and bool, and Python
ints, floats and bools), or the first line of its error. Run with PyTorch installed:
    python generate_promotion.py > dtype-promotion.json
"""
import json
import operator
import torch

DTYPES = {"float32": torch.float32, "float64": torch.float64, "int64": torch.int64, "int32": torch.int32,
          "bool": torch.bool}
OPERANDS = {}
for name, dtype in DTYPES.items():
    OPERANDS[f"tensor-{name}"] = (f"torch.ones(2, dtype=torch.{name})", torch.ones(2, dtype=dtype))
    OPERANDS[f"scalar-tensor-{name}"] = (f"torch.tensor(1, dtype=torch.{name})", torch.tensor(1, dtype=dtype))
OPERANDS["python-int"] = ("2", 2)
OPERANDS["python-float"] = ("2.5", 2.5)
OPERANDS["python-bool"] = ("True", True)
OPS = {"+": operator.add, "-": operator.sub, "*": operator.mul, "/": operator.truediv, "//": operator.floordiv,
       "%": operator.mod, "**": operator.pow, "==": operator.eq, "<": operator.lt}

cases = []
for left_name, (left_source, left) in OPERANDS.items():
    for right_name, (right_source, right) in OPERANDS.items():
        if left_name.startswith("python") and right_name.startswith("python"):
            continue
        for symbol, function in OPS.items():
            case = {"left": left_name, "right": right_name, "op": symbol,
                    "source": f"({left_source}) {symbol} ({right_source})"}
            try:
                case["dtype"] = str(function(left, right).dtype).replace("torch.", "")
            except Exception as error:  # PyTorch's refusal, by its first line
                case["error"] = str(error).splitlines()[0]
            cases.append(case)

print(json.dumps({"generator": "PyTorch " + torch.__version__ + " (generate_promotion.py)",
                  "note": "default dtype float32; each case is source, then dtype or error", "cases": cases}, indent=1))
