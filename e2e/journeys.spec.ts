// One journey per OS: every step filled by label with the keyboard, every artifact read through the copy
// fallback and Download (see helpers.ts) and compared with the generator run here in Node, the link copied
// (through the fallback) and opened in a new page, where the files and the .zip are byte-identical.
import { readConfig, type WizardConfig } from '../src/config/schema.ts'
import { generate } from '../src/generator/generate.ts'
import { expect, test } from './fixtures.ts'
import {
  chooseWithKeyboard,
  download,
  nextStep,
  readAllFiles,
  typeInto,
  unzipSetup,
  withoutClipboard,
} from './helpers.ts'

const BASE_URL = 'http://127.0.0.1:4173/'

// Each journey downloads every file twice, one by one.
test.describe.configure({ timeout: 120_000 })

function expectedFiles(config: Partial<WizardConfig>): Record<string, string> {
  const { config: full, issues } = readConfig(config)
  expect(issues).toEqual([])
  return Object.fromEntries(generate(full, { baseUrl: BASE_URL }).files.map((f) => [f.path, f.text]))
}

async function copyLinkThroughFallback(page: import('@playwright/test').Page): Promise<string> {
  await page.getByRole('button', { name: 'Copy link' }).click()
  const field = page.getByRole('textbox', { name: 'Link to this configuration' })
  await expect(field).toBeFocused()
  return field.inputValue()
}

async function expectSameDownloadsInNewPage(
  page: import('@playwright/test').Page,
  link: string,
  files: Record<string, string>,
) {
  const zip = await download(page, page.getByRole('button', { name: 'Download all (.zip)' }))
  expect(zip.name).toBe('ecs-task-role-setup.zip')
  // One folder: the files as shown, and README.md with the steps and the link that produced them.
  const unpacked = unzipSetup(zip.bytes)
  expect(unpacked.files).toEqual(files)
  expect(unpacked.readme).toContain(link)
  expect(unpacked.readme).toContain('No file was edited')
  const other = await page.context().newPage()
  await withoutClipboard(other)
  await other.goto(link)
  await expect(other.getByRole('heading', { name: 'Generated files' })).toBeVisible()
  expect(await readAllFiles(other)).toEqual(files)
  const otherZip = await download(other, other.getByRole('button', { name: 'Download all (.zip)' }))
  expect(otherZip.bytes.equals(zip.bytes)).toBe(true)
  await other.close()
}

test('Linux journey: hand-started agent on a Debian host, two buckets', async ({ page }) => {
  await withoutClipboard(page)
  await page.goto('/')

  await chooseWithKeyboard(page, 'Operating system', 'Linux')
  await chooseWithKeyboard(page, 'AMI', 'Linux with the agent started by hand')
  await chooseWithKeyboard(page, 'Host family', 'Debian-like')
  await nextStep(page, 'Network')

  await chooseWithKeyboard(page, 'Network mode', 'bridge')
  await expect(page.getByLabel('Block instance metadata')).toBeChecked()
  await nextStep(page, 'Access')

  const first = page.getByRole('group', { name: 'Bucket 1' })
  await typeInto(page, 'Bucket name', 'web-assets', first)
  await chooseWithKeyboard(page, 'Access', 'read-write', first)
  await typeInto(page, 'Key prefix', 'uploads/', first)
  await page.getByRole('button', { name: 'Add a bucket' }).focus()
  await page.keyboard.press('Enter')
  const second = page.getByRole('group', { name: 'Bucket 2' })
  await typeInto(page, 'Bucket name', 'web-logs', second)
  await chooseWithKeyboard(page, 'Access', 'write', second)
  await typeInto(page, 'Key prefix', 'app/', second)
  await nextStep(page, 'Names')

  await typeInto(page, 'Region', 'eu-west-1')
  await typeInto(page, 'Account ID', '012345678901')
  await typeInto(page, 'Cluster name', 'prod-web')
  await typeInto(page, 'Task role name', 'webTaskRole')
  await typeInto(page, 'Instance role name', 'webInstanceRole')
  await nextStep(page, 'Review')
  await expect(
    page.getByText('cluster prod-web, account 012345678901, eu-west-1 (aws partition)'),
  ).toBeVisible()

  const expected = expectedFiles({
    ami: 'manual-agent',
    hostFamily: 'debian',
    region: 'eu-west-1',
    accountId: '012345678901',
    clusterName: 'prod-web',
    taskRoleName: 'webTaskRole',
    instanceRoleName: 'webInstanceRole',
    buckets: [
      { name: 'web-assets', access: 'read-write', prefix: 'uploads/' },
      { name: 'web-logs', access: 'write', prefix: 'app/' },
    ],
  })
  expect(Object.keys(expected)).toContain('host/run-agent.sh')
  const files = await readAllFiles(page)
  expect(files).toEqual(expected)

  const link = await copyLinkThroughFallback(page)
  expect(link).toBe(
    `${BASE_URL}#/?v=1&ami=manual-agent&hostFamily=debian&region=eu-west-1&accountId=012345678901&clusterName=prod-web&taskRoleName=webTaskRole&instanceRoleName=webInstanceRole&buckets.0.name=web-assets&buckets.0.access=read-write&buckets.0.prefix=uploads%2F&buckets.1.name=web-logs&buckets.1.access=write&buckets.1.prefix=app%2F`,
  )
  await expectSameDownloadsInNewPage(page, link, files)
})

