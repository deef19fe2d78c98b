"""One process of the concurrency test: `python -m tests.meldingen.submitter URL PROC THREADS EACH`.

Each of THREADS threads stores EACH meldingen named 'p<PROC>-t<thread>-<k>' (and sends the first one
twice with the same token, as a double click would)."""

import sys
import threading

from atlas.meldingen import domain, store


def main(url: str, proc: int, threads: int, each: int) -> int:
    errors = []

    def work(t: int) -> None:
        try:
            for k in range(each):
                m = domain.clean({"kind": "missing", "programme": "zorgzame_buurt", "name": f"p{proc}-t{t}-{k}",
                                  "municipality_nis": "71004", "source_url": "https://example.org/a"})
                token = f"tok-{proc}-{t}-{k}"
                store.add(m, token=token, url=url)
                if k == 0:
                    again = store.add(m, token=token, url=url)
                    assert not again.created
        except Exception as exc:  # noqa: BLE001 - reported to the parent test
            errors.append(repr(exc))

    pool = [threading.Thread(target=work, args=(t,)) for t in range(threads)]
    for th in pool:
        th.start()
    for th in pool:
        th.join()
    print("\n".join(errors))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])))
