// Reading and writing a config value by its dotted path (the same paths the schema, the permalink and the
// findings use), and the step each field belongs to.
import { configSchema, type WizardConfig } from '../config/schema.ts'
import { labelAt } from '../config/schema-kit.ts'
import { msg, type Message } from '../i18n/message.ts'
import type { Step } from './ui-store.ts'

export function getPath(config: WizardConfig, path: string): unknown {
  let node: unknown = config
  for (const part of path.split('.')) {
    if (node === null || typeof node !== 'object') return undefined
    node = (node as Record<string, unknown>)[part]
  }
  return node
}

/** A copy of `config` with `value` at `path` (undefined removes an optional value). */
/** A field's value as the text its input shows: lists (subnets, security groups) as "a, b". */
export function textOfValue(value: unknown): string {
  if (Array.isArray(value)) return value.join(', ')
  return typeof value === 'string' || typeof value === 'number' ? String(value) : ''
}

export function setPath(config: WizardConfig, path: string, value: unknown): WizardConfig {
  const copy = structuredClone(config) as unknown as Record<string, unknown>
  const parts = path.split('.')
  let node = copy
  for (const part of parts.slice(0, -1)) node = node[part] as Record<string, unknown>
  const last = parts.at(-1)!
  if (value === undefined) delete node[last]
  else node[last] = value
  return copy as unknown as WizardConfig
}

const STEP_OF_FIELD: [RegExp, Step][] = [
  [/^(os|launchType|ami|hostFamily|task\.cpu)$/, 'Platform'],
  [/^(networkMode|blockInstanceMetadata|subnets|securityGroups|assignPublicIp)(\.|$)/, 'Network'],
  [/^(buckets|configObject|extraStatements)(\.|$)/, 'Access'],
]

/**
 * The step that shows `field`. A Fargate task's memory is part of its size, chosen with its CPU on the Platform
 * step; on EC2 it is the container's limit, with the task definition on the Names step.
 */
export function stepOfField(field: string | undefined, config?: Pick<WizardConfig, 'launchType'>): Step {
  if (!field) return 'Review'
  if (field === 'task.memory' && config?.launchType === 'fargate') return 'Platform'
  return STEP_OF_FIELD.find(([re]) => re.test(field))?.[1] ?? 'Names'
}

/** The DOM id of a field's input. */
export const fieldId = (path: string) => `field-${path.replace(/\./g, '-')}`

/** The schema's label of a field, or its path for one the schema does not know (a mangled link's key). */
export const schemaLabel = (path: string): Message => {
  const key = labelAt(configSchema, path)
  return key === undefined ? msg('wizard.field.unknown', { path }) : msg(key)
}

/** A field's name for links and lists, with its place in a list: "Bucket name (Bucket 2)", "Subnet ID 2". */
export function fieldLabel(path: string): Message {
  const label = schemaLabel(path)
  const parts = path.split('.')
  const last = parts.findLastIndex((p) => /^\d+$/.test(p))
  if (last < 0) return label
  const n = Number(parts[last]) + 1
  if (last === parts.length - 1) return msg('wizard.field.numbered', { label, n })
  return msg('wizard.field.inEntry', { label, entry: schemaLabel(parts.slice(0, last + 1).join('.')), n })
}
