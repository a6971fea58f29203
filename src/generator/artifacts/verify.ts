// In-container checks: the task role's credentials arrive, and instance metadata is blocked when it should
// be. The AWS-documented test is `curl 169.254.170.2$AWS_CONTAINER_CREDENTIALS_RELATIVE_URI` [S2].
import { CREDENTIALS_ENDPOINT, INSTANCE_METADATA_ADDRESS } from '../../knowledge/agent.ts'
import { cite } from '../../knowledge/sources.ts'
import { msg } from '../../i18n/message.ts'
import { ps, psBlank, psComment, psLine, renderPowerShell, type PsBlock } from '../render/powershell.ts'
import { blank, comment, indented, line, raw, renderShell, sh, type ShellBlock } from '../render/shell.ts'
import { headerLines, type ArtifactBody } from '../artifact.ts'
import type { Context } from '../context.ts'

const CREDENTIALS_URL_BASE = `http://${CREDENTIALS_ENDPOINT.address}`
const fetchNote = msg('file.verifyCredentials.note.fetch', { address: CREDENTIALS_ENDPOINT.address })
const IMDS_URL = `http://${INSTANCE_METADATA_ADDRESS}/latest/meta-data/`

/** Whether the task should find instance metadata blocked: the plan's host decides (Fargate has none). */
const expectsImdsBlocked = (ctx: Context): boolean => ctx.plan.instances?.host.tasksFindImdsBlocked ?? false

const noHttpClientMessage =
  'FAILED: this check needs curl or wget in the container, and neither is installed: install one (e.g. apk add curl, apt-get install curl) or run the check from a container of the task that has one.'

const missingUriMessage =
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI is not set: the task has no task role, or the agent runs without task roles enabled.'

export function verifyCredentialsSh(ctx: Context): ArtifactBody {
  const blocks: ShellBlock[] = [
    ...headerLines(ctx, 'In-container check of the ECS task role').map(comment),
    comment(
      'Run inside a running container of the task, e.g. with "aws ecs execute-command" or "docker exec". Needs curl or wget.',
    ),
    line(raw('set -eu')),
    line(sh`expected_role=${ctx.plan.taskRole.arn}`),
    blank,
    line(raw('if command -v curl >/dev/null 2>&1; then http=curl')),
    line(raw('elif command -v wget >/dev/null 2>&1; then http=wget')),
    line(raw('else')),
    line(sh`  echo ${noHttpClientMessage} >&2`),
    line(raw('  exit 1')),
    line(raw('fi')),
    line(raw('fetch() {')),
    line(raw('  if [ "$http" = curl ]; then curl -fsS --max-time 5 "$1"; else wget -qO- -T 5 "$1"; fi')),
    line(raw('}')),
    blank,
    line(raw('if [ -z "${AWS_CONTAINER_CREDENTIALS_RELATIVE_URI:-}" ]; then')),
    line(sh`  echo ${missingUriMessage} >&2`),
    line(raw('  exit 1')),
    line(raw('fi')),
    line(
      sh`if ! body=$(fetch ${raw(`"${CREDENTIALS_URL_BASE}\${AWS_CONTAINER_CREDENTIALS_RELATIVE_URI}"`)}); then`,
      fetchNote,
      cite('S2', 'S23'),
    ),
    line(
      sh`  echo ${`FAILED: ${CREDENTIALS_URL_BASE}`}"\${AWS_CONTAINER_CREDENTIALS_RELATIVE_URI}"${' gave no credentials (see the '}"$http"${" error above): the agent's credential endpoint is unreachable from this container, or the credentials of this task are gone (a stopped task, or an agent restarted without its state)."} >&2`,
    ),
    line(raw('  exit 1')),
    line(raw('fi')),
    comment(
      'Compare the whole RoleArn value: a substring match would accept role/app-admin when role/app is expected.',
    ),
    line(
      raw(
        `role=$(printf '%s' "$body" | sed -n 's/.*"RoleArn"[[:space:]]*:[[:space:]]*"\\([^"]*\\)".*/\\1/p')`,
      ),
      msg('file.verifyCredentials.note.roleArn'),
      cite('S2', 'S23'),
    ),
    line(raw('if [ "$role" != "$expected_role" ]; then')),
    line(raw('  echo "FAILED: the credentials are for ${role:-no role}, not $expected_role" >&2')),
    line(raw('  exit 1')),
    line(raw('fi')),
    line(raw('echo "OK: the task receives credentials for $expected_role"')),
  ]
  if (expectsImdsBlocked(ctx))
    blocks.push(
      blank,
      comment(
        'Instance metadata must be unreachable: any HTTP answer (even 401 under IMDSv2) means it is not blocked.',
      ),
      line(raw('reachable=no')),
      line(raw('if [ "$http" = curl ]; then')),
      line(sh`  if curl -s -o /dev/null --max-time 2 ${IMDS_URL}; then reachable=yes; fi`),
      line(raw('else')),
      ...indented(
        [
          comment(
            "wget's exit codes differ (GNU: 4 on a network failure; busybox, as in Alpine: 1 for everything): judge by the HTTP status line that -S prints, which both print even with -q.",
          ),
        ],
        '  ',
      ),
      line(
        sh`  if wget -S -q -T 2 -t 1 -O /dev/null ${IMDS_URL} 2>&1 | grep -q 'HTTP/'; then reachable=yes; fi`,
        msg('file.verifyCredentials.note.imdsStatus'),
      ),
      line(raw('fi')),
      line(raw('if [ "$reachable" = yes ]; then')),
      line(
        sh`  echo ${`FAILED: ${INSTANCE_METADATA_ADDRESS} is reachable: the container can read the instance role's credentials.`} >&2`,
      ),
      line(raw('  exit 1')),
      line(raw('fi')),
      line(sh`echo ${`OK: ${INSTANCE_METADATA_ADDRESS} (instance metadata) is blocked`}`),
    )
  const { text, sources } = renderShell({ interpreter: '/bin/sh', blocks })
  return {
    title: msg('file.verifyCredentials.title'),
    usage: msg('file.verifyCredentials.usage.linux'),
    check: 'sh container/verify-credentials.sh',
    text,
    sources,
  }
}

