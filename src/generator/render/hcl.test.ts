// The HCL renderer: every string comes back as written when HashiCorp's parser reads the file (and, when a
// terraform binary is installed, when Terraform itself evaluates it), names that are not identifiers are
// refused, and the layout is what `terraform fmt` writes.
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from '@cdktn/hcl2json'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { msg } from '../../i18n/message.ts'
import { runCommand } from '../../test-support/run-command.ts'
import { evaluateTemplate } from '../../test-support/terraform-check.ts'
import {
  attribute,
  blank,
  block,
  call,
  comment,
  hclString,
  heredoc,
  heredocFits,
  reference,
  referencesIn,
  renderHcl,
  template,
} from './hcl.ts'

const TERRAFORM = process.env.TERRAFORM_PATH ?? '/usr/local/bin/terraform'

// Text that could step out of a string: quotes, backslashes, template sequences, line breaks, unicode. In
// NFC: HCL (and Terraform's cty strings) keep every string in Unicode normalization form C, so text that is
// not NFC cannot be written at all (see the test of that below).
const hostile = fc
  .oneof(
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc
      .array(
        fc.constantFrom(
          '"',
          '\\',
          '$',
          '%',
          '{',
          '}',
          '${',
          '%{',
          '$${',
          '\n',
          '\r',
          '\t',
          'EOT',
          '\u202e',
          'é',
          '𝄞',
          ' ',
          'a',
        ),
        { maxLength: 14 },
      )
      .map((parts) => parts.join('')),
  )
  .filter((text) => text === text.normalize('NFC'))

/** What hcl2json reads for `v = <value>` in a locals block, as Terraform would evaluate it. */
async function readBack(values: string[], asHeredoc = false): Promise<string[]> {
  const { text } = renderHcl([
    block(
      'locals',
      [],
      values.map((v, i) => attribute(`v${i}`, asHeredoc ? heredoc(v) : v)),
    ),
  ])
  const json = (await parse('locals.tf', text)) as { locals: Record<string, string>[] }
  return values.map((_, i) => evaluateTemplate(json.locals[0]![`v${i}`]!, {}))
}

describe('hclString', () => {
  it.each([
    ['plain', '"plain"'],
    ['say "hi"', String.raw`"say \"hi\""`],
    ['C:\\path', String.raw`"C:\\path"`],
    ['${HOME}', '"$${HOME}"'],
    ['%{ if x }', '"%%{ if x }"'],
    ['$$${x}', '"$$$${x}"'],
    ['two\nlines\r\t', String.raw`"two\nlines\r\t"`],
    ['bidi \u202e', String.raw`"bidi \u202E"`],
    ['tag \u{e0001}', String.raw`"tag \U000E0001"`],
    ['é 𝄞', '"é 𝄞"'],
  ])('%j is written %s', (value, written) => {
    expect(hclString(value)).toBe(written)
  })

  it('gives back any string, quoted or as a heredoc, when HCL reads it', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(hostile, { minLength: 1, maxLength: 20 }), async (values) => {
        expect(await readBack(values)).toEqual(values)
        const fitting = values.map((v) => `${v.replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '')}\n`)
        expect(fitting.every(heredocFits)).toBe(true)
        expect(await readBack(fitting, true)).toEqual(fitting)
      }),
      { numRuns: 60 },
    )
  })

  it('cannot keep text that is not in Unicode NFC: HCL normalizes every string', async () => {
    expect(await readBack(['e\u0301', '\u{2F800}'])).toEqual(['\u00e9', '\u4e3d'])
  })

  it('writes a heredoc only for text it carries byte for byte, else a quoted string', async () => {
    expect(heredocFits('line\n')).toBe(true)
    expect(heredocFits('no final line break')).toBe(false)
    expect(heredocFits('carriage\r\nreturn\n')).toBe(false)
    expect(heredocFits('bidi \u202e\n')).toBe(false)
    const values = ['no final line break', 'carriage\r\nreturn\n', 'a\nEOT\n  EOT_1\n']
    expect(await readBack(values, true)).toEqual(values)
    const { text } = renderHcl([attribute('v', heredoc('a\nEOT\n  EOT_1\n'))])
    expect(text).toBe('v = <<EOT_2\na\nEOT\n  EOT_1\nEOT_2\n')
  })
})

