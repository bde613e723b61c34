#!/usr/bin/env bash
# Fills a Terraform provider filesystem mirror for offline or locked-down CI, from the stacks in
# cdktf.out (run `npm run synth -- ...` or `npm run plan` first), and writes a CLI configuration
# that installs providers only from it:
#
#   scripts/providers-mirror.sh <mirror-dir> [platform ...]     (default platform: linux_amd64)
#   export TF_CLI_CONFIG_FILE=<mirror-dir>/terraform.tfrc
#
# Needs network access to the registry once (where the mirror is made); the CI that uses it
# needs none. TF_BINARY picks terraform or tofu, as for npm run plan.
set -euo pipefail
# Run from the project root.

mirror=${1:?usage: scripts/providers-mirror.sh <mirror-dir> [platform ...]}
shift
platforms=("$@")
[ ${#platforms[@]} -gt 0 ] || platforms=(linux_amd64)
tf=${TF_BINARY:-terraform}
mkdir -p "$mirror"
mirror=$(cd "$mirror" && pwd)

[ -f cdktf.out/manifest.json ] || { echo "cdktf.out/manifest.json not found: run npm run synth first" >&2; exit 1; }
dirs=$(node -e 'const m=require("./cdktf.out/manifest.json"); for (const s of Object.values(m.stacks)) console.log(s.workingDirectory)')

args=()
for p in "${platforms[@]}"; do args+=("-platform=$p"); done
for dir in $dirs; do
  echo "== cdktf.out/$dir"
  (cd "cdktf.out/$dir" && "$tf" providers mirror "${args[@]}" "$mirror")
  # The lock file of this provider set, with checksums for every platform asked for.
  (cd "cdktf.out/$dir" && "$tf" providers lock -fs-mirror="$mirror" "${args[@]}")
done

cat >"$mirror/terraform.tfrc" <<TFRC
provider_installation {
  filesystem_mirror {
    path    = "$mirror"
    include = ["registry.terraform.io/*/*"]
  }
  direct {
    exclude = ["registry.terraform.io/*/*"]
  }
}
TFRC
echo "Mirror ready. Use it with: export TF_CLI_CONFIG_FILE=$mirror/terraform.tfrc"
