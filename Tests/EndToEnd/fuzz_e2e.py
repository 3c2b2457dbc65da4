#!/usr/bin/env python3
"""The API fuzzer: schemathesis over openapi.json with every check, bounded, against a served Skyport.

Starts `skyport serve` on SQLite with the 2013 network and two weeks of flights on sale, an operator token and a
server write key, and runs `schemathesis run` with `Tests/EndToEnd/schemathesis.toml` (every check; the few
operations whose rules go beyond JSON Schema say which refusals they may answer to valid data). The seed is
fixed so that a run is repeatable (SKYPORT_FUZZ_SEED picks another; SKYPORT_FUZZ_EXAMPLES more examples).
`POST /v1/training-jobs` is left out: each accepted call trains a model for minutes.
Any failure (a 5xx, a response that breaks its schema, an undocumented status, a refusal of valid data, an
acceptance of invalid data, a missing 401, a wrong answer to an undeclared method) fails the test.
"""
import base64
import os
import subprocess
import sys
import tempfile

import e2e_server

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    data_dir = e2e_server.prepared_data_dir(weeks=2)
    env = e2e_server.environment(data_dir)
    # Both rights, so that the finance routes are fuzzed too and not only refused.
    token = e2e_server.operator_token(env, rights=("operations", "finance"))
    created = subprocess.run([e2e_server.BINARY, "sources", "create", "fuzzer"], env=env, check=True, capture_output=True, text=True)
    write_key = [line for line in created.stdout.splitlines() if line.strip()][-1].strip()
    server, base = e2e_server.serve(env)
    try:
        # The tracking API authenticates with the write key (HTTP Basic), the rest with the operator token.
        basic = base64.b64encode(f"{write_key}:".encode()).decode()
        config = open(os.path.join(HERE, "schemathesis.toml")).read() + (
            '\n[[operations]]\ninclude-path-regex = "^/cdp/v1/"\n'
            f'headers = {{ Authorization = "Basic {basic}" }}\n'
            'checks.positive_data_acceptance.expected-statuses = ["2xx", "400", "401", "413"]\n')
        with tempfile.NamedTemporaryFile("w", suffix=".toml", delete=False) as file:
            file.write(config)
        examples = os.environ.get("SKYPORT_FUZZ_EXAMPLES")
        command = ["schemathesis", "--config-file", file.name, "run", base + "/openapi.json", "--checks", "all",
                   "--header", f"Authorization: Bearer {token}", "--workers", "2", "--exclude-path", "/v1/training-jobs",
                   "--seed", os.environ.get("SKYPORT_FUZZ_SEED", "20261203"), "--max-failures", "200"]
        if examples:
            command += ["--max-examples", examples]
        result = subprocess.run(command)
        if result.returncode != 0:
            raise SystemExit("the API fuzzer found failures (above)")
        print("api fuzzer: passed (schemathesis, every check, 0 failures)")
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    sys.exit(main())
