"""torch.save and torch.load end to end: a state dict and a checkpoint written to files and read
back as they were (dtypes, shapes, key order), and every damaged or foreign file refused with an
error rather than a crash.

data/torch_save.expected is what PyTorch 2.15 printed for data/torch_save.py
(`python data/torch_save.py > data/torch_save.expected` in a scratch folder)."""
import shutil

from conftest import ROOT

DATA = ROOT / "Tests" / "python" / "data"


def test_a_state_dict_and_a_checkpoint_come_back_as_they_were(conv, tmp_path):
    shutil.copy(DATA / "torch_save.py", tmp_path / "save.py")
    result = conv("save.py", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == (DATA / "torch_save.expected").read_text()
    assert (tmp_path / "model.pt").read_bytes().startswith(b"CONVTORCH1\n")


def test_every_truncation_of_a_file_is_refused_cleanly(conv, tmp_path):
    (tmp_path / "make.py").write_text(
        "import torch\n"
        "torch.save({'w': torch.ones(2, 3), 'ids': [1, (2, 'x')], 'ok': True, 'b': torch.tensor([True])}, 'full.pt')\n")
    assert conv("make.py", cwd=tmp_path).returncode == 0
    full = (tmp_path / "full.pt").read_bytes()
    (tmp_path / "load.py").write_text("import torch\nprint(torch.load('cut.pt'))\n")
    for length in range(len(full)):
        (tmp_path / "cut.pt").write_bytes(full[:length])
        result = conv("load.py", cwd=tmp_path)
        assert result.returncode == 1, (length, result.stdout, result.stderr)
        assert "error:" in result.stderr and "cut.pt" in result.stderr, (length, result.stderr)


def test_a_file_conv_did_not_write_is_refused_with_a_reason(conv, tmp_path):
    (tmp_path / "other.pt").write_bytes(b"PK\x03\x04 a zip archive, as PyTorch writes")
    (tmp_path / "load.py").write_text("import torch\ntorch.load('other.pt')\n")
    result = conv("load.py", cwd=tmp_path)
    assert result.returncode == 1
    assert "was not written by conv's torch.save" in result.stderr
    assert "PyTorch's own files are not supported" in result.stderr
