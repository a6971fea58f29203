import type { FieldIssue } from '../config/schema-kit.ts'
import type { Message } from '../i18n/message.ts'

import type { ArtifactGroup, ArtifactPath } from './artifacts.ts'

/** Every file the generator can produce, with the path users see in downloads: the artifact table's paths. */
export type { ArtifactPath }
export type Language = 'json' | 'shell' | 'powershell' | 'ini' | 'yaml' | 'hcl'
/** Where a file goes, which is how the UI groups them: the artifact table's groups. */
export type Destination = ArtifactGroup

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
