// Checks Terraform text with tools nobody here wrote: HashiCorp's HCL parser (hcl/v2 built to wasm, in
// @cdktn/hcl2json) reads it, and every block, resource type, data source, argument and reference is checked
// against the AWS provider's schema (aws-provider-schema.json: hashicorp/aws 6.66.0, extracted from the
// jsii assembly of @cdktn/provider-aws by scripts/update-aws-provider-schema.mjs). Also the helpers the
// equivalence tests use to evaluate what the file carries: jsonencode(…) and base64encode(<<EOT…) arguments
// and string templates, with references resolved from a given table.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { getReferencesInExpression, parse } from '@cdktn/hcl2json'

/** An argument of the schema: a primitive, list or map type, or a nested block (`block`) with its own arguments. */
export interface SchemaType {
  type: 'string' | 'number' | 'boolean' | 'list' | 'map' | 'object' | 'any'
  element?: SchemaType
  schema?: Record<string, SchemaArgument>
}
export interface SchemaArgument extends SchemaType {
  required: boolean
  block?: true
}
export interface ProviderSchema {
  provider: { name: string; version: string }
  extractedFrom: string
  resourceTypes: string[]
  dataSources: string[]
  providerArguments: Record<string, SchemaArgument>
  resource: Record<string, { arguments: Record<string, SchemaArgument>; attributes: string[] }>
  data: Record<string, { arguments: Record<string, SchemaArgument>; attributes: string[] }>
}

export const PROVIDER_SCHEMA = JSON.parse(
  readFileSync(join(import.meta.dirname, 'aws-provider-schema.json'), 'utf8'),
) as ProviderSchema

/** hcl2json's JSON: every block is an array of bodies, literals are JSON values, other expressions `${…}`. */
type Json = string | number | boolean | null | Json[] | { [key: string]: Json }
type Body = Record<string, Json>

/** Terraform's meta-arguments, valid in every resource and data block (Terraform language documentation). */
const META_ARGUMENTS = new Set(['count', 'for_each', 'provider', 'depends_on', 'lifecycle'])
/** The arguments of an output block (Terraform language: output values). */
const OUTPUT_ARGUMENTS: Record<string, boolean> = {
  value: true,
  description: false,
  sensitive: false,
  ephemeral: false,
  depends_on: false,
  precondition: false,
}
const TOP_LEVEL = new Set(['terraform', 'provider', 'data', 'resource', 'output', 'locals', 'variable'])

/** A whole expression as hcl2json gives it: `${…}` around the source text. */
const isExpression = (value: Json): value is string =>
  typeof value === 'string' && value.startsWith('${') && value.endsWith('}') && !value.startsWith('$${')

/** Whether `version` satisfies a Terraform version constraint such as "~> 6.0" or ">= 6.0, < 7.0". */
export function admitsVersion(constraint: string, version: string): boolean {
  const parts = (v: string) => v.split('.').map(Number)
  const compare = (a: number[], b: number[]) => {
    for (let i = 0; i < Math.max(a.length, b.length); i++)
      if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) - (b[i] ?? 0)
    return 0
  }
  const v = parts(version)
  return constraint.split(',').every((term) => {
    const m = /^\s*(~>|>=|<=|!=|=|>|<)?\s*(\d+(?:\.\d+)*)\s*$/.exec(term)
    if (!m) throw new Error(`unsupported version constraint ${term}`)
    const c = parts(m[2]!)
    const order = compare(v, c)
    switch (m[1] ?? '=') {
      case '~>': {
        // ~> 6.0 admits 6.x (x >= 0); ~> 6.1.2 admits 6.1.y (y >= 2): all but the last part must match.
        const fixed = c.slice(0, Math.max(1, c.length - 1))
        return order >= 0 && compare(v.slice(0, fixed.length), fixed) === 0
      }
      case '>=':
        return order >= 0
      case '<=':
        return order <= 0
      case '>':
        return order > 0
      case '<':
        return order < 0
      case '!=':
        return order !== 0
      default:
        return order === 0
    }
  })
}

