"""`python -m tests.meldingen.writer URL`: store meldingen w0, w1, ... until killed (for the test of a
server killed in the middle of a write). Each row's text is derived from its name."""

import sys

from atlas.meldingen import domain, store


def text_of(k: int) -> str:
    return (f"melding {k}; " * 300)[:4000].strip()


def main(url: str) -> None:
    k = 0
    while True:
        store.add(domain.clean({"kind": "missing", "programme": "stek", "name": f"w{k}", "municipality_nis": "71016",
                                "source_url": "https://example.org/", "text": text_of(k),
                                "email": f"w{k}@example.org"}), url=url)
        k += 1


if __name__ == "__main__":
    main(sys.argv[1])
