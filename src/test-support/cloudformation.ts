// Checks for cloudformation/template.yaml with tools nobody here wrote: the `yaml` parser with CloudFormation's
// short-form tags, and the CloudFormation resource specification as AWS CDK ships it
// (@aws-cdk/aws-service-spec: every resource type, property, required flag, primitive type and attribute).
// AWS CloudFormation Validate (@aws/cloudformation-validate, cfn-lint's rules and schemas) runs in the test.
import { loadAwsServiceSpecSync } from '@aws-cdk/aws-service-spec'
import { parseDocument, type CollectionTag, type ScalarTag, type YAMLMap, type YAMLSeq } from 'yaml'

export interface CfnResource {
  Type: string
  Properties?: Record<string, unknown>
  [attribute: string]: unknown
}

export interface CfnTemplate {
  AWSTemplateFormatVersion?: string
  Description?: string
  Parameters?: Record<string, { Type: string }>
  Resources: Record<string, CfnResource>
  Outputs?: Record<string, { Value: unknown; Description?: string }>
  [section: string]: unknown
}

// Every short form CloudFormation reads in YAML (Template Reference: intrinsic function reference).
const FUNCTIONS = [
  'Base64',
  'Cidr',
  'FindInMap',
  'GetAtt',
  'GetAZs',
  'ImportValue',
  'Join',
  'Select',
  'Split',
  'Sub',
  'Transform',
  'If',
  'Equals',
  'Not',
  'And',
  'Or',
  'ToJsonString',
  'Length',
]

const longName = (name: string) => (name === 'Ref' || name === 'Condition' ? name : `Fn::${name}`)

/** The tags as CloudFormation reads them: `!GetAtt A.B` is `{"Fn::GetAtt": ["A", "B"]}`. */
const CFN_TAGS: (ScalarTag | CollectionTag)[] = ['Ref', 'Condition', ...FUNCTIONS].flatMap((name) => {
  const key = longName(name)
  const scalar: ScalarTag = {
    tag: `!${name}`,
    resolve: (value: string) => ({ [key]: name === 'GetAtt' ? value.split(/\.(.*)/s, 2) : value }),
  }
  const collections = (['seq', 'map'] as const).map((collection): CollectionTag => ({
    tag: `!${name}`,
    collection,
    resolve: (node: YAMLMap.Parsed | YAMLSeq.Parsed) => ({ [key]: node.toJSON() as unknown }),
  }))
  return [scalar, ...collections]
})

function parseAs(text: string, version: '1.1' | '1.2'): CfnTemplate {
  const document = parseDocument(text, {
    version,
    customTags: CFN_TAGS,
    uniqueKeys: true,
    strict: true,
    prettyErrors: true,
  })
  // An unknown tag (`!Bogus`) is only a warning for the parser: here it is an error.
  const problems = [...document.errors, ...document.warnings]
  if (problems.length > 0) throw new Error(problems.map((p) => p.message).join('\n'))
  return document.toJS({ maxAliasCount: -1 }) as CfnTemplate
}

/**
 * The template as CloudFormation reads it. Read as YAML 1.1 (PyYAML, cfn-lint) and as YAML 1.2: a value that
 * one of them reads differently (a date, "yes", an octal number) fails here.
 */
export function parseTemplate(text: string): CfnTemplate {
  const template = parseAs(text, '1.1')
  const other = parseAs(text, '1.2')
  if (JSON.stringify(template) !== JSON.stringify(other))
    throw new Error('the template reads differently in YAML 1.1 and YAML 1.2')
  return template
}

// The spec's property types, as far as these checks read them (@aws-cdk/service-spec-types, common.d.ts).
type PropertyType =
  | { type: 'string'; allowedValues?: string[] }
  | { type: 'integer'; allowedValues?: number[] }
  | { type: 'number' | 'boolean' | 'json' | 'date-time' | 'null' | 'tag' }
  | { type: 'array' | 'map'; element: PropertyType }
  | { type: 'union'; types: PropertyType[] }
  | { type: 'ref'; reference: { $ref: string } }
interface SpecProperty {
  required?: boolean
  type: PropertyType
}
type SpecProperties = Record<string, SpecProperty>
interface SpecResource {
  properties: SpecProperties
  attributes: Record<string, unknown>
}

