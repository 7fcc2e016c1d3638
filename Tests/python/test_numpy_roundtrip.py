"""NumPy files and conventions with the real NumPy: .npy and CSV files written by NumPy go
through conv's load and save unchanged, and convolve/correlate equal NumPy's."""
import json

import numpy as np
import pytest

DTYPES = ["f2", "f4", "f8", "i1", "i2", "i4", "i8", "u1", "u2", "u4", "u8", "b1"]
SHAPES = [(), (5,), (3, 4), (2, 3, 4), (0, 3)]


def sample(dtype, shape, rng):
    """Values every dtype holds exactly, so float64 conversion is lossless."""
    kind = np.dtype(dtype).kind
    if kind == "b":
        return rng.integers(0, 2, size=shape).astype(bool)
    if kind == "u":
        return rng.integers(0, 200, size=shape).astype(dtype)
    if kind == "i":
        return rng.integers(-100, 100, size=shape).astype(dtype)
    return rng.normal(size=shape).astype(dtype)


def round_trip(conv, folder, name="in.npy"):
    """Runs a script in `folder` that loads `name` and saves it as out.npy."""
    script = folder / "copy.conv"
    script.write_text(f'x = load("{name}")\nsave("out.npy", x)\n')
    result = conv(str(script))
    assert result.returncode == 0, result.stderr
    return np.load(folder / "out.npy", allow_pickle=False)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("endian", ["<", ">"])
def test_every_dtype_and_byte_order_loads_unchanged(conv, tmp_path, dtype, endian):
    rng = np.random.default_rng(len(dtype) * 7 + ord(endian))
    for index, shape in enumerate(SHAPES):
        folder = tmp_path / f"case{index}"
        folder.mkdir()
        array = sample(dtype, shape, rng)
        stored = array.astype(np.dtype(dtype).newbyteorder(endian)) if np.dtype(dtype).itemsize > 1 else array
        np.save(folder / "in.npy", stored)
        back = round_trip(conv, folder)
        assert back.dtype == np.dtype("<f8")
        assert back.shape == array.shape
        np.testing.assert_array_equal(back, array.astype(np.float64))


@pytest.mark.parametrize("shape", [(3, 4), (2, 3, 4), (4, 1, 2)])
def test_fortran_order_becomes_the_same_array(conv, tmp_path, shape):
    array = np.asfortranarray(np.arange(np.prod(shape), dtype=np.float64).reshape(shape) * 0.5)
    np.save(tmp_path / "in.npy", array)
    with open(tmp_path / "in.npy", "rb") as handle:
        assert b"'fortran_order': True" in handle.read(128)
    np.testing.assert_array_equal(round_trip(conv, tmp_path), array)


@pytest.mark.parametrize("version", [(1, 0), (2, 0), (3, 0)])
def test_format_versions(conv, tmp_path, version):
    array = np.linspace(-1, 1, 12, dtype=np.float32).reshape(3, 4)
    with open(tmp_path / "in.npy", "wb") as handle:
        np.lib.format.write_array(handle, array, version=version)
    np.testing.assert_array_equal(round_trip(conv, tmp_path), array.astype(np.float64))


def test_saved_file_is_version_1_float64_c_order_and_bit_exact(conv, tmp_path):
    array = np.array([[0.1, -0.0, np.inf], [np.nan, 5e-324, 1e308]])
    np.save(tmp_path / "in.npy", array)
    back = round_trip(conv, tmp_path)
    with open(tmp_path / "out.npy", "rb") as handle:
        assert np.lib.format.read_magic(handle) == (1, 0)
        shape, fortran, dtype = np.lib.format.read_array_header_1_0(handle)
    assert (shape, fortran, dtype) == ((2, 3), False, np.dtype("<f8"))
    assert back.tobytes() == array.tobytes()


