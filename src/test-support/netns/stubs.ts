// Stand-ins for the commands a generated host script calls that must not run for real in a test: package
// managers, Docker, systemd, the AWS CLI and curl. Each records its command line in $STUB_LOG and
// succeeds, doing only what the real command leaves behind that a later line of the script relies on
// (a directory, a saved rules file, an enabled unit).
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/** Runs a unit's ExecStart= lines in order, as systemd does for a oneshot service; used by the systemctl
 * stub and by the simulated reboot. Prefixes (-, @, :, +, !) are dropped; "-" makes failure non-fatal. */
export const RUN_UNIT = 'ecs-test-run-unit'

const record = 'printf \'%s\\n\' "$(basename "$0") $*" >> "${STUB_LOG:?}"'

const STUBS: Record<string, string> = {
  [RUN_UNIT]: `
unit=$1
[ -f "$unit" ] || { echo "$unit: no such unit file" >&2; exit 1; }
joined=$(sed -e ':a' -e '/\\\\$/N; s/\\\\\\n//; ta' "$unit")
while IFS= read -r line; do
  case $line in ExecStart=*) ;; *) continue ;; esac
  command=\${line#ExecStart=}
  optional=0
  while :; do
    case $command in
      -*) optional=1; command=\${command:1} ;;
      [@:+!]*) command=\${command:1} ;;
      *) break ;;
    esac
  done
  [ -n "$command" ] || continue
  eval "set -- $command"
  "$@"
  status=$?
  if [ "$status" -ne 0 ] && [ "$optional" -eq 0 ]; then
    echo "$unit: ExecStart=$command exited with $status" >&2
    exit "$status"
  fi
done <<< "$joined"
exit 0
`,
  systemctl: `
${record}
verb=; now=0; units=()
for arg in "$@"; do
  case $arg in
    --now) now=1 ;;
    -*) ;;
    *) if [ -z "$verb" ]; then verb=$arg; else units+=("$arg"); fi ;;
  esac
done
unit_file() { case $1 in *.*) echo "/etc/systemd/system/$1" ;; *) echo "/etc/systemd/system/$1.service" ;; esac; }
start() {
  local file; file=$(unit_file "$1")
  # Units the packages ship (docker, ecs, iptables) are not simulated; units the script wrote run.
  [ -f "$file" ] || return 0
  ${RUN_UNIT} "$file"
}
case $verb in
  enable|reenable)
    for unit in "\${units[@]}"; do
      file=$(unit_file "$unit")
      if [ -f "$file" ]; then
        for link in $(sed -n 's/^WantedBy=//p' "$file" | tr ' ' '\\n' | sed 's/$/.wants/'; sed -n 's/^RequiredBy=//p' "$file" | tr ' ' '\\n' | sed 's/$/.requires/'); do
          mkdir -p "/etc/systemd/system/$link"
          ln -sfn "$file" "/etc/systemd/system/$link/$(basename "$file")"
        done
      fi
      if [ "$now" -eq 1 ]; then start "$unit" || exit 1; fi
    done ;;
  disable)
    for unit in "\${units[@]}"; do rm -f /etc/systemd/system/*.wants/"$(basename "$(unit_file "$unit")")" /etc/systemd/system/*.requires/"$(basename "$(unit_file "$unit")")"; done ;;
  start|restart|reload-or-restart|try-restart)
    for unit in "\${units[@]}"; do start "$unit" || exit 1; done ;;
esac
exit 0
`,
  docker: `
${record}
case \${1:-} in
  inspect) echo "Error: No such object: \${2:-}" >&2; exit 1 ;;
  run) echo 0123456789abcdef ;;
esac
exit 0
`,
  aws: `
${record}
# "aws s3 cp s3://bucket/key DEST": leave DEST behind, as the real copy would.
if [ "\${1:-}" = s3 ] && [ "\${2:-}" = cp ] && [ -n "\${4:-}" ]; then : > "$4"; fi
exit 0
`,
  // AL1's "service iptables save" writes /etc/sysconfig/iptables.
  service: `
${record}
if [ "\${1:-}" = iptables ] && [ "\${2:-}" = save ]; then iptables-save > /etc/sysconfig/iptables; fi
exit 0
`,
  // netfilter-persistent's iptables plugin saves to /etc/iptables/rules.v4 and rules.v6.
  'netfilter-persistent': `
${record}
if [ "\${1:-}" = save ]; then
  mkdir -p /etc/iptables
  iptables-save > /etc/iptables/rules.v4
  ip6tables-save > /etc/iptables/rules.v6
fi
exit 0
`,
  dnf: `\n${record}\nexit 0\n`,
  yum: `\n${record}\nexit 0\n`,
  'apt-get': `\n${record}\nexit 0\n`,
  curl: `\n${record}\nexit 0\n`,
}

/** Writes the stubs into `dir` (created) and returns it. */
export function writeStubs(dir: string): string {
  mkdirSync(dir, { recursive: true })
  for (const [name, body] of Object.entries(STUBS)) {
    const path = join(dir, name)
    writeFileSync(path, `#!/bin/bash\n${body.trimStart()}`)
    chmodSync(path, 0o755)
  }
  return dir
}
