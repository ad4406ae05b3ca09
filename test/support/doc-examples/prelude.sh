# Sourced by the doc-example test before a document's examples (test/support/doc-examples/run.ts,
# decision 0059). `npm` runs the scripts a reader runs next to `npm start`: `build` is done (the
# workspace holds ccrx built from the current sources), `ccrx` and `admin` run this checkout's
# code; anything else (npm ci, npm start, npm test…) must be tagged no-run.
npm() {
  local command=${1-} all="$*"
  shift || true
  if [[ $command == run || $command == run-script ]]; then
    while [[ ${1-} == -* && ${1-} != -- ]]; do shift; done
    local script=${1-}
    shift || true
    [[ ${1-} == -- ]] && shift
    case $script in
      build) return 0 ;;
      ccrx) node "$__DOC_CLI" "$@"; return ;;
      admin) (set -a; . "$__DOC_RUN/admin.env"; exec "$__DOC_ADMIN" "$@"); return ;;
    esac
  fi
  echo "doc-examples: 'npm $all' does not run in this test (it starts the service itself): tag the example <!-- example: no-run — reason -->" >&2
  return 127
}

# Where a command failed: its line, then each caller's, so the test names the document's line.
trap '{ echo "$LINENO ${BASH_SOURCE[0]}"; for ((__doc_i = 1; __doc_i < ${#BASH_SOURCE[@]}; __doc_i++)); do echo "${BASH_LINENO[__doc_i - 1]} ${BASH_SOURCE[__doc_i]}"; done; } >> "$__DOC_RUN/failed"' ERR
