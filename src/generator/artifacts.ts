// The one artifact table: every file the generator can produce, in apply order (the order the files are
// listed in, in the page, the zip and the CLI). Each entry holds its path, its group (where it goes: the
// page's tab group), its language, when it exists (a condition on the plan) and its renderer. The path and
// group types derive from this table, so a file is added here and in its renderer only
// (docs/decisions/012-setup-plan-and-artifact-table.md). Model: nginxconfig.io's generators/index.js, where
// the condition that makes a file exist sits beside its path.
import type { ArtifactBuilder } from './artifact.ts'
import { awsCliSh } from './artifacts/aws-cli.ts'
import { cloudFormationTemplate } from './artifacts/cloudformation.ts'
import { terraformMain } from './artifacts/terraform.ts'
import {
  executionRolePolicy,
  executionRoleTrustPolicy,
  instanceRolePolicy,
  instanceRoleTrustPolicy,
  passRolePolicy,
  taskRolePolicy,
  taskRoleTrustPolicy,
} from './artifacts/iam.ts'
import { ecsConfig, iptablesSh, runAgentSh, userDataSh } from './artifacts/linux-host.ts'
import { runTaskOverrides, serviceDefinition, taskDefinition } from './artifacts/task.ts'
import { launchTemplateData } from './artifacts/launch-template.ts'
import { verifyCredentialsPs1, verifyCredentialsSh } from './artifacts/verify.ts'
import { bootstrapRoutesPs1, recoverAfterRestartPs1, userDataPs1 } from './artifacts/windows.ts'
import type { SetupPlan } from './plan.ts'
import type { Language } from './types.ts'

export interface ArtifactEntry {
  /** The path users see in downloads: `<folder>/<file>`. */
  path: string
  /** Where the file goes; the page shows one tab group per group (a label per group: wizard/output-panel.tsx). */
  group: string
  language: Language
  /** Whether this configuration has the file; the renderer is called only then. */
  when: (plan: SetupPlan) => boolean
  build: ArtifactBuilder
}

const always = () => true
const host = (plan: SetupPlan) => plan.instances?.host
const ec2 = (plan: SetupPlan) => plan.instances !== undefined
const linux = (plan: SetupPlan) => host(plan)?.os === 'linux'
const windows = (plan: SetupPlan) => host(plan)?.os === 'windows'

export const ARTIFACTS = [
  { path: 'setup/aws-cli.sh', group: 'setup', language: 'shell', when: always, build: awsCliSh },
  // Infrastructure as code, instead of setup/aws-cli.sh: the same roles, profile, cluster, task definition
  // and user data as the files below.
  {
    path: 'cloudformation/template.yaml',
    group: 'iac',
    language: 'yaml',
    when: always,
    build: cloudFormationTemplate,
  },
  { path: 'terraform/main.tf', group: 'iac', language: 'hcl', when: always, build: terraformMain },
  {
    path: 'iam/task-role-trust-policy.json',
    group: 'iam',
    language: 'json',
    when: always,
    build: taskRoleTrustPolicy,
  },
  {
    path: 'iam/task-role-policy.json',
    group: 'iam',
    language: 'json',
    when: (plan) => plan.taskRole.inlinePolicy !== undefined,
    build: taskRolePolicy,
  },
  {
    path: 'iam/execution-role-trust-policy.json',
    group: 'iam',
    language: 'json',
    when: (plan) => plan.executionRole !== undefined,
    build: executionRoleTrustPolicy,
  },
  {
    path: 'iam/execution-role-policy.json',
    group: 'iam',
    language: 'json',
    when: (plan) => plan.executionRole?.inlinePolicy !== undefined,
    build: executionRolePolicy,
  },
  {
    path: 'iam/instance-role-trust-policy.json',
    group: 'iam',
    language: 'json',
    when: ec2,
    build: instanceRoleTrustPolicy,
  },
  {
    path: 'iam/instance-role-policy.json',
    group: 'iam',
    language: 'json',
    when: (plan) => plan.instances?.role.inlinePolicy !== undefined,
    build: instanceRolePolicy,
  },
  // Always a file: with a deployer role the setup script puts it on that role, without one it is attached by hand.
  { path: 'iam/passrole-policy.json', group: 'iam', language: 'json', when: always, build: passRolePolicy },
  { path: 'ecs/task-definition.json', group: 'ecs', language: 'json', when: always, build: taskDefinition },
  { path: 'ec2/ecs.config', group: 'ec2', language: 'ini', when: linux, build: ecsConfig },
  { path: 'ec2/user-data.sh', group: 'ec2', language: 'shell', when: linux, build: userDataSh },
  { path: 'ec2/user-data.ps1', group: 'ec2', language: 'powershell', when: windows, build: userDataPs1 },
  {
    path: 'ec2/launch-template.json',
    group: 'ec2',
    language: 'json',
    when: (plan) => plan.instances?.launchTemplate !== undefined,
    build: launchTemplateData,
  },
  {
    path: 'host/iptables.sh',
    group: 'host',
    language: 'shell',
    when: (plan) => {
      const h = host(plan)
      return h?.os === 'linux' && h.rules !== undefined
    },
    build: iptablesSh,
  },
  {
    path: 'host/run-agent.sh',
    group: 'host',
    language: 'shell',
    when: (plan) => {
      const h = host(plan)
      return h?.os === 'linux' && h.agentStart === 'docker-run'
    },
    build: runAgentSh,
  },
  {
    path: 'container/bootstrap-routes.ps1',
    group: 'container',
    language: 'powershell',
    when: (plan) => {
      const h = host(plan)
      return h?.os === 'windows' && h.containerRoutes !== undefined
    },
    build: bootstrapRoutesPs1,
  },
  {
    path: 'ecs/run-task-overrides.json',
    group: 'ecs',
    language: 'json',
    when: always,
    build: runTaskOverrides,
  },
  {
    path: 'ecs/service.json',
    group: 'ecs',
    language: 'json',
    when: (plan) => plan.service !== undefined,
    build: serviceDefinition,
  },
  {
    path: 'container/verify-credentials.sh',
    group: 'container',
    language: 'shell',
    when: (plan) => plan.os === 'linux',
    build: verifyCredentialsSh,
  },
  {
    path: 'container/verify-credentials.ps1',
    group: 'container',
    language: 'powershell',
    when: (plan) => plan.os === 'windows',
    build: verifyCredentialsPs1,
  },
  // Not part of the setup: only for a Windows instance that was restarted.
  {
    path: 'host/recover-after-restart.ps1',
    group: 'host',
    language: 'powershell',
    when: windows,
    build: recoverAfterRestartPs1,
  },
] as const satisfies readonly ArtifactEntry[]

export type ArtifactPath = (typeof ARTIFACTS)[number]['path']
export type ArtifactGroup = (typeof ARTIFACTS)[number]['group']
