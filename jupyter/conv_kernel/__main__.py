"""`python -m conv_kernel -f CONNECTION_FILE`: what kernel.json starts."""
from ipykernel.kernelapp import IPKernelApp

from .kernel import ConvKernel

IPKernelApp.launch_instance(kernel_class=ConvKernel)
