"""The guards pdfguard puts into pdfminer give pdfminer's results: RC4 in C, same bytes."""

from __future__ import annotations

import random

import pytest
from pdfminer.arcfour import Arcfour

from eu_posities.importers import pdfguard


@pytest.mark.parametrize("key_length", range(5, 17))  # every PDF RC4 key length
def test_rc4_decrypts_as_pdfminer_does(key_length: int) -> None:
    rng = random.Random(key_length)
    key = rng.randbytes(key_length)
    data = rng.randbytes(2500)
    theirs, ours = Arcfour(key), pdfguard._Arcfour(key)
    # In two calls: the cipher's state carries over from one call to the next.
    assert ours.decrypt(data[:999]) + ours.decrypt(data[999:]) == theirs.decrypt(
        data[:999]
    ) + theirs.decrypt(data[999:])


def test_the_guard_replaces_pdfminers_rc4() -> None:
    from pdfminer import pdfdocument

    pdfguard.install()
    assert pdfdocument.Arcfour is pdfguard._Arcfour
