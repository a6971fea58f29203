import { describe, expect, it } from 'vitest'
import { DEFAULT_CONFIG, readConfig, type WizardConfig } from '../config/schema.ts'
import { loadScenarios } from '../test-support/scenarios.ts'
import { generate } from './generate.ts'
import { buildRunbook, runbookMarkdown, type RunbookStep } from './runbook.ts'

const config = (partial: Partial<WizardConfig>): WizardConfig => {
  const { config: full, issues } = readConfig({ ...partial, version: DEFAULT_CONFIG.version })
  expect(issues).toEqual([])
  return full
}
const runbookOf = (c: WizardConfig, edited: string[] = []) => buildRunbook(c, generate(c).files, edited)
const step = (steps: RunbookStep[], id: RunbookStep['id']) => steps.find((s) => s.id === id)

describe('buildRunbook', () => {
  it.each(loadScenarios().filter((s) => s.result.files.length > 0))(
    'uses every file of $name in a step',
    ({ raw, result }) => {
      const steps = buildRunbook(readConfig(raw).config, result.files)
      const used = new Set(steps.flatMap((s) => s.actions.flatMap((a) => a.files)))
      expect(result.files.map((f) => f.path).filter((p) => !used.has(p))).toEqual([])
      expect(steps[0]!.id).toBe('files')
    },
  )

  it('groups the ways to do a step under it: the setup script or the console', () => {
    const iam = step(runbookOf(config({})), 'iam')!
    expect(iam.actions.map((a) => a.label)).toEqual(['Run the setup script', 'In the AWS console'])
    expect(iam.actions[0]!.command).toBe('bash setup/aws-cli.sh')
    expect(iam.actions[1]!.command).toBeUndefined()
    expect(iam.check).toMatch(/^aws iam get-instance-profile/)
  })

  it('a hand-started agent gets the host commands in order, user data as the alternative', () => {
    const steps = runbookOf(config({ ami: 'manual-agent', hostFamily: 'debian' }))
    const host = step(steps, 'instances')!
    expect(host.actions[0]!.command).toBe('sudo bash host/iptables.sh\nsudo bash host/run-agent.sh')
    expect(host.actions[1]!.files).toEqual(['ec2/user-data.sh'])
  })

  it('Windows in the default mode: the route script, and recovery after a restart as an optional step', () => {
    const steps = runbookOf(config({ os: 'windows' }))
    expect(steps.map((s) => s.id)).toEqual([
      'files',
      'iam',
      'passrole',
      'instances',
      'routes',
      'task',
      'verify',
      'recover',
    ])
    expect(step(steps, 'recover')!.optional).toBe(true)
  })

  it('says when the setup script does not carry an edit of a JSON file', () => {
    const notes = step(runbookOf(config({}), ['iam/task-role-policy.json']), 'iam')!.notes.join('\n')
    expect(notes).toMatch(
      /setup\/aws-cli\.sh holds its own copy of the generated iam\/task-role-policy\.json/,
    )
    expect(step(runbookOf(config({})), 'iam')!.notes).toEqual([])
  })
})

describe('runbookMarkdown', () => {
  it('has the link, the edited files and every step with its command', () => {
    const c = config({ taskRoleName: 'app_role_x__' })
    const text = runbookMarkdown(buildRunbook(c, generate(c).files, ['ec2/ecs.config']), {
      link: 'https://example.org/#/?v=1&taskRoleName=app_role_x__',
      edited: [{ path: 'ec2/ecs.config', note: 're-applied after the configuration changed' }],
    })
    expect(text).toContain('```text\nhttps://example.org/#/?v=1&taskRoleName=app_role_x__\n```')
    expect(text).toContain('- `ec2/ecs.config`: re-applied after the configuration changed')
    expect(text).toMatch(/### 2\. Create the roles/)
    expect(text).toContain('```sh\nbash setup/aws-cli.sh\n```')
    // A name is shown as written, never as Markdown emphasis.
    expect(text).toContain('role app\\_role\\_x\\_\\_ with')
    expect(text.endsWith('\n')).toBe(true)
  })

  it('says when no file was edited', () => {
    const c = config({})
    expect(runbookMarkdown(buildRunbook(c, generate(c).files), { link: '#/?v=1', edited: [] })).toContain(
      'No file was edited',
    )
  })
})
