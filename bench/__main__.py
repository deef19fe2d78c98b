"""``python -m bench <name> [args]``: run a registered benchmark and print its table.

``python -m bench`` lists the benchmarks; ``python -m bench all`` runs them all.
Exit code: 0 all rows pass, 1 a row FAILs, 2 usage error or missing data.
"""

from __future__ import annotations

import sys

from bench import discover, format_table


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    registry = discover()
    if not argv or argv[0] in ("-h", "--help", "list"):
        print("usage: python -m bench <name> [args]   (or: all)")
        for name, entry in sorted(registry.items()):
            print(f"  {name:<12} {entry.description}")
        return 0 if argv else 2
    name, rest = argv[0], argv[1:]
    names = sorted(registry) if name == "all" else [name]
    unknown = [n for n in names if n not in registry]
    if unknown:
        print(f"unknown benchmark {unknown[0]!r}; known: {', '.join(sorted(registry)) or 'none'}", file=sys.stderr)
        return 2
    failed = False
    for n in names:
        try:
            rows = registry[n].run(rest)
        except SystemExit as exc:  # a benchmark may stop with a message (e.g. no reference data)
            code = exc.code if isinstance(exc.code, int) else 2
            if code:
                return code
            continue
        print(format_table(f"python -m bench {n}: {registry[n].description}", rows))
        print()
        failed |= any(r.verdict == "FAIL" for r in rows)
    print("verdict:", "FAIL" if failed else "PASS")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
