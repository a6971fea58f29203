import type { FieldIssue } from '../config/schema-kit.ts'
import type { Message } from '../i18n/message.ts'

/** Every file the generator can produce, with the path users see in downloads (product.md). */
export const ARTIFACT_PATHS = [
  'iam/task-role-trust-policy.json',
  'iam/task-role-policy.json',
  'iam/instance-role-trust-policy.json',
  'iam/instance-role-policy.json',
  'iam/passrole-policy.json',
  'ec2/ecs.config',
  'ec2/user-data.sh',
  'ec2/user-data.ps1',
  'host/iptables.sh',
  'host/run-agent.sh',
  'host/recover-after-restart.ps1',
  'container/bootstrap-routes.ps1',
  'ecs/task-definition.json',
  'ecs/run-task-overrides.json',
  'setup/aws-cli.sh',
  'container/verify-credentials.sh',
  'container/verify-credentials.ps1',
] as const

export type ArtifactPath = (typeof ARTIFACT_PATHS)[number]
export type Language = 'json' | 'shell' | 'powershell' | 'ini'
/** Where a file goes, which is how the UI groups them. */
export type Destination = 'iam' | 'ec2' | 'host' | 'ecs' | 'setup' | 'container'

/** Why a line of a generated file is there. `line` is 1-based. */
export interface LineSource {
  line: number
  note: Message
  source: string
}

export interface Artifact {
  path: ArtifactPath
  language: Language
  destination: Destination
  title: Message
  /** Where this goes and how to use it, one or two sentences. */
  usage: Message
  /** A command that shows the step worked, when there is one. */
  check?: string
  text: string
  sources: LineSource[]
}

export type Severity = 'error' | 'warning' | 'info'

export interface Finding {
  severity: Severity
  /** Dotted config path the finding concerns (e.g. `networkMode`, `task.portMappings.0.hostPort`). */
  field?: string
  /** Its key is the finding's stable code (`finding.…`); golden files compare key and parameters. */
  message: Message
  source: string
}

export interface GenerateResult {
  /** In apply order. Empty when the config itself is invalid (see the error findings). */
  files: Artifact[]
  findings: Finding[]
  /** The permalink that reproduces this result. */
  permalink: string
}

export interface GenerateOptions {
  /** The site's address; when given, script headers carry the full permalink instead of the fragment. */
  baseUrl?: string
}

export type { FieldIssue }