export interface TerraformCheck {
  /** One line per problem, `where: what`; empty when the file passes. */
  errors: string[]
  /** The parsed file, as hcl2json gives it. */
  json: Record<string, Json>
}

/** Parses with HCL's own parser (throws on a syntax error) and checks the file against the provider schema. */
export async function checkTerraform(
  name: string,
  text: string,
  schema: ProviderSchema = PROVIDER_SCHEMA,
): Promise<TerraformCheck> {
  const json = (await parse(name, text)) as Record<string, Json>
  const errors: string[] = []
  const err = (where: string, what: string) => errors.push(`${where}: ${what}`)
  const expressions: [where: string, source: string][] = []
  const dependsOn: [where: string, source: string][] = []
  const templates: [where: string, reference: string][] = []

  const checkValue = (value: Json, type: SchemaType, where: string): void => {
    if (isExpression(value)) return void expressions.push([where, value]) // typed by Terraform at plan time
    // A string template: hcl2json has undone its backslash escapes, so its references are read here.
    if (typeof value === 'string')
      for (const reference of templateReferences(value)) templates.push([where, reference])
    switch (type.type) {
      case 'string':
        // Terraform converts numbers and booleans to strings itself.
        if (typeof value === 'object') err(where, `expected a string, got ${JSON.stringify(value)}`)
        break
      case 'number':
        if (typeof value !== 'number') err(where, `expected a number, got ${JSON.stringify(value)}`)
        break
      case 'boolean':
        if (typeof value !== 'boolean') err(where, `expected a bool, got ${JSON.stringify(value)}`)
        break
      case 'list':
        if (!Array.isArray(value)) err(where, `expected a list, got ${JSON.stringify(value)}`)
        else value.forEach((item, i) => checkValue(item, type.element ?? { type: 'any' }, `${where}[${i}]`))
        break
      case 'map':
        if (value === null || typeof value !== 'object' || Array.isArray(value)) err(where, 'expected a map')
        else
          for (const [k, item] of Object.entries(value))
            checkValue(item, type.element ?? { type: 'any' }, `${where}.${k}`)
        break
      case 'object':
        if (value === null || typeof value !== 'object' || Array.isArray(value))
          err(where, 'expected an object')
        else if (type.schema) checkBody(value, type.schema, where)
        break
      default:
        break
    }
  }

  const checkBody = (body: Body, args: Record<string, SchemaArgument>, where: string, meta = false): void => {
    for (const [key, value] of Object.entries(body)) {
      const arg = args[key]
      if (!arg) {
        // depends_on lists resources (no attribute): each must be declared here.
        if (meta && key === 'depends_on') {
          // hcl2json gives a list of `${reference}` strings.
          if (Array.isArray(value) && value.every(isExpression))
            for (const item of value) dependsOn.push([`${where}.depends_on`, item])
          else err(`${where}.depends_on`, 'expected a list of references')
          continue
        }
        if (meta && META_ARGUMENTS.has(key)) continue
        err(`${where}.${key}`, 'unsupported argument')
        continue
      }
      if (arg.block) {
        // A block is an array of bodies; `name = { … }` is attribute syntax, which a block does not accept.
        if (!Array.isArray(value)) {
          err(`${where}.${key}`, 'a block, written as an attribute')
          continue
        }
        if (arg.type === 'object' && value.length > 1) err(`${where}.${key}`, 'at most one such block')
        const inner = arg.type === 'object' ? arg.schema : arg.element?.schema
        value.forEach((item, i) => {
          if (item === null || typeof item !== 'object' || Array.isArray(item))
            err(`${where}.${key}`, 'not a block')
          else if (inner) checkBody(item, inner, `${where}.${key}[${i}]`)
        })
      } else checkValue(value, arg, `${where}.${key}`)
    }
    for (const [key, arg] of Object.entries(args))
      if (arg.required && !(key in body))
        err(where, `missing required ${arg.block ? 'block' : 'argument'} ${key}`)
  }

  /** Blocks with labels: `{ type: { name: [body, …] } }`; a name declared twice is an error. */
  const labelled = (kind: 'resource' | 'data') => {
    const byType = (json[kind] ?? {}) as Record<string, Record<string, Body[]>>
    const known = kind === 'resource' ? schema.resourceTypes : schema.dataSources
    const noun = kind === 'resource' ? 'resource type' : 'data source'
    for (const [type, byName] of Object.entries(byType))
      for (const [label, bodies] of Object.entries(byName)) {
        const where = `${kind === 'data' ? 'data.' : ''}${type}.${label}`
        if (bodies.length > 1) err(where, 'declared more than once')
        if (!known.includes(type)) {
          err(where, `unknown ${noun} ${type} in hashicorp/aws ${schema.provider.version}`)
          continue
        }
        const s = schema[kind][type]
        if (!s) {
          err(
            where,
            `${type} has no vendored schema: add it to TYPES in scripts/update-aws-provider-schema.mjs`,
          )
          continue
        }
        for (const body of bodies) checkBody(body, s.arguments, where, true)
      }
  }

  for (const key of Object.keys(json)) if (!TOP_LEVEL.has(key)) err(key, 'unexpected top-level block')

  // terraform { required_providers { aws = { source, version } } }: the version must admit the schema's.
  const terraformBlocks = (json.terraform ?? []) as Body[]
  const requirements = terraformBlocks.flatMap((t) => (t.required_providers ?? []) as Body[])
  const aws = requirements.map((r) => r.aws).filter((a) => a !== undefined) as Body[]
  if (aws.length !== 1) err('terraform.required_providers', 'must name the aws provider once')
  for (const requirement of aws) {
    if (requirement.source !== 'hashicorp/aws')
      err('terraform.required_providers.aws', 'source must be hashicorp/aws')
    if (typeof requirement.version !== 'string') err('terraform.required_providers.aws', 'must pin a version')
    else if (!admitsVersion(requirement.version, schema.provider.version))
      err(
        'terraform.required_providers.aws',
        `${requirement.version} does not admit ${schema.provider.version}`,
      )
  }

  const providers = (json.provider ?? {}) as Record<string, Body[]>
  for (const [name, bodies] of Object.entries(providers)) {
    if (name !== 'aws') {
      err(`provider.${name}`, 'not a provider this file requires')
      continue
    }
    if (bodies.length > 1 && bodies.some((b) => !('alias' in b)))
      err('provider.aws', 'declared more than once')
    for (const body of bodies) checkBody(body, schema.providerArguments, 'provider.aws')
  }

  labelled('resource')
  labelled('data')

  const outputs = (json.output ?? {}) as Record<string, Body[]>
  for (const [name, bodies] of Object.entries(outputs)) {
    if (bodies.length > 1) err(`output.${name}`, 'declared more than once')
    for (const body of bodies) {
      for (const key of Object.keys(body))
        if (!(key in OUTPUT_ARGUMENTS)) err(`output.${name}.${key}`, 'unsupported argument')
      for (const [key, required] of Object.entries(OUTPUT_ARGUMENTS))
        if (required && !(key in body)) err(`output.${name}`, `missing required argument ${key}`)
      if (isExpression(body.value ?? null)) expressions.push([`output.${name}.value`, body.value as string])
    }
  }

  // Every reference, read by HCL's own expression parser: what it names must be declared here and have
  // the attribute it reads.
  const declared = (kind: 'resource' | 'data', type: string, label: string) =>
    ((json[kind] ?? {}) as Record<string, Record<string, Body[]>>)[type]?.[label] !== undefined
  const variables = Object.assign({}, ...((json.variable ?? []) as Body[])) as Body
  const locals = Object.assign({}, ...((json.locals ?? []) as Body[])) as Body
  const references = [...templates]
  for (const [where, source] of expressions)
    for (const { value } of await getReferencesInExpression(name, source)) references.push([where, value])
  for (const [where, source] of dependsOn)
    for (const { value } of await getReferencesInExpression(name, source)) {
      const parts = value.split('.')
      const [kind, type, label] =
        parts[0] === 'data'
          ? ['data' as const, parts[1], parts[2]]
          : ['resource' as const, parts[0], parts[1]]
      if (parts.length !== (kind === 'data' ? 3 : 2))
        err(where, `${value}: depends_on names a resource, not an attribute`)
      else if (!type || !label || !declared(kind, type, label))
        err(where, `${value}: not declared in this file`)
    }
  for (const [where, value] of references) {
    const parts = value.split('.')
    const [root] = parts
    if (root === 'var') {
      if (!(parts[1]! in variables)) err(where, `${value}: no such variable`)
    } else if (root === 'local') {
      if (!(parts[1]! in locals)) err(where, `${value}: no such local value`)
    } else if (root === 'data' || root!.startsWith('aws_')) {
      const kind = root === 'data' ? 'data' : 'resource'
      const [type, label, attribute] = root === 'data' ? parts.slice(1) : parts
      if (!type || !label || !declared(kind, type, label)) err(where, `${value}: not declared in this file`)
      else if (!attribute) err(where, `${value}: reads no attribute`)
      else if (!schema[kind][type]?.attributes.includes(attribute.replace(/\[.*$/, '')))
        err(where, `${value}: ${type} has no attribute ${attribute}`)
    } else if (!['path', 'each', 'count', 'self', 'terraform'].includes(root!))
      err(where, `${value}: unknown reference`)
  }
  return { errors, json }
}

/** The references a string template interpolates (`arn:${data.aws_partition.current.partition}:…`). */
function templateReferences(text: string): string[] {
  const found: string[] = []
  for (let i = 0; i < text.length;) {
    if (text.startsWith('$${', i) || text.startsWith('%%{', i)) i += 3
    else if (text.startsWith('${', i)) {
      const end = text.indexOf('}', i)
      found.push(text.slice(i + 2, end).trim())
      i = end + 1
    } else i++
  }
  return found
}

/**
 * The value of a string as Terraform evaluates it, from hcl2json's text of it: hcl2json has undone the
 * backslash escapes but not the template ones, so `$${` is `${`, `%%{` is `%{`, and each `${reference}`
 * is looked up in `values` (an unknown reference throws). Directives (`%{ if }`) are not expected here.
 */
export function evaluateTemplate(text: string, values: Readonly<Record<string, string>>): string {
  let out = ''
  for (let i = 0; i < text.length;) {
    if (text.startsWith('$${', i) || text.startsWith('%%{', i)) {
      out += `${text[i]}{`
      i += 3
    } else if (text.startsWith('${', i)) {
      const end = text.indexOf('}', i)
      const reference = text.slice(i + 2, end).trim()
      if (!(reference in values)) throw new Error(`no value for the reference ${reference}`)
      out += values[reference]
      i = end + 1
    } else if (text.startsWith('%{', i)) throw new Error(`a template directive: ${text.slice(i, i + 20)}`)
    else out += text[i++]
  }
  return out
}

/** Every string inside a value evaluated as a template (evaluateTemplate); keys are taken as they are. */
export function evaluateDeep(value: Json, values: Readonly<Record<string, string>>): Json {
  if (typeof value === 'string') return evaluateTemplate(value, values)
  if (Array.isArray(value)) return value.map((v) => evaluateDeep(v, values))
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, evaluateDeep(v, values)]))
  return value
}

/**
 * The arguments of single-argument function calls (`${jsonencode(<arg>)}`, `${base64encode(<<EOT…)}`), read
 * by parsing each argument again as a local value: hcl2json gives literal data for literals, heredocs as
 * strings, and `${…}` text for references. One parse for all of them.
 */
export async function callArguments(
  calls: readonly { function: string; expression: string }[],
): Promise<Json[]> {
  const args = calls.map(({ function: fn, expression }) => {
    const prefix = `\${${fn}(`
    if (!expression.startsWith(prefix) || !expression.endsWith(')}'))
      throw new Error(`not a call of ${fn}: ${expression.slice(0, 60)}`)
    return expression.slice(prefix.length, -2)
  })
  // Each argument on its own lines: a heredoc's closing marker must end its line.
  const text = `locals {\n${args.map((arg, i) => `  v${i} = ${arg}\n`).join('')}}\n`
  const json = (await parse('arguments.tf', text)) as { locals: Record<string, Json>[] }
  return args.map((_, i) => json.locals[0]![`v${i}`]!)
}
