"""wrk on loopback: one measurement of one endpoint, parsed into requests/s, latency and errors; several
measurements summed up as their median and spread."""

import re
import statistics
import subprocess
from dataclasses import dataclass

from lab.config import LAB

PATHS = {"plaintext": "/plaintext", "json": "/json", "validate": "/validate", "db": "/db/1"}
SCRIPTS = {"validate": LAB / "wrk" / "validate.lua", "db": LAB / "wrk" / "db.lua"}
_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


@dataclass
class Result:
    rps: float
    p50_ms: float
    p99_ms: float
    errors: int


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * _UNITS[unit]


def parse(output: str) -> Result:
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p50 = _ms(re.search(r"^\s+50%\s+(\S+)", output, re.M).group(1))
    p99 = _ms(re.search(r"^\s+99%\s+(\S+)", output, re.M).group(1))
    errors = 0
    if found := re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output):
        errors += int(found.group(1))
    if found := re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output):
        errors += sum(int(n) for n in found.groups())
    return Result(rps=round(rps, 1), p50_ms=round(p50, 3), p99_ms=round(p99, 3), errors=errors)


def argv(endpoint: str, port: int, seconds: int, connections: int, threads: int) -> list[str]:
    args = ["wrk", "--threads", str(threads), "--connections", str(connections), "--duration", f"{seconds}s"]
    args += ["--latency", "--timeout", "5s"]
    if endpoint in SCRIPTS:
        args += ["--script", str(SCRIPTS[endpoint])]
    return [*args, f"http://127.0.0.1:{port}{PATHS[endpoint]}"]


def run(command: list[str]) -> Result:
    """One wrk run of ``command`` (``argv``, pinned or not)."""
    out = subprocess.run(command, capture_output=True, text=True, check=True)
    return parse(out.stdout)


def summary(runs: list[dict], spread_limit: float) -> dict:
    """Several runs of one endpoint as one figure: the median of each number (errors summed), the requests/s
    spread as min, max and (max - min) / median, and a flag when that spread is over ``spread_limit``."""
    rps = [r["rps"] for r in runs]
    median = statistics.median(rps)
    spread = (max(rps) - min(rps)) / median if median else 0.0
    return {
        "rps": round(median, 1),
        "rps_min": min(rps),
        "rps_max": max(rps),
        "spread": round(spread, 3),
        "spread_flag": spread > spread_limit,
        "p50_ms": round(statistics.median(r["p50_ms"] for r in runs), 3),
        "p99_ms": round(statistics.median(r["p99_ms"] for r in runs), 3),
        "errors": sum(r["errors"] for r in runs),
    }


def version() -> str:
    out = subprocess.run(["wrk", "--version"], capture_output=True, text=True)
    return (out.stdout or out.stderr).split()[1] if (out.stdout or out.stderr) else "unknown"
