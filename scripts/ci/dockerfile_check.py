#!/usr/bin/env python3
"""Checks, without a Docker engine, that the Dockerfile builds Skyport the way `make` does.

- The builder stage installs what `make deps` installs by running `make deps`, and builds by running
  `make release` (whose recipe is `swift build -c release --product skyport ...`).
- It copies the binary from the Makefile's RELEASE_BIN and every resource bundle next to it.
- The Swift image is at least the package's swift-tools-version.
- The runtime stage is a separate, slim image with libxgboost, a non-root user, port 8080, and the config files.
- Each Debian package the runtime installs exists (apt-cache).
"""
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def read(name):
    with open(os.path.join(ROOT, name)) as file:
        return file.read()


def main():
    dockerfile, makefile, package = read("Dockerfile"), read("Makefile"), read("Package.swift")
    problems = []
    # Join continuation lines, then split the stages.
    lines = re.sub(r"\\\n\s*", " ", dockerfile).splitlines()
    args = dict(re.findall(r"^ARG (\w+)=(\S+)", dockerfile, re.M))
    stages, current = [], None
    for line in lines:
        if line.startswith("FROM "):
            current = {"from": line.split()[1], "lines": []}
            stages.append(current)
        elif current is not None and line.strip() and not line.startswith("#"):
            current["lines"].append(line.strip())
    if len(stages) != 2:
        problems.append(f"two stages (builder and runtime), not {len(stages)}")
        return report(problems)
    build, runtime = stages
    build_runs = " ".join(line for line in build["lines"] if line.startswith("RUN "))
    for target in ["make deps", "make release"]:
        if target not in build_runs:
            problems.append(f"the builder stage runs `{target}`")
    recipe = re.search(r"^release:.*\n\t(.+)$", makefile, re.M)
    if not recipe or not recipe.group(1).startswith("swift build -c release --product skyport"):
        problems.append("the Makefile's release target builds the skyport product in release")
    release_bin = re.search(r"^RELEASE_BIN := (\S+)", makefile, re.M).group(1)
    if f"cp {release_bin} " not in build_runs:
        problems.append(f"the builder copies the binary from {release_bin}")
    if "cp -R .build/release/*.resources" not in build_runs:
        problems.append("the builder copies the resource bundles (templates, assets, messages, OpenAPI document)")
    if "--static-swift-stdlib" not in build_runs:
        problems.append("the release is linked with --static-swift-stdlib")
    image = build["from"].replace("${SWIFT_IMAGE}", args.get("SWIFT_IMAGE", ""))
    swift = re.search(r"swift:(\d+)\.(\d+)", image)
    tools = re.search(r"swift-tools-version:\s*(\d+)\.(\d+)", package)
    if not swift or (int(swift.group(1)), int(swift.group(2))) < (int(tools.group(1)), int(tools.group(2))):
        problems.append(f"the Swift image {image} is at least swift-tools-version {tools.group(1)}.{tools.group(2)}")
    base = runtime["from"].replace("${RUNTIME_IMAGE}", args.get("RUNTIME_IMAGE", ""))
    if "slim" not in base:
        problems.append(f"the runtime image is a slim one, not {base}")
    runtime_text = "\n".join(runtime["lines"])
    if "COPY --from=build" not in runtime_text:
        problems.append("the runtime copies what the builder made")
    if not re.search(r"^EXPOSE 8080$", runtime_text, re.M):
        problems.append("the runtime exposes 8080")
    user = re.search(r"^USER (\S+)", runtime_text, re.M)
    if not user or user.group(1).split(":")[0] in ("0", "root"):
        problems.append("the runtime runs as a non-root user")
    if not re.search(r"^COPY config ", runtime_text, re.M):
        problems.append("the runtime has the config files (monitoring rules, disruption policy)")
    installed = re.search(r"apt-get install -y --no-install-recommends ([^&]+)", runtime_text)
    packages = installed.group(1).split() if installed else []
    if "libxgboost0" not in packages:
        problems.append("the runtime installs libxgboost0")
    for name in packages:
        if subprocess.run(["apt-cache", "show", name], capture_output=True).returncode != 0:
            problems.append(f"Debian has no package {name}")
    ignored = read(".dockerignore").split()
    for name in [".build", "data"]:
        if name not in ignored:
            problems.append(f".dockerignore leaves out {name}")
    return report(problems)


def report(problems):
    for problem in problems:
        print(f"Dockerfile: expected: {problem}", file=sys.stderr)
    if not problems:
        print("Dockerfile: builds with `make deps` and `make release`, slim non-root runtime with libxgboost, port 8080")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
