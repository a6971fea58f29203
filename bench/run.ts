// npm run bench: builds the production app, serves it on 127.0.0.1 and measures what users feel.
// Prints one table and writes bench/results.json. A script, not a test: nothing here asserts timings.
import { execFileSync, spawn } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { chromium, type Page } from '@playwright/test'
import { DEFAULT_CONFIG, type WizardConfig } from '../src/config/schema.ts'
import { generate } from '../src/generator/generate.ts'

const ROOT = join(import.meta.dirname, '..')
const DIST = join(ROOT, 'dist')
const PORT = Number(process.env.BENCH_PORT ?? 4180)
const ORIGIN = `http://127.0.0.1:${PORT}`
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/lib/chromium/chromium'
const CHROME_FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]
const LIGHTHOUSE_RUNS = Number(process.env.BENCH_LIGHTHOUSE_RUNS ?? 3)
const KEYSTROKES = 200

const median = (values: number[]) => percentile(values, 50)
function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  if (sorted.length === 0) return NaN
  const rank = (p / 100) * (sorted.length - 1)
  const low = Math.floor(rank)
  return sorted[low]! + (sorted[Math.min(low + 1, sorted.length - 1)]! - sorted[low]!) * (rank - low)
}
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits
/** KiB, the unit Lighthouse and DevTools' "KB" use; kB (1,000 bytes) is shown beside it. */
const kb = (bytes: number) => round(bytes / 1024)
const bothUnits = (bytes: number) => `${kb(bytes)} KiB (${round(bytes / 1000)} kB)`

const gzipSizeOfAsset = (urlPath: string) => {
  const file = join(DIST, decodeURIComponent(urlPath))
  return existsSync(file) ? gzipSync(readFileSync(file), { level: 9 }).length : 0
}

function build() {
  execFileSync('npx', ['vite', 'build'], { cwd: ROOT, stdio: 'ignore' })
}

async function serve(): Promise<() => void> {
  const server = spawn(
    'npx',
    ['vite', 'preview', '--host', '127.0.0.1', '--port', String(PORT), '--strictPort'],
    {
      cwd: ROOT,
      stdio: 'ignore',
      detached: true,
    },
  )
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(ORIGIN)).ok) break
    } catch {
      await new Promise((r) => setTimeout(r, 200))
    }
  }
  return () => process.kill(-server.pid!)
}

/**
 * Gzip bytes of the JS and CSS requested before the page is interactive (before DOMContentLoaded, which
 * waits for every module script), of the parts prefetched once the page is idle, and of what "Edit" adds.
 */
async function transferredBytes(page: Page) {
  const requested: string[] = []
  page.on('request', (r) => {
    const url = new URL(r.url())
    if (url.origin === ORIGIN && /\.(js|css)$/.test(url.pathname)) requested.push(url.pathname)
  })
  await page.goto(`${ORIGIN}/`, { waitUntil: 'domcontentloaded' })
  const initial = [...new Set(requested)]
  requested.length = 0
  await page.waitForLoadState('networkidle')
  const idle = [...new Set(requested)]
  requested.length = 0
  await page.getByRole('tab', { name: 'task-role-trust-policy.json' }).click()
  await page.getByRole('button', { name: 'Edit', exact: true }).click()
  await page.locator('.monaco-editor').waitFor()
  await page.waitForLoadState('networkidle')
  const onIntent = [...new Set(requested)]
  const sum = (paths: string[]) => paths.reduce((n, p) => n + gzipSizeOfAsset(p), 0)
  return {
    initialGzip: sum(initial),
    initialFiles: initial,
    idleGzip: sum(idle),
    idleFiles: idle,
    monacoGzip: sum(onIntent),
    monacoFiles: onIntent,
  }
}

async function keystrokeToOutput(page: Page) {
  await page.goto(`${ORIGIN}/#/?v=1&clusterName=bench`)
  await page.getByRole('button', { name: '4 Names' }).click()
  await page.getByRole('tab', { name: 'ecs.config' }).click()
  const field = page.getByLabel('Cluster name', { exact: true })
  await field.focus()
  await page.keyboard.press('End')
  await page.evaluate(() => performance.clearMeasures('keystroke-to-output'))
  for (let i = 0; i < KEYSTROKES; i++) {
    // Type a letter, then take it away: the name stays valid and every key changes every file.
    await page.keyboard.press(i % 2 === 0 ? 'x' : 'Backspace')
    await page.waitForFunction((n) => performance.getEntriesByName('keystroke-to-output').length >= n, i + 1)
  }
  const durations = await page.evaluate(() =>
    performance.getEntriesByName('keystroke-to-output').map((e) => e.duration),
  )
  return {
    p50: percentile(durations, 50),
    p95: percentile(durations, 95),
    max: Math.max(...durations),
    samples: durations.length,
  }
}

