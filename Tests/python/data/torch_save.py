import torch
import torch.nn as nn
torch.manual_seed(0)
model = nn.Sequential(nn.Conv1d(1, 2, 3), nn.ReLU(), nn.Flatten(), nn.Linear(8, 1))
torch.save(model.state_dict(), "model.pt")
state = torch.load("model.pt")
print(type(state).__name__, list(state.keys()))
restored = nn.Sequential(nn.Conv1d(1, 2, 3), nn.ReLU(), nn.Flatten(), nn.Linear(8, 1))
print(restored.load_state_dict(torch.load("model.pt", map_location="cpu")))
x = torch.randn(3, 1, 6)
print(torch.equal(model(x), restored(x)))
checkpoint = {"epoch": 5, "loss": 0.25, "name": "run", "best": True, "note": None,
              "steps": [1, 2.5], "shape": (2, 3), "ids": torch.tensor([1, 2, 3]), "mask": torch.tensor([True, False]),
              "w": torch.randn(2, 2, dtype=torch.float64), "i32": torch.tensor([4], dtype=torch.int32)}
torch.save(checkpoint, "checkpoint.pth")
loaded = torch.load("checkpoint.pth", weights_only=False)
for key, value in loaded.items():
    print(key, value)
torch.save(torch.arange(6.).view(2, 3), "t.pt")
print(torch.load("t.pt"))
partial = nn.Linear(8, 1)
result = partial.load_state_dict({"weight": torch.zeros(1, 8), "extra": torch.ones(1)}, strict=False)
print(result, result.missing_keys, result.unexpected_keys)
