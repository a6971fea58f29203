import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { loadScenarios } from '../test-support/scenarios.ts'
import type { Language } from '../generator/types.ts'
import { highlightLines } from './highlight.tsx'

/** The highlighted lines joined as the code view shows them, one after another with their line breaks. */
const highlight = (text: string, language: Language) =>
  highlightLines(text, language).flatMap((parts, n, lines) => [
    ...parts,
    ...(n < lines.length - 1 ? ['\n'] : []),
  ])

const textOf = (html: string) =>
  html
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, '&')

describe('highlight', () => {
  const files = loadScenarios().flatMap((s) => s.result.files)

  it('shows exactly the generated text of every golden file, only wrapped in spans', () => {
    expect(files.length).toBeGreaterThan(200)
    for (const file of files)
      expect(textOf(renderToStaticMarkup(<>{highlight(file.text, file.language)}</>))).toBe(file.text)
  })

  it('marks comments, strings and variables in shell', () => {
    const html = renderToStaticMarkup(<>{highlight('# note\necho \'x\' "$HOME" $1', 'shell')}</>)
    expect(html).toContain('<span class="tok-comment"># note</span>')
    expect(html).toContain(`<span class="tok-string">&#x27;x&#x27;</span>`)
    expect(html).toContain('<span class="tok-variable">$1</span>')
  })

  it('marks keys, tags, comments and quoted strings in YAML', () => {
    const yaml =
      '# header\nResources:\n  - Sid: A\n    Version: "2012-10-17"\n    Arn: !GetAtt Role.Arn\n    Memory: 512'
    const html = renderToStaticMarkup(<>{highlight(yaml, 'yaml')}</>)
    expect(html).toContain('<span class="tok-comment"># header</span>')
    expect(html).toContain('<span class="tok-key">Resources</span>')
    expect(html).toContain('- <span class="tok-key">Sid</span>')
    expect(html).toContain('<span class="tok-string">&quot;2012-10-17&quot;</span>')
    expect(html).toContain('<span class="tok-command">!GetAtt</span>')
    expect(html).toContain('<span class="tok-number">512</span>')
  })

  it('marks blocks, arguments and strings in HCL', () => {
    const hcl =
      'resource "aws_iam_role" "task" {\n  name = "ecsTaskRole" # the role\n  max_session_duration = 3600\n}'
    const html = renderToStaticMarkup(<>{highlight(hcl, 'hcl')}</>)
    expect(html).toContain('<span class="tok-keyword">resource</span>')
    expect(html).toContain('<span class="tok-key">name</span>')
    expect(html).toContain('<span class="tok-string">&quot;ecsTaskRole&quot;</span>')
    expect(html).toContain('<span class="tok-comment"># the role</span>')
    expect(html).toContain('<span class="tok-number">3600</span>')
  })
})