async function editorReady(page: Page) {
  const samples: number[] = []
  for (let i = 0; i < 5; i++) {
    await page.goto(`${ORIGIN}/?run=${i}#/?v=1`)
    await page.getByRole('tab', { name: 'task-definition.json' }).click()
    await page.getByRole('button', { name: 'Edit', exact: true }).click()
    await page.waitForFunction(() => performance.getEntriesByName('editor-ready').length > 0)
    samples.push(await page.evaluate(() => performance.getEntriesByName('editor-ready')[0]!.duration))
  }
  return { median: median(samples), samples }
}

function lighthouse(preset: 'mobile' | 'desktop') {
  const scores: { score: number; fcp: number; lcp: number; tbt: number; cls: number }[] = []
  const out = join(ROOT, 'bench', '.lighthouse.json')
  for (let i = 0; i < LIGHTHOUSE_RUNS; i++) {
    const args = [
      'lighthouse',
      `${ORIGIN}/`,
      '--quiet',
      '--only-categories=performance',
      '--output=json',
      `--output-path=${out}`,
      `--chrome-flags=${CHROME_FLAGS.join(' ')}`,
      ...(preset === 'desktop' ? ['--preset=desktop'] : []),
    ]
    execFileSync('npx', args, { cwd: ROOT, stdio: 'ignore', env: { ...process.env, CHROME_PATH: CHROMIUM } })
    const report = JSON.parse(readFileSync(out, 'utf8')) as {
      categories: { performance: { score: number } }
      audits: Record<string, { numericValue: number }>
    }
    scores.push({
      score: report.categories.performance.score * 100,
      fcp: report.audits['first-contentful-paint']!.numericValue,
      lcp: report.audits['largest-contentful-paint']!.numericValue,
      tbt: report.audits['total-blocking-time']!.numericValue,
      cls: report.audits['cumulative-layout-shift']!.numericValue,
    })
  }
  const pick = (key: keyof (typeof scores)[number]) => median(scores.map((s) => s[key]))
  return {
    score: pick('score'),
    fcp: pick('fcp'),
    lcp: pick('lcp'),
    tbt: pick('tbt'),
    cls: pick('cls'),
    runs: scores,
  }
}

function largeConfig(): WizardConfig {
  return {
    ...structuredClone(DEFAULT_CONFIG),
    accountId: '012345678901',
    clusterName: `cluster-${'x'.repeat(200)}`,
    taskRoleName: `role-${'r'.repeat(55)}`,
    configObject: { bucket: 'config-bucket', key: `deep/${'k'.repeat(300)}/ecs.config` },
    buckets: Array.from({ length: 50 }, (_, i) => ({
      name: `bucket-${i}-${'b'.repeat(40)}`,
      access: 'read-write' as const,
      prefix: `p${i}/`,
    })),
    task: {
      ...DEFAULT_CONFIG.task,
      family: `family-${'f'.repeat(200)}`,
      portMappings: Array.from({ length: 20 }, (_, i) => ({ containerPort: 8000 + i, hostPort: 9000 + i })),
    },
  }
}

function generateMicros(config: WizardConfig) {
  for (let i = 0; i < 200; i++) generate(config) // warm up the JIT
  const samples: number[] = []
  for (let i = 0; i < 1000; i++) {
    const start = process.hrtime.bigint()
    generate(config)
    samples.push(Number(process.hrtime.bigint() - start) / 1000)
  }
  return { median: median(samples), p95: percentile(samples, 95) }
}

const TARGETS = {
  initialKb: 120,
  mobile: 95,
  desktop: 100,
  keystrokeP95: 16,
  generateDefaultUs: 1000,
  generateLargeUs: 10_000,
  editorMs: 800,
}