def test_csv_round_trip_with_numpy(conv, tmp_path):
    rng = np.random.default_rng(5)
    matrix = rng.normal(size=(6, 3))
    column = rng.normal(size=7)
    np.savetxt(tmp_path / "m.csv", matrix, delimiter=",")
    np.savetxt(tmp_path / "c.csv", column, delimiter=",")
    (tmp_path / "copy.conv").write_text(
        'm = load("m.csv")\nc = load("c.csv")\nprint(m.shape, c.shape)\n'
        'save("m2.csv", m)\nsave("c2.csv", c)\nsave("m.npy", m)\n')
    result = conv(str(tmp_path / "copy.conv"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "(6, 3) (7,)"
    np.testing.assert_array_equal(np.loadtxt(tmp_path / "m2.csv", delimiter=","), matrix)
    np.testing.assert_array_equal(np.loadtxt(tmp_path / "c2.csv", delimiter=","), column)
    np.testing.assert_array_equal(np.load(tmp_path / "m.npy"), matrix)


def test_relative_paths_start_at_the_script_folder_and_cannot_escape(conv, tmp_path):
    granted = tmp_path / "granted"
    granted.mkdir()
    np.save(tmp_path / "secret.npy", np.array([42.0]))
    np.save(granted / "mine.npy", np.array([1.0, 2.0]))
    (granted / "ok.conv").write_text('print(load("mine.npy"))\n')
    result = conv(str(granted / "ok.conv"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[1, 2]"
    (granted / "escape.conv").write_text('load("../secret.npy")\n')
    result = conv(str(granted / "escape.conv"))
    assert result.returncode == 1
    assert "outside the folders" in result.stderr
    (tmp_path / "away").symlink_to(tmp_path)
    (granted / "away").symlink_to(tmp_path)
    (granted / "link.conv").write_text('load("away/secret.npy")\n')
    result = conv(str(granted / "link.conv"))
    assert result.returncode == 1
    assert "outside the folders" in result.stderr


def test_eval_paths_start_at_the_current_folder(conv, tmp_path):
    np.save(tmp_path / "a.npy", np.array([3.0, 4.0]))
    result = conv("-e", 'save("b.csv", load("a.npy") * 2)', cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "b.csv").read_text() == "6\n8\n"


def test_malformed_files_are_errors_not_crashes(conv, tmp_path):
    np.save(tmp_path / "good.npy", np.arange(6.0))
    good = (tmp_path / "good.npy").read_bytes()
    (tmp_path / "cut.npy").write_bytes(good[:-3])
    (tmp_path / "text.npy").write_bytes(b"hello")
    np.save(tmp_path / "complex.npy", np.array([1j]))
    (tmp_path / "bad.csv").write_text("1,2\n3\n")
    for name, message in [("cut.npy", "data should be 48 bytes"), ("text.npy", "not a NumPy .npy file"),
                          ("complex.npy", "unsupported .npy element type <c16"),
                          ("bad.csv", "line 2 has 1 value, but line 1 has 2")]:
        result = conv("-e", f'load("{name}")', cwd=tmp_path)
        assert result.returncode == 1, name
        assert message in result.stderr, (name, result.stderr)
        assert "Fatal error" not in result.stderr


@pytest.mark.parametrize("function", ["convolve", "correlate"])
@pytest.mark.parametrize("mode", ["full", "same", "valid"])
def test_convolve_and_correlate_equal_numpy(conv, function, mode):
    rng = np.random.default_rng(hash((function, mode)) % 2**32)
    lines = []
    expected = []
    for _ in range(60):
        a = rng.normal(size=int(rng.integers(1, 25)))
        v = rng.normal(size=int(rng.integers(1, 25)))
        lines.append(f'{function}({json.dumps(a.tolist())}, {json.dumps(v.tolist())}, "{mode}")')
        expected.append(getattr(np, function)(a, v, mode))
    result = conv("--json", "-e", "\n".join(lines))
    assert result.returncode == 0, result.stderr
    outputs = [np.array(json.loads(line)["value"], dtype=float) for line in result.stdout.splitlines()]
    assert len(outputs) == len(expected)
    for got, want in zip(outputs, expected):
        assert got.shape == want.shape
        np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-12)


def test_numpy_defaults(conv):
    result = conv("--json", "-e", "convolve([1, 2, 3], [4, 5])\ncorrelate([1, 2, 3], [4, 5])")
    assert result.returncode == 0, result.stderr
    got = [json.loads(line)["value"] for line in result.stdout.splitlines()]
    assert got == [np.convolve([1, 2, 3], [4, 5]).tolist(), np.correlate([1, 2, 3], [4, 5]).tolist()]
