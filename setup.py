"""The compiled helpers of the word diff (eu_posities/diff/_native.c).

Everything else about the package is in pyproject.toml. The extension is optional: where no
C compiler is found the install goes on without it, and the same Python code runs (slower on
long rewritten provisions; eu_posities/diff/native.py).
"""

from setuptools import Extension, setup

setup(
    ext_modules=[
        Extension(
            "eu_posities.diff._native",
            sources=["eu_posities/diff/_native.c"],
            optional=True,
        )
    ]
)