async function main() {
  console.log('building…')
  build()
  const stop = await serve()
  try {
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: CHROME_FLAGS.filter((f) => f !== '--headless=new'),
    })
    const page = await browser.newPage()
    console.log('bytes…')
    const bytes = await transferredBytes(page)
    console.log('keystrokes…')
    const keystroke = await keystrokeToOutput(await browser.newPage())
    console.log('editor…')
    const editor = await editorReady(await browser.newPage())
    await browser.close()
    console.log(`lighthouse (${LIGHTHOUSE_RUNS} runs per preset)…`)
    const mobile = lighthouse('mobile')
    const desktop = lighthouse('desktop')
    const large = largeConfig()
    if (generate(large).files.length === 0) throw new Error('the large benchmark config is invalid')
    const generateDefault = generateMicros(DEFAULT_CONFIG)
    const generateLarge = generateMicros(large)

    const rows: [string, string, string, boolean][] = [
      [
        'JS + CSS before interactive (gzip)',
        bothUnits(bytes.initialGzip),
        `≤ ${TARGETS.initialKb} KiB`,
        bytes.initialGzip / 1024 <= TARGETS.initialKb,
      ],
      ['  prefetched when idle (later steps, file view)', bothUnits(bytes.idleGzip), '', true],
      ['Monaco on intent (gzip)', bothUnits(bytes.monacoGzip), 'loaded on Edit', true],
      [
        'Lighthouse mobile (median)',
        `${round(mobile.score, 0)}`,
        `≥ ${TARGETS.mobile}`,
        mobile.score >= TARGETS.mobile,
      ],
      [
        '  FCP / LCP / TBT / CLS',
        `${round(mobile.fcp, 0)} / ${round(mobile.lcp, 0)} / ${round(mobile.tbt, 0)} ms / ${round(mobile.cls, 3)}`,
        '',
        true,
      ],
      [
        'Lighthouse desktop (median)',
        `${round(desktop.score, 0)}`,
        `${TARGETS.desktop}`,
        desktop.score >= TARGETS.desktop,
      ],
      [
        '  FCP / LCP / TBT / CLS',
        `${round(desktop.fcp, 0)} / ${round(desktop.lcp, 0)} / ${round(desktop.tbt, 0)} ms / ${round(desktop.cls, 3)}`,
        '',
        true,
      ],
      [
        'Keystroke to output p50 / p95',
        `${round(keystroke.p50)} / ${round(keystroke.p95)} ms`,
        `p95 ≤ ${TARGETS.keystrokeP95} ms`,
        keystroke.p95 <= TARGETS.keystrokeP95,
      ],
      [
        'Editor ready after Edit (median of 5)',
        `${round(editor.median, 0)} ms`,
        `≤ ${TARGETS.editorMs} ms`,
        editor.median <= TARGETS.editorMs,
      ],
      [
        'generate() default (median)',
        `${round(generateDefault.median, 0)} µs`,
        `≤ ${TARGETS.generateDefaultUs} µs`,
        generateDefault.median <= TARGETS.generateDefaultUs,
      ],
      [
        'generate() 50 buckets, 20 ports (median)',
        `${round(generateLarge.median, 0)} µs`,
        `≤ ${TARGETS.generateLargeUs} µs`,
        generateLarge.median <= TARGETS.generateLargeUs,
      ],
    ]
    const width = [0, 1, 2].map((c) => Math.max(...rows.map((r) => r[c]!.toString().length)))
    console.log(
      `\n${'measure'.padEnd(width[0]!)}  ${'result'.padEnd(width[1]!)}  ${'target'.padEnd(width[2]!)}  met`,
    )
    for (const [name, value, target, met] of rows)
      console.log(
        `${name.padEnd(width[0]!)}  ${value.padEnd(width[1]!)}  ${target.padEnd(width[2]!)}  ${target ? (met ? 'yes' : 'NO') : ''}`,
      )

    const results = {
      date: new Date().toISOString(),
      machine: { cores: (await import('node:os')).cpus().length, node: process.version },
      bytes: {
        initialGzipKiB: kb(bytes.initialGzip),
        initialGzipBytes: bytes.initialGzip,
        initialFiles: bytes.initialFiles,
        idleGzipKiB: kb(bytes.idleGzip),
        idleFiles: bytes.idleFiles,
        monacoGzipKiB: kb(bytes.monacoGzip),
        monacoFiles: bytes.monacoFiles,
      },
      lighthouse: { mobile, desktop },
      keystrokeToOutputMs: { ...keystroke, p50: round(keystroke.p50, 2), p95: round(keystroke.p95, 2) },
      editorReadyMs: editor,
      generateMicros: { default: generateDefault, large: generateLarge },
      targets: TARGETS,
    }
    mkdirSync(join(ROOT, 'bench'), { recursive: true })
    writeFileSync(join(ROOT, 'bench', 'results.json'), `${JSON.stringify(results, null, 2)}\n`)
    console.log('\nwritten: bench/results.json')
  } finally {
    stop()
  }
}

await main()
// The assets list is only informative; make sure the build exists for a second look.
if (!existsSync(DIST) || readdirSync(DIST).length === 0) process.exitCode = 1
