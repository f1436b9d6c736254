"""Console pages of the demo province on the development server, as every demo role.

    .venv/bin/python tests/benchmarks/bench_console.py [--repeat N]

Starts ``safeledger serve`` on a fresh instance with the demo province, signs in
as each demo user, walks every console page reachable from 我的待办 by links, and
times each page (median of N fetches). The baseline, measured in the same run
against the same server, is the console's static stylesheet. Prints the slowest
pages and one BENCH line for the slowest page against the 300 ms target.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
TARGET_MS = 300.0
MAX_PAGES = 40
LINK = re.compile(r'href="(/console/[^"#]*)"')


def start_server(instance: Path) -> tuple[subprocess.Popen[bytes], str, list[str]]:
    """A migrated demo instance served on a free port; its URL and usernames."""
    env = {
        **os.environ,
        "SAFELEDGER_INSTANCE_PATH": str(instance),
        "SAFELEDGER_SCHEDULER": "false",
    }
    cli = [sys.executable, "-m", "safeledger"]
    subprocess.run([*cli, "migrate"], env=env, check=True, capture_output=True)
    demo = subprocess.run(
        [*cli, "demo"], env=env, check=True, capture_output=True, text=True
    )
    users = [m.group(1) for m in re.finditer(r"^  (\S+)\s+\S+$", demo.stdout, re.M)]
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [*cli, "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            urllib.request.urlopen(f"{url}/console/login", timeout=1)
            return server, url, users
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("the server did not start")


def signed_in(url: str, username: str) -> urllib.request.OpenerDirector:
    """A cookie-keeping client signed in through the console's form."""
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    )
    page = opener.open(f"{url}/console/login").read().decode()
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    form = {"username": username, "password": "safeledger-demo", "csrf_token": token}
    opener.open(f"{url}/console/login", urllib.parse.urlencode(form).encode())
    return opener


def timed(opener: urllib.request.OpenerDirector, url: str, repeat: int) -> float:
    """The median time in milliseconds to fetch ``url`` whole."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        opener.open(url).read()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def walk(opener: urllib.request.OpenerDirector, url: str) -> list[str]:
    """Console pages reachable from my tasks by links."""
    seen, queue = [], ["/console/tasks"]
    while queue and len(seen) < MAX_PAGES:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.append(path)
        html = opener.open(url + path).read().decode()
        for link in LINK.findall(html.replace("&amp;", "&")):
            if "/static/" not in link and link not in seen and link not in queue:
                queue.append(link)
    return seen


def main() -> None:
    """Time every page as every demo user; print the slowest and the BENCH line."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        server, url, users = start_server(Path(folder) / "instance")
        try:
            results = []
            baseline = None
            for username in users:
                opener = signed_in(url, username)
                if baseline is None:
                    static = f"{url}/console/static/console/console.css"
                    baseline = timed(opener, static, args.repeat * 4)
                for path in walk(opener, url):
                    results.append(
                        (timed(opener, url + path, args.repeat), username, path)
                    )
        finally:
            server.terminate()
            server.wait(timeout=20)
    results.sort(reverse=True)
    print(f"{len(results)} page views; slowest:")
    for ms, username, path in results[:10]:
        print(f"  {ms:8.1f} ms  {username:<16} {path}")
    slowest = results[0][0]
    line = {
        "figure": "slowest console page (median of fetches), demo province",
        "value": round(slowest, 1),
        "unit": "ms",
        "baseline_figure": "the console's static stylesheet, same server",
        "baseline": round(baseline or 0.0, 2),
        "ratio": round(slowest / baseline, 1) if baseline else None,
        "target": f"value <= {TARGET_MS:g}",
        "met": slowest <= TARGET_MS,
    }
    print("BENCH " + json.dumps(line, ensure_ascii=False))


if __name__ == "__main__":
    main()
