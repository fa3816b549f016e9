"""Constants for making real test vaults.

The KDF cost is stored in each vault's key file, so a vault made with FAST_KDF is still a real SQLCipher
vault; only the cost of guessing its passphrase is lower. Tests about the real cost use KdfParams().
"""

from __future__ import annotations

from visitapp.domain.models import Worker
from visitapp.store.keys import KdfParams

FAST_KDF = KdfParams(n=2**14)
PASSPHRASE = "lantern pebble orchard seven"
WORKER = Worker(full_name="Morgan Test-Worker", job_title="Social Worker", team="Harbour Team")
