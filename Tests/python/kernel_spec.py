"""The conv kernelspec for the tests: installed into a temporary prefix, pointing at the conv
the tests use and at jupyter/conv_kernel in this repository, so no `make jupyter` is needed."""
import os
import sys
import tempfile

from conftest import ROOT, conv_path

sys.path.insert(0, str(ROOT / "jupyter"))

from conv_kernel.install import install  # noqa: E402

_prefix = None


def use_test_kernelspec():
    """Installs the kernelspec once per test run and puts it first on JUPYTER_PATH."""
    global _prefix
    if _prefix is None:
        _prefix = tempfile.mkdtemp(prefix="conv-kernelspec-")
        # No step limit: the interrupt test runs a computation that only an interrupt stops.
        install(conv_path(), prefix=_prefix, python_path=str(ROOT / "jupyter"),
                conv_arguments="--max-steps 1000000000000000")
        os.environ["JUPYTER_PATH"] = os.path.join(_prefix, "share", "jupyter")
    return _prefix