export type SpecDatabase = ReturnType<typeof loadAwsServiceSpecSync>
/** The CloudFormation resource specification (@aws-cdk/aws-service-spec): about a second to load. */
export const loadSpec = (): SpecDatabase => loadAwsServiceSpecSync()

const PSEUDO_PARAMETERS = new Set([
  'AWS::AccountId',
  'AWS::NotificationARNs',
  'AWS::NoValue',
  'AWS::Partition',
  'AWS::Region',
  'AWS::StackId',
  'AWS::StackName',
  'AWS::URLSuffix',
])
const SECTIONS = new Set([
  'AWSTemplateFormatVersion',
  'Description',
  'Metadata',
  'Parameters',
  'Rules',
  'Mappings',
  'Conditions',
  'Transform',
  'Resources',
  'Outputs',
])
const RESOURCE_ATTRIBUTES = new Set([
  'Type',
  'Properties',
  'DependsOn',
  'Condition',
  'Metadata',
  'DeletionPolicy',
  'UpdateReplacePolicy',
  'CreationPolicy',
  'UpdatePolicy',
])

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)
const intrinsicName = (v: unknown): string | undefined => {
  if (!isObject(v)) return undefined
  const keys = Object.keys(v)
  return keys.length === 1 && /^(Ref|Condition|Fn::\w+)$/.test(keys[0]!) ? keys[0] : undefined
}

/**
 * Every problem the specification shows in the template: unknown sections, resource types, properties (at
 * every level: LaunchTemplateData, ContainerDefinitions, PortMappings …), missing required properties, a
 * literal of the wrong primitive type or outside the allowed values, an intrinsic function whose result
 * cannot be the property's type, and !Ref, !GetAtt and ${} in !Sub naming nothing.
 */
