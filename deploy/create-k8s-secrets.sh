#!/usr/bin/env bash
# Creates (or updates) the Kubernetes Secrets that k8s/ references but never contains, from the files written by
# deploy/generate-secrets.sh:
#
#   mission-control-secrets   MC_ADMIN_TOKEN, MC_INTERNAL_TOKEN_PRIVATE_KEY, MC_INTERNAL_TOKEN_PUBLIC_KEY
#   mc-registry-secrets       MC_REGISTRY_SECRETS_ACTIVE_KEY_ID, MC_REGISTRY_SECRETS_KEYS_K1 (registry-service only)
#   mc-db-<name>              kubernetes.io/basic-auth (username, password) per database: registry, task, approval,
#                             telemetry. CloudNativePG sets the role passwords from them (k8s/infra), the services
#                             log in with them (DB_USERNAME / DB_PASSWORD).
#
# Usage: deploy/create-k8s-secrets.sh [--namespace NS] [--secrets DIR] [--print]
#   --print   write the Secret manifests to stdout instead of applying them (e.g. to seal or encrypt them);
#             they contain the secrets in base64: never commit them as they are.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
namespace=mission-control
dir="$here/secrets"
print=false
while [[ $# -gt 0 ]]; do
  case "$1" in
    -n|--namespace) namespace="${2:?--namespace needs a value}"; shift 2 ;;
    --secrets) dir="${2:?--secrets needs a directory}"; shift 2 ;;
    --print) print=true; shift ;;
    -h|--help) sed -n '2,14p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "create-k8s-secrets: unknown argument '$1' (try --help)" >&2; exit 2 ;;
  esac
done

command -v kubectl > /dev/null || { echo "create-k8s-secrets: kubectl is required" >&2; exit 1; }
for f in admin-token internal-token-private.pem internal-token-public.pem registry-secret-key \
         db-password-registry db-password-task db-password-approval db-password-telemetry; do
  [[ -s "$dir/$f" ]] || { echo "create-k8s-secrets: $dir/$f is missing: run deploy/generate-secrets.sh first" >&2; exit 1; }
done

emit() {
  if [[ "$print" == true ]]; then
    echo "---"
    cat
  else
    kubectl apply -f -
  fi
}

kubectl create secret generic mission-control-secrets --namespace "$namespace" \
  --from-file=MC_ADMIN_TOKEN="$dir/admin-token" \
  --from-file=MC_INTERNAL_TOKEN_PRIVATE_KEY="$dir/internal-token-private.pem" \
  --from-file=MC_INTERNAL_TOKEN_PUBLIC_KEY="$dir/internal-token-public.pem" \
  --dry-run=client -o yaml | emit

# Only registry-service gets it: the key that seals runtime tokens. Rotation adds keys here (docs/deployment.md).
kubectl create secret generic mc-registry-secrets --namespace "$namespace" \
  --from-literal=MC_REGISTRY_SECRETS_ACTIVE_KEY_ID=k1 \
  --from-file=MC_REGISTRY_SECRETS_KEYS_K1="$dir/registry-secret-key" \
  --dry-run=client -o yaml | emit

for db in registry task approval telemetry; do
  kubectl create secret generic "mc-db-$db" --namespace "$namespace" --type=kubernetes.io/basic-auth \
    --from-literal=username="$db" \
    --from-file=password="$dir/db-password-$db" \
    --dry-run=client -o yaml \
  | kubectl label --local -f - cnpg.io/reload=true -o yaml \
  | emit
done
