#!/usr/bin/env node
// Regenerates src/test-support/aws-provider-schema.json, the Terraform AWS provider schema the tests check
// terraform/main.tf against (src/test-support/terraform-check.ts).
//
// No package here ships `terraform providers schema -json` output, and `terraform init` cannot download the
// provider on these machines. The prebuilt CDK Terrain AWS provider bindings are generated from that very
// schema, and their jsii assembly (.jsii) keeps, per resource and data source: every argument with its
// original snake_case name (in its link to the provider docs), whether it is required (not optional),
// whether it is a block (summary "<name> block.") and its type. The package records the provider version it
// was generated from (package.json: cdktf.provider.version). What jsii does not keep: ConflictsWith /
// ExactlyOneOf, MinItems/MaxItems beyond "required", computed-only markers and validation enums.
//
// Usage: node scripts/update-aws-provider-schema.mjs  (downloads the package with `npm pack`, ~46 MB, once)
// Keeps the full argument schema of the resource types and data sources in TYPES (the ones the generated
// Terraform may use) and only the names of all the others.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import * as prettier from 'prettier'

const PACKAGE = '@cdktn/provider-aws@25.7.0'
const TYPES = {
  resource: [
    'aws_cloudwatch_log_group',
    'aws_ecs_cluster',
    'aws_ecs_service',
    'aws_ecs_task_definition',
    'aws_iam_instance_profile',
    'aws_iam_role',
    'aws_iam_role_policy',
    'aws_iam_role_policy_attachment',
    'aws_launch_template',
  ],
  data: ['aws_caller_identity', 'aws_partition', 'aws_region', 'aws_subnets', 'aws_vpc'],
}
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')
const OUT = join(ROOT, 'src', 'test-support', 'aws-provider-schema.json')

const work = mkdtempSync(join(tmpdir(), 'aws-provider-schema-'))
let assembly, pkg
try {
  execFileSync('npm', ['pack', PACKAGE, '--pack-destination', work, '--silent'], { stdio: 'inherit' })
  const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'))
  execFileSync('tar', ['-xzf', join(work, tarball), '-C', work, 'package/.jsii', 'package/package.json'])
  assembly = JSON.parse(readFileSync(join(work, 'package', '.jsii'), 'utf8'))
  pkg = JSON.parse(readFileSync(join(work, 'package', 'package.json'), 'utf8'))
} finally {
  rmSync(work, { recursive: true, force: true })
}

// An argument's docs link: …/aws/<version>/docs[/resources|/data-sources/<type>]#<argument>
const ARGUMENT_LINK =
  /\{@link https:\/\/registry\.terraform\.io\/providers\/hashicorp\/aws\/[^/]+\/docs(?:\/(?:resources|data-sources)\/[a-z0-9_]+)?#([a-z0-9_]+) [^}]*\}/
// A class's summary: "Represents a {@link …/docs/resources/iam_role aws_iam_role}." (or the provider: "…/docs aws")
const CLASS_LINK =
  /^Represents a \{@link https:\/\/registry\.terraform\.io\/providers\/hashicorp\/aws\/[^/]+\/docs(?:\/(resources|data-sources)\/[a-z0-9_]+)? ([a-z0-9_]+)\}/
const RESOLVABLE = new Set(['cdktn.IResolvable', 'cdktf.IResolvable'])

const inStack = new Set()
/** A jsii type as {type, element?, schema?}: primitive, list, map, or object (a nested block's arguments). */
function typeOf(t) {
  if (t.primitive) return { type: t.primitive }
  if (t.collection)
    return { type: t.collection.kind === 'array' ? 'list' : 'map', element: typeOf(t.collection.elementtype) }
  if (t.union) {
    // `x | IResolvable` is how cdktn lets a value be an expression; the value's own type is the other one.
    const types = t.union.types.filter((u) => !RESOLVABLE.has(u.fqn))
    return types.length === 1 ? typeOf(types[0]) : { type: 'any' }
  }
  const def = t.fqn && assembly.types[t.fqn]
  if (def?.kind === 'interface' && def.datatype) {
    if (inStack.has(t.fqn)) return { type: 'object', recursive: true } // self-referencing (WAFv2), not used here
    inStack.add(t.fqn)
    try {
      return { type: 'object', schema: argumentsOf(def) }
    } finally {
      inStack.delete(t.fqn)
    }
  }
  return { type: 'any' }
}

function argumentsOf(struct) {
  const args = {}
  for (const p of struct.properties ?? []) {
    const link = ARGUMENT_LINK.exec(`${p.docs?.summary ?? ''} ${p.docs?.remarks ?? ''}`)
    if (!link) continue // meta-arguments (count, for_each, provider, lifecycle…) have no docs link
    const block = /\bblock\.?$/.test(p.docs?.summary ?? '')
    args[link[1]] = { required: !p.optional, ...(block ? { block: true } : {}), ...typeOf(p.type) }
  }
  return Object.fromEntries(Object.entries(args).sort(([a], [b]) => a.localeCompare(b)))
}

const snake = (name) => name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase()
const names = { resource: [], data: [] }
const schemas = { resource: {}, data: {} }
let providerArguments
for (const def of Object.values(assembly.types)) {
  if (def.kind !== 'class') continue
  const m = CLASS_LINK.exec(def.docs?.summary ?? '')
  if (!m) continue
  const config = def.initializer?.parameters?.find((p) => p.name === 'config')
  const struct = config && assembly.types[config.type.fqn]
  if (!struct) continue
  if (!m[1]) {
    providerArguments = argumentsOf(struct)
    continue
  }
  const kind = m[1] === 'resources' ? 'resource' : 'data'
  names[kind].push(m[2])
  if (!TYPES[kind].includes(m[2])) continue
  const args = argumentsOf(struct)
  // What a reference may read (aws_iam_role.task.arn): the arguments and the class's attribute getters.
  const getters = (def.properties ?? []).filter((p) => !p.static && !p.name.endsWith('Input'))
  const attributes = [...new Set([...Object.keys(args), ...getters.map((p) => snake(p.name))])].sort()
  schemas[kind][m[2]] = { arguments: args, attributes }
}
for (const kind of ['resource', 'data'])
  for (const type of TYPES[kind])
    if (!schemas[kind][type]) throw new Error(`${PACKAGE} has no ${kind} ${type}`)
if (!providerArguments) throw new Error(`${PACKAGE} has no provider configuration`)

const out = {
  about:
    'The hashicorp/aws Terraform provider schema as recorded in the jsii assembly of the package below (generated from that provider version). Written by scripts/update-aws-provider-schema.mjs: do not edit.',
  provider: pkg.cdktf.provider,
  extractedFrom: `${pkg.name}@${pkg.version}`,
  resourceTypes: names.resource.sort(),
  dataSources: names.data.sort(),
  providerArguments,
  resource: schemas.resource,
  data: schemas.data,
}
const options = { ...(await prettier.resolveConfig(OUT)), filepath: OUT }
writeFileSync(OUT, await prettier.format(JSON.stringify(out, null, 2), options))
console.log(
  `${OUT}: ${out.provider.name} ${out.provider.version} from ${out.extractedFrom}; ` +
    `${names.resource.length} resource types, ${names.data.length} data sources`,
)
