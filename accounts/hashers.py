"""How passwords are stored: Argon2id at the first setting OWASP recommends (19 MiB of memory,
2 passes, 1 lane).

Django's default, PBKDF2 with 1,000,000 SHA-256 rounds, costs about 0.3 s of CPU per sign-in;
when a ministry's staff sign in for a timed test the same morning, hashing alone filled a 2-core
server (docs/performance.md). Argon2id at this setting costs about a tenth of that, and being
memory-hard it is no easier to attack with graphics cards than PBKDF2 at its full count.

The hashes keep Django's "argon2" prefix and carry their own parameters, so a later change of
setting re-hashes each password at its owner's next sign-in, as a PBKDF2 hash is upgraded now.
"""

from django.contrib.auth.hashers import Argon2PasswordHasher


class Argon2idPasswordHasher(Argon2PasswordHasher):
    time_cost = 2
    memory_cost = 19 * 1024  # KiB
    parallelism = 1