export function verifyCredentialsPs1(ctx: Context): ArtifactBody {
  const blocks: PsBlock[] = [
    ...headerLines(ctx, 'In-container check of the ECS task role (Windows)').map(psComment),
    psComment('Run inside a running Windows container of the task.'),
    psLine(ps`$ErrorActionPreference = 'Stop'`),
    psLine(ps`$expectedRole = ${ctx.plan.taskRole.arn}`),
    psLine(ps`if (-not $env:AWS_CONTAINER_CREDENTIALS_RELATIVE_URI) {`),
    psLine(ps`    Write-Error ${missingUriMessage}`),
    psLine(ps`    exit 1`),
    psLine(ps`}`),
    psLine(
      ps`$credentials = Invoke-RestMethod -Uri (${CREDENTIALS_URL_BASE} + $env:AWS_CONTAINER_CREDENTIALS_RELATIVE_URI) -TimeoutSec 5`,
      fetchNote,
      cite('S2', 'S3', 'S23'),
    ),
    psLine(ps`if ($credentials.RoleArn -ne $expectedRole) {`),
    psLine(
      ps`    Write-Error ('FAILED: the credentials are for ' + $credentials.RoleArn + ', not ' + $expectedRole)`,
    ),
    psLine(ps`    exit 1`),
    psLine(ps`}`),
    psLine(ps`Write-Output ('OK: the task receives credentials for ' + $expectedRole)`),
  ]
  if (expectsImdsBlocked(ctx))
    blocks.push(
      psBlank,
      psComment(
        'Instance metadata must be unreachable: any HTTP answer (even 401 under IMDSv2) means it is not blocked.',
      ),
      psLine(ps`$reachable = $true`),
      psLine(ps`try {`),
      psLine(ps`    Invoke-WebRequest -Uri ${IMDS_URL} -TimeoutSec 2 -UseBasicParsing | Out-Null`),
      psLine(ps`} catch {`),
      psLine(ps`    $reachable = $null -ne $_.Exception.Response`),
      psLine(ps`}`),
      psLine(ps`if ($reachable) {`),
      psLine(
        ps`    Write-Error ${`FAILED: ${INSTANCE_METADATA_ADDRESS} is reachable: the container can read the instance role's credentials.`}`,
      ),
      psLine(ps`    exit 1`),
      psLine(ps`}`),
      psLine(ps`Write-Output ${`OK: ${INSTANCE_METADATA_ADDRESS} (instance metadata) is blocked`}`),
    )
  const { text, sources } = renderPowerShell({ userDataTags: false, blocks })
  return {
    title: msg('file.verifyCredentials.title'),
    usage: msg('file.verifyCredentials.usage.windows'),
    check: 'powershell -File container/verify-credentials.ps1',
    text,
    sources,
  }
}
