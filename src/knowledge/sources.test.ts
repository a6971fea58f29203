// Every source a user sees is a public link, and docs/sources.md lists them all. The same test keeps
// citations of documents users cannot open (the research notes outside this repository) out of src/.
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadScenarios } from '../test-support/scenarios.ts'
import { SOURCES, sourcesMarkdown } from './sources.ts'

const ROOT = join(import.meta.dirname, '..', '..')
const PUBLIC_HOSTS = [
  'docs.aws.amazon.com',
  'github.com',
  'docs.docker.com',
  'manpages.debian.org',
  'firewalld.org',
  'learn.microsoft.com',
  'awscli.amazonaws.com',
  'www.freedesktop.org',
  'repost.aws',
  'systemd.io',
  'man7.org',
]

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? filesUnder(path) : [path]
  })
}

describe('sources', () => {
  it.each(Object.entries(SOURCES))('%s is a public https link', (_id, source) => {
    const url = new URL(source.url)
    expect(url.protocol).toBe('https:')
    expect(PUBLIC_HOSTS).toContain(url.hostname)
    // Agent sources are pinned to a release tag, so the line a user opens is the line that was read.
    if (url.pathname.startsWith('/aws/amazon-ecs-agent/blob/'))
      expect(url.pathname).toMatch(/\/blob\/v\d+\.\d+\.\d+\//)
  })

  it('docs/sources.md lists every source (regenerate with npm run sources:update)', () => {
    expect(readFileSync(join(ROOT, 'docs/sources.md'), 'utf8')).toBe(sourcesMarkdown())
  })

  it('no file in src/ cites a section of a document users cannot open', () => {
    const offenders = filesUnder(join(ROOT, 'src'))
      .filter((f) => /\.(ts|tsx|json|md|sh|ps1)$/.test(f) && !f.endsWith('sources.test.ts'))
      .flatMap((f) =>
        readFileSync(f, 'utf8')
          .split('\n')
          .map((line, i) => ({ where: `${relative(ROOT, f)}:${i + 1}`, line }))
          .filter(({ line }) => /reference \u00a7|ecs-task-roles\.md|toolchain\.md|\u00a7\d/.test(line)),
      )
    expect(offenders.map((o) => `${o.where}: ${o.line.trim()}`)).toEqual([])
  })

  it('every URL in generated text and findings is one of the public sources or an AWS endpoint', () => {
    const known = new Set<string>(Object.values(SOURCES).map((s) => s.url))
    for (const scenario of loadScenarios()) {
      const texts = [
        ...scenario.result.files.map((f) => f.text),
        ...scenario.result.findings.map((f) => f.source),
      ]
      for (const text of texts)
        for (const [url] of text.matchAll(/https?:\/\/[^\s"'<>)$]+/g)) {
          const host = new URL(url).hostname
          const isSource = known.has(url)
          // Endpoints the scripts call are not citations: instance metadata, the credential endpoint, AWS downloads.
          const isEndpoint = /^(169\.254\.\d+\.\d+|localhost|127\.0\.0\.1|awscli\.amazonaws\.com)$/.test(host)
          const isPermalink = url.includes('#/?')
          expect(isSource || isEndpoint || isPermalink, `${scenario.name}: ${url}`).toBe(true)
        }
    }
  })
})
