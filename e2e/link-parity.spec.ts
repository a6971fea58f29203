// The page and the CLI read a link the same way (linkRoute in src/config/permalink.ts): for odd but valid links
// (an outer ?query, a second "#", list indexes out of order or with gaps, percent-encoded values, no slash or no
// fragment at all) the page's .zip holds exactly the files the built command line writes, and Copy link copies
// the canonical link the CLI reports, not the address as opened.
import { spawnSync } from 'node:child_process'
import { readFileSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildCli } from '../src/cli/build-for-tests.ts'
import { listFiles } from '../src/test-support/scenarios.ts'
import { expect, test } from './fixtures.ts'
import { download, unzipSetup, withoutClipboard } from './helpers.ts'

const BASE_URL = 'http://127.0.0.1:4173/'

const ODD_LINKS = [
  `${BASE_URL}?utm_source=chat#/?v=1&os=windows`,
  `${BASE_URL}#/?v=1&clusterName=prod#section`,
  `${BASE_URL}#/?v=1&buckets.1.name=second&buckets.0.name=first`,
  `${BASE_URL}#/?v=1&buckets.5.name=sparse&buckets.2.name=two&buckets.2.access=write`,
  `${BASE_URL}#/?v=1&buckets.01.name=zero-one`,
  `${BASE_URL}#/?v=1&task.portMappings.0.containerPort=8080&task.portMappings.0.hostPort=%38%30%38%31`,
  `${BASE_URL}#/?v=1&region=eu%2Dwest%2D1&accountId=000000000042`,
  `${BASE_URL}?v=1&os=windows&ami=windows-2022`,
  `${BASE_URL}#?v=1&os=windows&networkMode=awsvpc`,
  `${BASE_URL}#/?os=linux&v=1&networkMode=awsvpc`,
  `${BASE_URL}#/?v=1&buckets=&clusterName=x`,
  `${BASE_URL}#/?v=1&&clusterName=dbl&`,
  `${BASE_URL}#/?v=1&taskRoleName=app%2Brole%3Dx%2C.%40-_&buckets.0.name=bkt&buckets.0.prefix=team's%20(2026)/`,
]

let cliBin = ''
test.beforeAll(() => {
  cliBin = buildCli()
})

/** What `ecs-task-role-wizard render <link> --out <dir> --base-url <site> --json` writes, and its link. */
function renderWithCli(link: string): { files: Record<string, string>; permalink: string } {
  const out = mkdtempSync(join(tmpdir(), 'parity-'))
  const args = [cliBin, 'render', link, '--out', out, '--base-url', BASE_URL, '--json']
  const run = spawnSync(process.execPath, args, { encoding: 'utf8' })
  const report = JSON.parse(run.stdout) as { outcome: string; permalink: string }
  expect(report.outcome, `the CLI reads ${link} without complaint: ${run.stderr}`).toBe('written')
  expect(run.status).toBe(0)
  const files = Object.fromEntries(
    listFiles(out)
      .filter((p) => p !== '.ecs-task-role-wizard-files.json')
      .map((p) => [p, readFileSync(join(out, p), 'utf8')]),
  )
  return { files, permalink: report.permalink }
}

test.describe.configure({ timeout: 120_000 })

test(`the page and the CLI give identical files for ${ODD_LINKS.length} odd but valid links`, async ({
  browser,
}) => {
  for (const link of ODD_LINKS) {
    const cli = renderWithCli(link)
    // A page per link: Chromium under automation drops a page's 11th download.
    const page = await browser.newPage()
    await withoutClipboard(page)
    await page.goto(link)
    await expect(page.getByRole('heading', { name: 'Generated files' })).toBeVisible()
    const zip = await download(page, page.getByRole('button', { name: 'Download all (.zip)' }))
    const { files, readme } = unzipSetup(zip.bytes)
    expect(files, link).toEqual(cli.files)
    expect(readme).toContain(cli.permalink)

    await page.getByRole('button', { name: 'Copy link' }).click()
    const copied = await page.getByRole('textbox', { name: 'Link to this configuration' }).inputValue()
    expect(copied, link).toBe(cli.permalink)
    await page.close()
  }
})
