"""Installs the conv kernelspec: `python -m conv_kernel.install [--user | --sys-prefix | --prefix DIR] --conv PATH`.

The kernelspec starts this Python with `-m conv_kernel` and tells the kernel where conv is
(`CONV` in its environment). `--conv-arguments "--seed 0"` passes options to `conv --serve` (`CONV_ARGUMENTS`);
`--python-path DIR` adds DIR to the kernel's PYTHONPATH, for a conv_kernel that is not
installed as a package (the tests use both).
"""
import argparse
import json
import os
import sys
import tempfile

from jupyter_client.kernelspec import KernelSpecManager


def kernel_json(conv, python_path=None, conv_arguments=None):
    env = {"CONV": os.path.abspath(conv)}
    if conv_arguments:
        env["CONV_ARGUMENTS"] = conv_arguments
    if python_path:
        env["PYTHONPATH"] = os.path.abspath(python_path)
    return {
        "argv": [sys.executable, "-m", "conv_kernel", "-f", "{connection_file}"],
        "display_name": "conv",
        "language": "conv",
        "interrupt_mode": "signal",
        "env": env,
        "metadata": {"debugger": False},
    }


def install(conv, user=False, prefix=None, python_path=None, conv_arguments=None):
    """Writes the kernelspec named `conv`; returns the folder it went to."""
    if not (os.path.isfile(conv) and os.access(conv, os.X_OK)):
        raise SystemExit(f"conv is not an executable file: {conv} (build it first: make release)")
    with tempfile.TemporaryDirectory() as folder:
        with open(os.path.join(folder, "kernel.json"), "w") as file:
            json.dump(kernel_json(conv, python_path, conv_arguments), file, indent=2)
        return KernelSpecManager().install_kernel_spec(folder, "conv", user=user, prefix=prefix)


def main(arguments=None):
    parser = argparse.ArgumentParser(description="Install the conv Jupyter kernel.")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--user", action="store_true", help="for the current user (the default)")
    where.add_argument("--sys-prefix", action="store_true", help="into this Python's prefix (a virtual environment)")
    where.add_argument("--prefix", help="under PREFIX/share/jupyter/kernels")
    parser.add_argument("--conv", required=True, help="the conv binary the kernel runs")
    parser.add_argument("--conv-arguments", help='options for conv --serve, such as "--seed 0 --timeout 60"')
    parser.add_argument("--python-path", help="add this folder to the kernel's PYTHONPATH")
    options = parser.parse_args(arguments)
    prefix = sys.prefix if options.sys_prefix else options.prefix
    folder = install(options.conv, user=prefix is None, prefix=prefix, python_path=options.python_path,
                     conv_arguments=options.conv_arguments)
    print(f"installed the conv kernel in {folder}")


if __name__ == "__main__":
    main()