test('Windows journey: Windows Server 2019, default (NAT) mode, GovCloud', async ({ page }) => {
  await withoutClipboard(page)
  await page.goto('/')

  await chooseWithKeyboard(page, 'Operating system', 'Windows')
  await chooseWithKeyboard(page, 'AMI', 'ECS-optimized Windows Server 2019')
  await nextStep(page, 'Network')

  await chooseWithKeyboard(page, 'Network mode', 'default')
  await page.getByLabel('Block instance metadata').focus()
  await page.keyboard.press('Space')
  await expect(page.getByLabel('Block instance metadata')).not.toBeChecked()
  await nextStep(page, 'Access')

  const first = page.getByRole('group', { name: 'Bucket 1' })
  await typeInto(page, 'Bucket name', 'gov-reports', first)
  await typeInto(page, 'Key prefix', "team's (2026)/", first)
  await nextStep(page, 'Names')

  await typeInto(page, 'Region', 'us-gov-west-1')
  await typeInto(page, 'Account ID', '000000000042')
  await typeInto(page, 'Cluster name', 'windows')
  await typeInto(page, 'Task role name', 'iisTaskRole')
  await typeInto(page, 'Instance role name', 'ecsInstanceRole')
  await typeInto(page, 'Container port', '80', page.getByRole('group', { name: 'Port mapping 1' }))
  await typeInto(page, 'Host port', '8080', page.getByRole('group', { name: 'Port mapping 1' }))
  await nextStep(page, 'Review')

  const expected = expectedFiles({
    os: 'windows',
    ami: 'windows-2019',
    networkMode: 'default',
    blockInstanceMetadata: false,
    region: 'us-gov-west-1',
    accountId: '000000000042',
    clusterName: 'windows',
    taskRoleName: 'iisTaskRole',
    buckets: [{ name: 'gov-reports', access: 'read', prefix: "team's (2026)/" }],
    // The OS and AMI controls bring the image along: IIS built for Windows Server 2019.
    task: {
      ...readConfig({ os: 'windows', ami: 'windows-2019' }).config.task,
      portMappings: [{ containerPort: 80, hostPort: 8080 }],
    },
  })
  expect(Object.keys(expected)).toContain('container/bootstrap-routes.ps1')
  const files = await readAllFiles(page)
  expect(files).toEqual(expected)
  expect(files['ec2/user-data.ps1']).toContain("Initialize-ECSAgent -Cluster 'windows' -EnableTaskIAMRole")
  expect(files['iam/task-role-policy.json']).toContain("arn:aws-us-gov:s3:::gov-reports/team's (2026)/*")

  const link = await copyLinkThroughFallback(page)
  expect(link).toContain('accountId=000000000042')
  await expectSameDownloadsInNewPage(page, link, files)
})

test('the copy button copies the file text when the clipboard works', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'])
  await page.goto('/#/?v=1&clusterName=copy-me')
  await page.getByRole('tab', { name: 'ecs.config' }).click()
  await page.getByRole('button', { name: 'Copy', exact: true }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Copied ec2/ecs.config' })).toBeAttached()
  expect(await page.evaluate(() => navigator.clipboard.readText())).toContain('ECS_CLUSTER=copy-me\n')
})
