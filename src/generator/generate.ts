// generate(config) → every file for this configuration, plus findings. Pure: no I/O, no UI; it runs in the
// browser, in the CLI and in tests alike.
import { readConfig, type WizardConfig } from '../config/schema.ts'
import { formatCitation } from '../knowledge/sources.ts'
import { permalinkUrl } from '../config/permalink.ts'
import { ARTIFACTS } from './artifacts.ts'
import { buildContext } from './context.ts'
import { FINDING_RULES, inlinePolicySizeFinding } from './findings.ts'
import { renderJson } from './render/json.ts'
import type { Artifact, Finding, GenerateOptions, GenerateResult } from './types.ts'

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
  // The table, in its order (the apply order): a file exists when its condition holds, and then it is listed.
  const files: Artifact[] = ARTIFACTS.filter((entry) => entry.when(ctx.plan)).map((entry) => ({
    path: entry.path,
    language: entry.language,
    destination: entry.group,
    ...entry.build(ctx),
  }))

  const taskPolicy = ctx.plan.taskRole.inlinePolicy
  const findings: Finding[] = [
    ...FINDING_RULES.flatMap((rule) => rule(ctx)),
    ...inlinePolicySizeFinding('buckets', taskPolicy ? [renderJson(taskPolicy.document)] : []),
  ]
  const rank = { error: 0, warning: 1, info: 2 } as const
  findings.sort((a, b) => rank[a.severity] - rank[b.severity])
  return { files, findings, permalink }
}
