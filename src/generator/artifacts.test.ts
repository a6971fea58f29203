// The artifact table is the one list of files: these tests hold generate(), the plan, setup/aws-cli.sh and
// the README to it, so a file cannot be built and then left out of the list, or listed in one place only.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DEFAULT_CONFIG, type WizardConfig } from '../config/schema.ts'
import { platformCombinations } from '../test-support/combinations.ts'
import { ARTIFACTS, type ArtifactPath } from './artifacts.ts'
import { generate } from './generate.ts'
import { plan, type SetupPlan } from './plan.ts'
import type { Language } from './types.ts'

const base: WizardConfig = { ...structuredClone(DEFAULT_CONFIG), accountId: '012345678901' }

// Every OS, AMI, host family, network mode and IMDS choice: as they come, with every optional resource,
// without a task role policy, and with one of extra statements only.
const variants: [name: string, Partial<WizardConfig>][] = [
  ['defaults', {}],
  [
    'every optional resource',
    {
      deployerRoleName: 'deployer',
      configObject: { bucket: 'cfg-bucket', key: 'ecs.config' },
      buckets: [{ name: 'app-bucket', access: 'read' }],
      subnets: ['subnet-0123456789abcdef0'],
    },
  ],
  ['no task role policy', { buckets: [] }],
  [
    'extra statements only',
    { buckets: [], extraStatements: '[{ "Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "*" }]' },
  ],
]
const configs: [string, WizardConfig][] = platformCombinations(base).flatMap((platform) =>
  variants.map(([name, variant]): [string, WizardConfig] => [
    `${platform.launchType}/${platform.ami}/${platform.hostFamily}/${platform.networkMode}/block=${platform.blockInstanceMetadata}/${name}`,
    { ...platform, ...variant },
  ]),
)

/** The language each file name ending stands for; a file ending in anything else has no known language. */
const LANGUAGE_OF_EXTENSION: Record<string, Language> = {
  '.json': 'json',
  '.sh': 'shell',
  '.ps1': 'powershell',
  '.config': 'ini',
  '.yaml': 'yaml',
  '.tf': 'hcl',
}

describe('the artifact table', () => {
  it('gives every path a folder, a group and the language its file name ends with, once', () => {
    const paths = ARTIFACTS.map((a) => a.path)
    expect(new Set(paths).size).toBe(paths.length)
    for (const { path, group, language } of ARTIFACTS) {
      expect(path, path).toMatch(/^[a-z0-9-]+\/[a-z0-9.-]+$/)
      expect(group, path).not.toBe('')
      const extension = path.slice(path.lastIndexOf('.'))
      expect(LANGUAGE_OF_EXTENSION[extension], `${path}: language of "${extension}"`).toBe(language)
    }
  })

  describe.each(configs)('%s', (_name, config) => {
    const setup: SetupPlan = plan(config)
    const result = generate(config)
    const paths = result.files.map((f) => f.path)

    it('lists every file whose condition holds, in table order, with its group and language', () => {
      expect(paths).toEqual(ARTIFACTS.filter((a) => a.when(setup)).map((a) => a.path))
      for (const file of result.files) {
        const entry = ARTIFACTS.find((a) => a.path === file.path)!
        expect([file.destination, file.language]).toEqual([entry.group, entry.language])
        expect(file.text).not.toBe('')
      }
    })

    it('lists a file for every document of the plan', () => {
      const documents: [ArtifactPath, boolean][] = [
        ['iam/task-role-trust-policy.json', true],
        ['iam/task-role-policy.json', setup.taskRole.inlinePolicy !== undefined],
        ['iam/execution-role-trust-policy.json', setup.executionRole !== undefined],
        ['iam/execution-role-policy.json', setup.executionRole?.inlinePolicy !== undefined],
        ['iam/instance-role-trust-policy.json', setup.instances !== undefined],
        ['iam/instance-role-policy.json', setup.instances?.role.inlinePolicy !== undefined],
        ['iam/passrole-policy.json', true],
        ['ecs/task-definition.json', true],
        ['ecs/run-task-overrides.json', true],
        ['ecs/service.json', setup.service !== undefined],
        ['ec2/launch-template.json', setup.instances?.launchTemplate !== undefined],
      ]
      for (const [path, inPlan] of documents) expect(paths.includes(path), path).toBe(inPlan)
    })

    it('lists every file that setup/aws-cli.sh says it carries', () => {
      const script = result.files.find((f) => f.path === 'setup/aws-cli.sh')!
      const carried = script.sources
        .filter((s) => s.note.key === 'file.awsCli.note.sameDocument')
        .map((s) => s.note.params?.path)
      expect(carried.length).toBeGreaterThanOrEqual(3)
      for (const path of carried) expect(paths).toContain(path)
    })
  })

  it('is the list of files in the README', () => {
    const readme = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8')
    const section = readme.slice(readme.indexOf('## What it generates'))
    const table = section.slice(0, section.indexOf('\n## '))
    const listed: string[] = []
    for (const row of table.split('\n').filter((l) => l.startsWith('| `'))) {
      // A cell may name a sibling by its ending alone: `container/verify-credentials.sh` / `.ps1`.
      const cell = row.split('|')[1]!
      for (const [, name] of cell.matchAll(/`([^`]+)`/g)) {
        const previous = listed.at(-1)
        listed.push(name!.startsWith('.') && previous ? previous.replace(/\.[^.]+$/, name!) : name!)
      }
    }
    expect(listed.sort()).toEqual(ARTIFACTS.map((a) => a.path).sort())
  })
})
