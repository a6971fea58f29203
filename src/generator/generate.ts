// generate(config) → every file for this configuration, plus findings. Pure: no I/O, no UI; it runs in the
// browser, in the CLI and in tests alike.
import { readConfig, type WizardConfig } from '../config/schema.ts'
import { formatCitation } from '../knowledge/sources.ts'
import { permalinkUrl } from '../config/permalink.ts'
import type { ArtifactBody, Registry } from './artifact.ts'
import { buildContext } from './context.ts'
import { FINDING_RULES, inlinePolicySizeFinding } from './findings.ts'
import { awsCliSh } from './artifacts/aws-cli.ts'
import {
  instanceRolePolicy,
  instanceRoleTrustPolicy,
  passRolePolicy,
  taskRolePolicy,
  taskRoleTrustPolicy,
} from './artifacts/iam.ts'
import { ecsConfig, iptablesSh, runAgentSh, userDataSh } from './artifacts/linux-host.ts'
import { runTaskOverrides, taskDefinition } from './artifacts/task.ts'
import { verifyCredentialsPs1, verifyCredentialsSh } from './artifacts/verify.ts'
import { bootstrapRoutesPs1, recoverAfterRestartPs1, userDataPs1 } from './artifacts/windows.ts'
import {
  ARTIFACT_PATHS,
  type Artifact,
  type ArtifactPath,
  type Destination,
  type Finding,
  type GenerateOptions,
  type GenerateResult,
  type Language,
} from './types.ts'

// Exhaustive over ARTIFACT_PATHS: adding a path without a builder fails to compile.
const BUILDERS: Registry = {
  'iam/task-role-trust-policy.json': taskRoleTrustPolicy,
  'iam/task-role-policy.json': taskRolePolicy,
  'iam/instance-role-trust-policy.json': instanceRoleTrustPolicy,
  'iam/instance-role-policy.json': instanceRolePolicy,
  'iam/passrole-policy.json': passRolePolicy,
  'ec2/ecs.config': ecsConfig,
  'ec2/user-data.sh': userDataSh,
  'ec2/user-data.ps1': userDataPs1,
  'host/iptables.sh': iptablesSh,
  'host/run-agent.sh': runAgentSh,
  'host/recover-after-restart.ps1': recoverAfterRestartPs1,
  'container/bootstrap-routes.ps1': bootstrapRoutesPs1,
  'ecs/task-definition.json': taskDefinition,
  'ecs/run-task-overrides.json': runTaskOverrides,
  'setup/aws-cli.sh': awsCliSh,
  'container/verify-credentials.sh': verifyCredentialsSh,
  'container/verify-credentials.ps1': verifyCredentialsPs1,
}

// The order to apply things in, which is also the order the files are listed in.
const APPLY_ORDER: readonly ArtifactPath[] = [
  'setup/aws-cli.sh',
  'iam/task-role-trust-policy.json',
  'iam/task-role-policy.json',
  'iam/instance-role-trust-policy.json',
  'iam/instance-role-policy.json',
  'iam/passrole-policy.json',
  'ecs/task-definition.json',
  'ec2/ecs.config',
  'ec2/user-data.sh',
  'ec2/user-data.ps1',
  'host/iptables.sh',
  'host/run-agent.sh',
  'container/bootstrap-routes.ps1',
  'ecs/run-task-overrides.json',
  'container/verify-credentials.sh',
  'container/verify-credentials.ps1',
  // Not part of the setup: only for a Windows instance that was restarted.
  'host/recover-after-restart.ps1',
]

function languageOf(path: ArtifactPath): Language {
  if (path.endsWith('.json')) return 'json'
  if (path.endsWith('.sh')) return 'shell'
  if (path.endsWith('.ps1')) return 'powershell'
  return 'ini'
}

const destinationOf = (path: ArtifactPath): Destination => path.slice(0, path.indexOf('/')) as Destination

export function generate(input: WizardConfig, options: GenerateOptions = {}): GenerateResult {
  // Validate again here: generate() is the last gate before user text reaches a script.
  const { config, issues } = readConfig(input)
  const permalink = permalinkUrl(config, options.baseUrl)
  if (issues.length > 0)
    return {
      files: [],
      findings: issues.map((issue) => ({
        severity: 'error',
        field: issue.field,
        message: issue.message,
        source: issue.citation ? formatCitation(issue.citation) : '',
      })),
      permalink,
    }

  const ctx = buildContext(config, permalink)
  const built = new Map<ArtifactPath, ArtifactBody>()
  for (const path of ARTIFACT_PATHS) {
    const body = BUILDERS[path](ctx)
    if (body) built.set(path, body)
  }
  const files: Artifact[] = APPLY_ORDER.flatMap((path) => {
    const body = built.get(path)
    return body ? [{ path, language: languageOf(path), destination: destinationOf(path), ...body }] : []
  })

  const taskPolicy = built.get('iam/task-role-policy.json')
  const findings: Finding[] = [
    ...FINDING_RULES.flatMap((rule) => rule(ctx)),
    ...inlinePolicySizeFinding('buckets', taskPolicy ? [taskPolicy.text] : []),
  ]
  const rank = { error: 0, warning: 1, info: 2 } as const
  findings.sort((a, b) => rank[a.severity] - rank[b.severity])
  return { files, findings, permalink }
}