export function specProblems(template: CfnTemplate, db: SpecDatabase): string[] {
  const problems: string[] = []
  const problem = (path: string, text: string) => problems.push(`${path}: ${text}`)
  const resources = template.Resources ?? {}
  const parameters = template.Parameters ?? {}
  const resourceSpec = (type: string) =>
    db.lookup('resource', 'cloudFormationType', 'equals', type)[0] as SpecResource | undefined
  const definition = (type: { reference: { $ref: string } }) =>
    (db.get('typeDefinition', type.reference.$ref) as { properties: SpecProperties }).properties
  const typeName = (type: PropertyType): string =>
    type.type === 'array' || type.type === 'map'
      ? `${type.type}<${typeName(type.element)}>`
      : type.type === 'union'
        ? type.types.map(typeName).join('|')
        : type.type

  for (const section of Object.keys(template))
    if (!SECTIONS.has(section)) problem(section, 'not a template section')
  if (template.AWSTemplateFormatVersion !== '2010-09-09')
    problem('AWSTemplateFormatVersion', 'must be the string "2010-09-09"')

  const known = (name: string) => PSEUDO_PARAMETERS.has(name) || name in resources || name in parameters
  const checkReferences = (value: unknown, path: string): void => {
    if (Array.isArray(value)) return value.forEach((v, i) => checkReferences(v, `${path}.${i}`))
    if (!isObject(value)) return
    for (const [key, v] of Object.entries(value)) {
      if (key === 'Ref' && (typeof v !== 'string' || !known(v))) problem(path, `!Ref to unknown ${String(v)}`)
      if (key === 'Fn::GetAtt') {
        const [id, attribute] = (Array.isArray(v) ? v : String(v).split(/\.(.*)/s, 2)) as string[]
        const resource = resources[id!]
        const spec = resource && resourceSpec(resource.Type)
        if (!resource) problem(path, `!GetAtt of unknown resource ${id}`)
        else if (spec && !(attribute! in spec.attributes))
          problem(path, `${resource.Type} has no attribute ${attribute}`)
      }
      if (key === 'Fn::Sub') {
        const [text, variables = {}] = (Array.isArray(v) ? v : [v]) as [string, Record<string, unknown>?]
        for (const [, name] of String(text).matchAll(/\$\{([^}]*)\}/g))
          if (!name!.startsWith('!') && !known(name!.split('.')[0]!) && !(name! in variables))
            problem(path, `\${${name}} in !Sub names nothing`)
      }
      checkReferences(v, `${path}.${key}`)
    }
  }
  checkReferences(template, '')

  /** What an intrinsic function gives: a string, a list, a number, or "any" (it depends on its target). */
  const returns = (value: Record<string, unknown>, name: string): string => {
    if (name === 'Ref') {
      const parameter = parameters[value.Ref as string]
      if (parameter) return /^(List<|CommaDelimitedList)/.test(parameter.Type) ? 'list' : 'string'
      return value.Ref === 'AWS::NotificationARNs' ? 'list' : value.Ref === 'AWS::NoValue' ? 'any' : 'string'
    }
    if (['Fn::Sub', 'Fn::Join', 'Fn::Base64', 'Fn::ImportValue', 'Fn::ToJsonString'].includes(name))
      return 'string'
    if (['Fn::GetAZs', 'Fn::Split', 'Fn::Cidr'].includes(name)) return 'list'
    if (name === 'Fn::Length') return 'number'
    return 'any'
  }

  const checkValue = (value: unknown, type: PropertyType, path: string): void => {
    const fn = intrinsicName(value)
    if (fn) {
      const kind = returns(value as Record<string, unknown>, fn)
      const fits =
        kind === 'any' ||
        type.type === 'json' ||
        (kind === 'string' && (type.type === 'string' || type.type === 'union')) ||
        (kind === 'list' && type.type === 'array') ||
        (kind === 'number' && (type.type === 'integer' || type.type === 'number'))
      if (!fits) problem(path, `${fn} gives a ${kind}, the property is ${typeName(type)}`)
      return
    }
    switch (type.type) {
      case 'string':
        if (typeof value !== 'string') problem(path, `expected a string, not ${JSON.stringify(value)}`)
        else if (type.allowedValues && !type.allowedValues.includes(value))
          problem(path, `${value} is not one of ${type.allowedValues.join(', ')}`)
        return
      case 'integer':
        if (typeof value !== 'number' || !Number.isInteger(value))
          problem(path, `expected an integer, not ${JSON.stringify(value)}`)
        return
      case 'number':
        if (typeof value !== 'number') problem(path, `expected a number, not ${JSON.stringify(value)}`)
        return
      case 'boolean':
        if (typeof value !== 'boolean') problem(path, `expected a boolean, not ${JSON.stringify(value)}`)
        return
      case 'json':
        if (!isObject(value) && !Array.isArray(value)) problem(path, 'expected a JSON object')
        return
      case 'tag':
        if (!isObject(value) || !('Key' in value) || !('Value' in value))
          problem(path, 'expected {Key, Value}')
        return
      case 'date-time':
      case 'null':
        return
      case 'array':
        if (!Array.isArray(value)) problem(path, `expected a list of ${typeName(type.element)}`)
        else value.forEach((v, i) => checkValue(v, type.element, `${path}.${i}`))
        return
      case 'map':
        if (!isObject(value)) problem(path, `expected a map of ${typeName(type.element)}`)
        else for (const [k, v] of Object.entries(value)) checkValue(v, type.element, `${path}.${k}`)
        return
      case 'union': {
        const before = problems.length
        const fitsOne = type.types.some((t) => {
          const start = problems.length
          checkValue(value, t, path)
          const fits = problems.length === start
          problems.length = start
          return fits
        })
        problems.length = before
        if (!fitsOne) problem(path, `matches none of ${typeName(type)}`)
        return
      }
      case 'ref':
        checkProperties(value, definition(type), path)
        return
    }
  }

  const checkProperties = (value: unknown, spec: SpecProperties, path: string): void => {
    if (!isObject(value)) return void problem(path, 'expected an object')
    for (const [name, v] of Object.entries(value)) {
      const property = spec[name]
      if (!property) problem(`${path}.${name}`, 'unknown property')
      else checkValue(v, property.type, `${path}.${name}`)
    }
    for (const [name, property] of Object.entries(spec))
      if (property.required && !(name in value)) problem(path, `missing required property ${name}`)
  }

  for (const [id, resource] of Object.entries(resources)) {
    const path = `Resources.${id}`
    for (const attribute of Object.keys(resource))
      if (!RESOURCE_ATTRIBUTES.has(attribute)) problem(`${path}.${attribute}`, 'not a resource attribute')
    const spec = resourceSpec(resource.Type)
    if (!spec) {
      problem(path, `unknown resource type ${resource.Type}`)
      continue
    }
    checkProperties(resource.Properties ?? {}, spec.properties, `${path}.Properties`)
  }
  for (const [id, output] of Object.entries(template.Outputs ?? {}))
    if (!isObject(output) || !('Value' in output)) problem(`Outputs.${id}`, 'has no Value')
  return problems
}

