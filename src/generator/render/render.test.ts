import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { parsePowerShell } from '../../test-support/checkers.ts'
import { renderEcsConfig } from './ecs-config.ts'
import { ps, psComment, psLine, psQuote, renderPowerShell } from './powershell.ts'
import { comment, line, raw, renderShell, sh, shellQuote } from './shell.ts'

// Text an attacker would try: quotes of every kind, expansions, separators, newlines, unicode.
const hostile = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    `'`,
    `"`,
    '$(id)',
    '`id`',
    '${HOME}',
    '\n',
    '; rm -rf /',
    '%PATH%',
    '\u2018x\u2019',
    "'; id; '",
    '!!',
    '\\',
    '*',
    '~root',
    '-rf',
    '=x',
    'a b',
    '\u202e',
    '',
  ),
  fc
    .array(
      fc.constantFrom(
        `'`,
        `"`,
        '$',
        '(',
        ')',
        '`',
        '\n',
        ';',
        '%',
        'é',
        '\u2019',
        ' ',
        '\\',
        '|',
        '&',
        '<',
        '>',
        '#',
        'a',
      ),
      { maxLength: 12 },
    )
    .map((a) => a.join('')),
)

describe('shellQuote', () => {
  it('gives bash back exactly the original text for hostile strings (bash runs them, 400 strings)', () => {
    const values = fc.sample(hostile, { numRuns: 400, seed: 42 }).map((v) => v.replace(/\0/g, ''))
    const script = `printf '%s\\0' ${values.map(shellQuote).join(' ')}`
    const output = execFileSync('bash', ['-c', script], { encoding: 'utf8' })
    expect(output.split('\0').slice(0, -1)).toEqual(values)
  })

  it('leaves plain names bare and quotes everything else', () => {
    expect(shellQuote('my-cluster_1')).toBe('my-cluster_1')
    expect(shellQuote('arn:aws:iam::012345678901:role/x')).toBe('arn:aws:iam::012345678901:role/x')
    expect(shellQuote("it's")).toBe(`'it'\\''s'`)
    expect(shellQuote('')).toBe(`''`)
    expect(shellQuote('=x')).toBe(`'=x'`)
    expect(shellQuote('~root')).toBe(`'~root'`)
  })

  it('quotes every interpolated value in sh`` and never the template text', () => {
    expect(sh`echo ${'$(id)'} ${['a b', 'c']} ${raw('>&2')}`.text).toBe(`echo '$(id)' 'a b' c >&2`)
  })
})

describe('renderShell', () => {
  it('chooses a heredoc terminator that no line of the body equals', () => {
    const { text } = renderShell({
      interpreter: '/bin/bash',
      blocks: [{ kind: 'heredoc', before: sh`cat`, after: sh`> ${'/tmp/x'}`, body: 'EOF\nEOF_1\nlast\n' }],
    })
    expect(text).toContain(`cat <<'EOF_2' > /tmp/x\nEOF\nEOF_1\nlast\nEOF_2\n`)
    const target = join(mkdtempSync(join(tmpdir(), 'heredoc-')), 'out')
    execFileSync('bash', ['-c', text.replace('/tmp/x', target)])
    expect(readFileSync(target, 'utf8')).toBe('EOF\nEOF_1\nlast\n')
  })

  it('keeps comments on comment lines, whatever they contain', () => {
    const { text } = renderShell({
      interpreter: '/bin/sh',
      blocks: [comment('a\nrm -rf /\r\u0007b'), line(raw('true'))],
    })
    expect(text).toBe('#!/bin/sh\n# a\n# rm -rf / \u0020b\ntrue\n'.replace(' \u0020', '  '))
    expect(text.split('\n').filter((l) => l && !l.startsWith('#'))).toEqual(['true'])
  })
})

/** The PowerShell language spec's verbatim string (https://learn.microsoft.com/powershell/scripting/lang-spec/chapter-02, 2.3.5.2.2): any of ' ‘ ’ ‚ ‛ quotes; two in a row are one. */
function readVerbatimString(text: string): { value: string; end: number } | undefined {
  const isQuote = (c: string | undefined) => c !== undefined && /['\u2018\u2019\u201A\u201B]/.test(c)
  if (!isQuote(text[0])) return undefined
  let value = ''
  for (let i = 1; i < text.length; i++) {
    if (isQuote(text[i])) {
      if (isQuote(text[i + 1])) {
        value += text[i]
        i++
      } else return { value, end: i + 1 }
    } else value += text[i]
  }
  return undefined
}

describe('psQuote', () => {
  it('doubles every kind of single quote PowerShell recognises', () => {
    expect(psQuote(`it's \u2018a\u2019 \u201Ab\u201B`)).toBe(
      `'it''s \u2018\u2018a\u2019\u2019 \u201A\u201Ab\u201B\u201B'`,
    )
  })

  it('reads back as one verbatim string with the original value (spec tokenizer, 1000 strings)', () => {
    fc.assert(
      fc.property(hostile, (value) => {
        const quoted = psQuote(value)
        expect(readVerbatimString(quoted)).toEqual({ value, end: quoted.length })
      }),
      { numRuns: 1000 },
    )
  })

  it('parses as a single string argument with tree-sitter-powershell (300 strings)', async () => {
    for (const value of fc.sample(hostile, { numRuns: 300, seed: 7 })) {
      const quoted = psQuote(value.replace(/\0/g, ''))
      const { problems, root } = await parsePowerShell(`Write-Output ${quoted}\n`)
      expect(problems).toEqual([])
      const literals = root.descendantsOfType('string_literal')
      expect(literals.map((n) => n?.text)).toEqual([quoted])
    }
  })

  it('keeps PowerShell commands on one line and comments inside the user-data tags', () => {
    // Even inside a quoted value a line break would split the command: it is refused outright.
    expect(() =>
      renderPowerShell({ userDataTags: false, blocks: [psLine(ps`Write-Output ${'a\nb'}`)] }),
    ).toThrow(/one line/)
    expect(() =>
      renderPowerShell({ userDataTags: false, blocks: [psLine(ps`Write-Output 'a'\nWrite-Output 'b'`)] }),
    ).toThrow(/one line/)
    const { text } = renderPowerShell({ userDataTags: true, blocks: [psComment('x </powershell> y\nz')] })
    expect(text).toBe('<powershell>\n# x (/powershell) y\n# z\n</powershell>\n')
  })
})

describe('renderEcsConfig', () => {
  it('writes KEY=VALUE lines with values taken literally', () => {
    expect(
      renderEcsConfig([
        ['ECS_CLUSTER', 'prod'],
        ['ECS_ENABLE_TASK_IAM_ROLE', 'true'],
      ]),
    ).toBe('ECS_CLUSTER=prod\nECS_ENABLE_TASK_IAM_ROLE=true\n')
  })
  it('refuses what ecs-init would misread: newlines, surrounding spaces, bad keys', () => {
    expect(() => renderEcsConfig([['ECS_CLUSTER', 'a\nECS_X=1']])).toThrow()
    expect(() => renderEcsConfig([['ECS_CLUSTER', ' a']])).toThrow()
    expect(() => renderEcsConfig([['ecs cluster', 'a']])).toThrow()
  })
})
