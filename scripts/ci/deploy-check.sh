#!/usr/bin/env bash
# The deployment files, checked without a cluster or a Docker engine: every Kustomize overlay renders
# (`kubectl kustomize`) and validates against the Kubernetes schemas (kubernetes-validate, strict), the
# Dockerfile builds with the same commands as `make`, and the Prometheus rules load and pass their unit tests.
set -euo pipefail
cd "$(dirname "$0")/../.."
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
for overlay in deploy/k8s/overlays/*/; do
  name="$(basename "$overlay")"
  kubectl kustomize "$overlay" > "$out/$name.yaml"
  python3 -m kubernetes_validate --strict --quiet "$out/$name.yaml"
  echo "deploy/k8s/overlays/$name: $(grep -c '^kind:' "$out/$name.yaml") objects render and validate"
done
python3 scripts/ci/dockerfile_check.py
promtool check rules deploy/prometheus/skyport-rules.yml >/dev/null
promtool test rules deploy/prometheus/skyport-rules.test.yml >/dev/null
echo "deploy/prometheus: rules load and pass their unit tests"