/** Where the template is deployed, and what !GetAtt gives there. */
export interface Deployment {
  partition: string
  region: string
  accountId: string
  /** `Logical.Attribute` → its value. */
  attributes: Record<string, string>
  /** A resource's logical id → what !Ref gives. */
  refs: Record<string, string>
}

/**
 * The template's values as CloudFormation resolves them in one deployment: !Ref of a pseudo parameter, !Sub
 * of pseudo parameters (`${!x}` is the literal `${x}`), !GetAtt of the given attributes. Anything else (or an
 * unknown name) throws, so a comparison never passes on an unresolved value.
 */
export function resolveIntrinsics(value: unknown, deployment: Deployment): unknown {
  const pseudo: Record<string, string> = {
    'AWS::Partition': deployment.partition,
    'AWS::Region': deployment.region,
    'AWS::AccountId': deployment.accountId,
  }
  const resolve = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(resolve)
    if (!isObject(v)) return v
    const fn = intrinsicName(v)
    if (fn === 'Ref') {
      const name = v.Ref as string
      const resolved = pseudo[name] ?? deployment.refs[name]
      if (resolved === undefined) throw new Error(`cannot resolve !Ref ${name}`)
      return resolved
    }
    if (fn === 'Fn::Sub') {
      if (typeof v['Fn::Sub'] !== 'string') throw new Error('cannot resolve !Sub with variables')
      return v['Fn::Sub'].replace(/\$\{([^}]*)\}/g, (_, name: string) => {
        if (name.startsWith('!')) return `\${${name.slice(1)}}`
        if (!(name in pseudo)) throw new Error(`cannot resolve \${${name}}`)
        return pseudo[name]!
      })
    }
    if (fn === 'Fn::GetAtt') {
      const key = (v['Fn::GetAtt'] as string[]).join('.')
      if (!(key in deployment.attributes)) throw new Error(`cannot resolve !GetAtt ${key}`)
      return deployment.attributes[key]
    }
    if (fn) throw new Error(`cannot resolve ${fn}`)
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, resolve(x)]))
  }
  return resolve(value)
}

/**
 * CloudFormation's form of an ECS API task definition (RegisterTaskDefinition input): each field name becomes
 * the property of its type definition in the specification with the same name regardless of case
 * (taskRoleArn → TaskRoleArn, efsVolumeConfiguration → EFSVolumeConfiguration); map keys (dockerLabels,
 * logConfiguration.options) stay as they are. A field without a property throws.
 */
export function taskDefinitionFromApi(api: unknown, db: SpecDatabase): unknown {
  const spec = (
    db.lookup('resource', 'cloudFormationType', 'equals', 'AWS::ECS::TaskDefinition')[0] as SpecResource
  ).properties
  const definition = (type: { reference: { $ref: string } }) =>
    (db.get('typeDefinition', type.reference.$ref) as { properties: SpecProperties }).properties
  const convertValue = (value: unknown, type: PropertyType, path: string): unknown => {
    if (type.type === 'ref') return convertObject(value, definition(type), path)
    if (type.type === 'array' && Array.isArray(value))
      return value.map((v, i) => convertValue(v, type.element, `${path}.${i}`))
    if (type.type === 'map' && isObject(value))
      return Object.fromEntries(
        Object.entries(value).map(([k, v]) => [k, convertValue(v, type.element, `${path}.${k}`)]),
      )
    return value
  }
  const convertObject = (value: unknown, props: SpecProperties, path: string): unknown => {
    if (!isObject(value)) throw new Error(`${path}: expected an object`)
    return Object.fromEntries(
      Object.entries(value).map(([field, v]) => {
        const name = Object.keys(props).find((p) => p.toLowerCase() === field.toLowerCase())
        if (!name) throw new Error(`${path}.${field}: no CloudFormation property`)
        return [name, convertValue(v, props[name]!.type, `${path}.${name}`)]
      }),
    )
  }
  return convertObject(api, spec, 'taskDefinition')
}