describe('renderHcl', () => {
  it('refuses names that are not identifiers', () => {
    expect(() => attribute('a b', 1)).toThrow(/not an HCL identifier/)
    expect(() => block('resource"', [], [])).toThrow(/not an HCL identifier/)
    expect(() => reference('aws_iam_role', 'task}', 'arn')).toThrow(/not an HCL identifier/)
    expect(() => call('jsonencode(x)', 1)).toThrow(/not an HCL identifier/)
  })

  it('quotes labels and object keys that are not bare names, and keeps keywords out of bare keys', async () => {
    const { text } = renderHcl([
      block('resource', ['aws_x', 'na"me'], [attribute('m', { 'aws:SourceArn': 'x', for: 1, ok_key: true })]),
    ])
    expect(text).toContain('resource "aws_x" "na\\"me" {')
    expect(text).toContain('"for"')
    expect(text).toContain('    ok_key          = true')
    const json = (await parse('x.tf', text)) as { resource: { aws_x: Record<string, [{ m: unknown }]> } }
    expect(json.resource.aws_x['na"me']![0].m).toEqual({ 'aws:SourceArn': 'x', for: 1, ok_key: true })
  })

  it('writes references, templates and calls as expressions, and lists them', () => {
    const items = [
      attribute('a', reference('aws_iam_role', 'task', 'arn')),
      attribute(
        'b',
        template('arn:', reference('data', 'aws_partition', 'current', 'partition'), ':s3:::${not-a-ref}'),
      ),
      attribute('c', call('jsonencode', { k: [1, 'two', false] })),
    ]
    expect(renderHcl(items).text).toBe(
      [
        'a = aws_iam_role.task.arn',
        'b = "arn:${data.aws_partition.current.partition}:s3:::$${not-a-ref}"',
        'c = jsonencode({',
        '  k = [1, "two", false]',
        '})',
        '',
      ].join('\n'),
    )
    expect(referencesIn(items)).toEqual(['aws_iam_role.task.arn', 'data.aws_partition.current.partition'])
  })

  it('puts each note on the line its attribute or block starts on', () => {
    const note = msg('file.terraform.title')
    const { text, sources } = renderHcl([
      comment('header'),
      blank,
      block(
        'resource',
        ['t', 'n'],
        [
          attribute('first', { a: 1 }),
          attribute('second', 'x', note),
          block('inner', [], [attribute('third', 3)], note),
        ],
      ),
    ])
    const lines = text.split('\n')
    expect(sources.map((s) => lines[s.line - 1])).toEqual(['  second = "x"', '  inner {'])
  })

  it.skipIf(!existsSync(TERRAFORM))('lays out what terraform fmt would (optional)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ecs-wizard-hcl-fmt-'))
    const { text } = renderHcl([
      comment('A file with every shape the renderer writes.'),
      blank,
      block(
        'resource',
        ['aws_x', 'y'],
        [
          attribute('name', 'n'),
          attribute('longer_name', 1),
          attribute(
            'doc',
            call('jsonencode', { Version: '1', Statement: [{ A: 'b', 'c:d': ['e', 'f'] }], Empty: {} }),
          ),
          attribute('after', true),
          attribute('text', heredoc('a\n  b\n')),
          attribute('z', []),
          block('nested', [], [attribute('k', reference('aws_x', 'y', 'id'))]),
          attribute('data', call('base64encode', heredoc('#!/bin/bash\necho "${x}"\n'))),
          attribute('list', [
            'a-long-string-of-text-number-one',
            'a-long-string-of-text-number-two',
            'three',
          ]),
        ],
      ),
      block('data', ['aws_partition', 'current'], []),
    ])
    writeFileSync(join(dir, 'main.tf'), text)
    const run = await runCommand(TERRAFORM, ['fmt', '-check', '-diff', dir])
    expect(run.stdout, run.stderr).toBe('')
    expect(run.status).toBe(0)
  })

  it.skipIf(!existsSync(TERRAFORM))(
    'gives back any string when Terraform evaluates it (optional)',
    async () => {
      const values = fc.sample(hostile, { numRuns: 150, seed: 10 })
      const fitting = values.map((v) => `${v.replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '')}\n`)
      const dir = mkdtempSync(join(tmpdir(), 'ecs-wizard-hcl-eval-'))
      const { text } = renderHcl([
        block('output', ['quoted'], [attribute('value', values)]),
        block(
          'output',
          ['heredocs'],
          [attribute('value', Object.fromEntries(fitting.map((v, i) => [`h${i}`, heredoc(v)])))],
        ),
      ])
      writeFileSync(join(dir, 'main.tf'), text)
      const env = { ...process.env, CHECKPOINT_DISABLE: '1', TF_CLI_CONFIG_FILE: '/dev/null' }
      for (const args of [
        ['init', '-input=false'],
        ['apply', '-auto-approve', '-input=false'],
      ]) {
        const run = await runCommand(TERRAFORM, args, { cwd: dir, env })
        expect(run.status, run.stderr).toBe(0)
      }
      const run = await runCommand(TERRAFORM, ['output', '-json'], { cwd: dir, env })
      const out = JSON.parse(run.stdout) as {
        quoted: { value: string[] }
        heredocs: { value: Record<string, string> }
      }
      expect(out.quoted.value).toEqual(values)
      expect(fitting.map((_, i) => out.heredocs.value[`h${i}`])).toEqual(fitting)
    },
    60_000,
  )
})
