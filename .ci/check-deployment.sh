#!/usr/bin/env bash
# Offline checks of the deployment descriptors: docker-compose.yml, k8s/ (rendered with kustomize), the Jib
# profile's image table deploy/images/, and deploy/generate-secrets.sh. Nothing is pulled, built or started:
# no container engine or registry is needed. See docs/deployment.md "What CI checks".
#
# Installs what it lacks from Debian's packages (python3-yaml, openssl; kubectl or kustomize when a package for
# them exists), then runs deploy/check-deployment.py. Exits non-zero with one line per mismatch.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
started=$(date +%s)

apt_updated=false
apt_install() {
  if [[ $(id -u) -ne 0 ]]; then
    echo "check-deployment: missing $*; install it (apt-get install $*) or run as root" >&2
    return 1
  fi
  if [[ $apt_updated == false ]]; then
    apt-get update -qq > /dev/null
    apt_updated=true
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" > /dev/null
}
apt_has() { [[ -n "$(apt-cache policy "$1" 2> /dev/null | awk '/Candidate:/ { if ($2 != "(none)") print $2 }')" ]]; }

# --- Python with PyYAML (PyPI is not reachable: Debian's python3-yaml) --------------------------------------------
python=""
for candidate in python3 /usr/bin/python3; do
  if command -v "$candidate" > /dev/null && "$candidate" -c 'import yaml' 2> /dev/null; then
    python=$candidate
    break
  fi
done
if [[ -z $python ]]; then
  apt_install python3 python3-yaml
  python=/usr/bin/python3
fi

# --- openssl (deploy/generate-secrets.sh) --------------------------------------------------------------------------
command -v openssl > /dev/null || apt_install openssl

# --- a kustomize renderer: kubectl >= 1.21 (kustomize v4+) or a kustomize binary -----------------------------------
kustomize_of_kubectl() {
  kubectl version --client -o json 2> /dev/null \
    | "$python" -c 'import json,sys; print(json.load(sys.stdin).get("kustomizeVersion", ""))' 2> /dev/null
}
find_renderer() {
  if command -v kubectl > /dev/null; then
    local version
    version=$(kustomize_of_kubectl)
    if [[ $version =~ ^v([0-9]+) && ${BASH_REMATCH[1]} -ge 4 ]]; then
      echo "kubectl kustomize"
      return
    fi
  fi
  if command -v kustomize > /dev/null; then
    echo "kustomize build"
  fi
}
renderer=$(find_renderer)
if [[ -z $renderer ]]; then
  # Debian bookworm has neither package (its kubernetes-client 1.20 embeds kustomize v2, too old for k8s/).
  for package in kubectl kustomize; do
    if apt_has "$package" || { [[ $apt_updated == false ]] && apt-get update -qq > /dev/null && apt_updated=true && apt_has "$package"; }; then
      apt_install "$package" && renderer=$(find_renderer)
      [[ -n $renderer ]] && break
    fi
  done
fi
if [[ -z $renderer ]]; then
  echo "check-deployment: FAIL: no kustomize renderer: need kubectl >= 1.21 (kubectl kustomize) or kustomize >= 4" >&2
  exit 1
fi

echo "check-deployment: python=$("$python" --version 2>&1 | cut -d' ' -f2) renderer='$renderer' openssl=$(openssl version | cut -d' ' -f2)"
status=0
MC_KUSTOMIZE="$renderer" MC_OPENSSL=openssl "$python" deploy/check-deployment.py || status=$?
echo "check-deployment: finished in $(( $(date +%s) - started ))s"
exit $status
