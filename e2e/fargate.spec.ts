// Fargate journeys: the launch type chosen with the keyboard, every question that does not apply gone (AMI,
// host family, instance metadata, instance role, container instances), the task size from Fargate's sizes, a
// private ECR image and a secret that bring the task execution role; every file read through the copy
// fallback and compared with the generator run here in Node, the .zip without ec2/ or host/ files, axe clean,
// and the copied link reopening the same setup.
import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
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
import { englishLeftOnPage, es } from './language.ts'

const BASE_URL = 'http://127.0.0.1:4173/'
const ACCOUNT = '012345678901'
const IMAGE = `${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/my-app:1`
const SECRET = `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:prod/db-password-AbCdEf`
const KMS_KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`

// The journey reads every file, then again in a second page.
test.describe.configure({ timeout: 120_000 })

function expectedFiles(config: Partial<WizardConfig>): Record<string, string> {
  const { config: full, issues } = readConfig(config)
  expect(issues).toEqual([])
  return Object.fromEntries(generate(full, { baseUrl: BASE_URL }).files.map((f) => [f.path, f.text]))
}

/** No serious or critical axe violation on the page as it is. */
async function expectAxeClean(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze()
  expect(
    violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`),
  ).toEqual([])
}

/** A select's options are exactly these texts (waiting for a lazily loaded step to render). */
const expectOptions = (page: Page, label: string, texts: string[]) =>
  expect(page.getByLabel(label, { exact: true }).locator('option')).toHaveText(texts)

/** The output's tab groups that only a setup with container instances has. */
async function expectNoInstanceTabs(page: Page) {
  const files = page.getByRole('navigation', { name: 'Files' })
  await expect(files.getByRole('tab', { name: 'task-definition.json' })).toBeVisible()
  await expect(files.getByRole('tablist', { name: 'EC2 launch' })).toHaveCount(0)
  await expect(files.getByRole('tablist', { name: 'Host' })).toHaveCount(0)
}

test('Fargate Linux journey: task size, public IP, KMS bucket, private ECR image and a secret', async ({
  page,
}) => {
  await withoutClipboard(page)
  await page.goto('/')

  await chooseWithKeyboard(page, 'Launch type', 'Fargate')
  // Linux on Fargate has no AMI or host to choose.
  await expect(page.getByLabel('AMI', { exact: true })).toHaveCount(0)
  await expect(page.getByLabel('Host family', { exact: true })).toHaveCount(0)
  await expect(page.getByRole('button', { name: 'Fargate Linux' })).toHaveAttribute('aria-pressed', 'true')
  // The smallest Linux size is what an absent CPU means; each CPU offers only the memory it allows.
  await expect(page.getByLabel('Task CPU units', { exact: true })).toHaveValue('256')
  await expectOptions(page, 'Task memory (MiB)', ['512 (0.5 GB)', '1024 (1 GB)', '2048 (2 GB)'])
  await chooseWithKeyboard(page, 'Task CPU units', '1024')
  await expect(page.getByLabel('Task memory (MiB)', { exact: true })).toHaveValue('2048')
  await expect(page.getByLabel('Task memory (MiB)', { exact: true }).locator('option')).toHaveCount(7)
  await chooseWithKeyboard(page, 'Task memory (MiB)', '4096')
  await expectAxeClean(page)
  await nextStep(page, 'Network')

  await expectOptions(page, 'Network mode', ['awsvpc (an ENI per task)'])
  await expect(page.getByLabel('Block instance metadata', { exact: true })).toHaveCount(0)
  await expect(page.getByText('No instance metadata question')).toBeVisible()
  await typeInto(page, 'Subnets', 'subnet-0123456789abcdef0')
  const publicIp = page.getByLabel('Assign a public IP address', { exact: true })
  await expect(publicIp).toHaveAccessibleDescription(/public subnet without a NAT gateway/)
  await publicIp.focus()
  await page.keyboard.press('Space')
  await expect(publicIp).toBeChecked()
  await expectAxeClean(page)
  await nextStep(page, 'Access')

  const bucket = page.getByRole('group', { name: 'Bucket 1' })
  await typeInto(page, 'Bucket name', 'app-data', bucket)
  await typeInto(page, 'KMS key ARN (SSE-KMS)', KMS_KEY, bucket)
  await expect(bucket.getByLabel('KMS key ARN (SSE-KMS)', { exact: true })).toHaveAccessibleDescription(
    /gets kms:Decrypt on that key, only through S3/,
  )
  // Nothing on Fargate reads an ecs.config object.
  await expect(page.getByRole('group', { name: 'Agent configuration from S3' })).toHaveCount(0)
  await nextStep(page, 'Names')

  await typeInto(page, 'Account ID', ACCOUNT)
  await typeInto(page, 'Cluster name', 'fargate-web')
  const roles = page.getByRole('group', { name: 'Roles' })
  await expect(roles.getByRole('group', { name: 'Instance role' })).toHaveCount(0)
  await expect(page.getByLabel('Instance profile name', { exact: true })).toHaveCount(0)
  await expect(page.getByRole('group', { name: 'Container instances' })).toHaveCount(0)
  // awslogs is on by default on Fargate: the execution role is already there, and says why.
  const execution = roles.getByRole('group', { name: 'Task execution role' })
  await expect(execution).toContainText('this task gets one to write the logs to CloudWatch.')
  await typeInto(page, 'Image', IMAGE)
  await expect(execution).toContainText(
    'this task gets one to pull the private ECR image and write the logs to CloudWatch.',
  )
  await page.getByRole('button', { name: 'Add a secret' }).focus()
  await page.keyboard.press('Enter')
  const secret = page.getByRole('group', { name: 'Secret 1' })
  await expect(secret.getByLabel('Environment variable', { exact: true })).toBeFocused()
  await typeInto(page, 'Environment variable', 'DB_PASSWORD', secret)
  await typeInto(page, 'Secret or parameter ARN', SECRET, secret)
  await expect(execution).toContainText(
    'pull the private ECR image, write the logs to CloudWatch, and read the secrets.',
  )
  await expectAxeClean(page)
  await nextStep(page, 'Review')
  await expect(page.getByText('Fargate, Linux: 1024 CPU units, 4096 MiB')).toBeVisible()
  await expect(page.getByText('awsvpc mode; no instance metadata to reach (Fargate)')).toBeVisible()
  await expectAxeClean(page)

  const fargate = readConfig({ launchType: 'fargate' }).config
  const expected = expectedFiles({
    launchType: 'fargate',
    subnets: ['subnet-0123456789abcdef0'],
    assignPublicIp: true,
    accountId: ACCOUNT,
    clusterName: 'fargate-web',
    buckets: [{ name: 'app-data', access: 'read', kmsKeyArn: KMS_KEY }],
    task: {
      ...fargate.task,
      cpu: 1024,
      memory: 4096,
      image: IMAGE,
      secrets: [{ name: 'DB_PASSWORD', valueFrom: SECRET }],
    },
  })
  const paths = Object.keys(expected)
  expect(paths).toContain('iam/execution-role-trust-policy.json')
  expect(paths).toContain('iam/execution-role-policy.json')
  expect(paths.filter((p) => /^(ec2|host)\//.test(p) || p.startsWith('iam/instance-'))).toEqual([])
  await expectNoInstanceTabs(page)
  const files = await readAllFiles(page)
  expect(files).toEqual(expected)

  const taskDefinition = JSON.parse(files['ecs/task-definition.json']!) as Record<string, unknown>
  expect(taskDefinition).toMatchObject({
    requiresCompatibilities: ['FARGATE'],
    networkMode: 'awsvpc',
    cpu: '1024',
    memory: '4096',
    executionRoleArn: `arn:aws:iam::${ACCOUNT}:role/ecsTaskExecutionRole`,
    containerDefinitions: [{ image: IMAGE, secrets: [{ name: 'DB_PASSWORD', valueFrom: SECRET }] }],
  })
  expect(files['iam/execution-role-policy.json']).toContain('secretsmanager:GetSecretValue')
  expect(files['iam/task-role-policy.json']).toContain(KMS_KEY)

  // Download all: the same files, none for container instances.
  const zip = await download(page, page.getByRole('button', { name: 'Download all (.zip)' }))
  const unpacked = unzipSetup(zip.bytes)
  expect(unpacked.files).toEqual(files)
  expect(Object.keys(unpacked.files).filter((p) => p.startsWith('ec2/'))).toEqual([])

  // The link holds the whole Fargate setup: another page shows the same steps and the same files.
  await page.getByRole('button', { name: 'Copy link' }).click()
  const field = page.getByRole('textbox', { name: 'Link to this configuration' })
  await expect(field).toBeFocused()
  const link = await field.inputValue()
  expect(link).toContain('launchType=fargate')
  expect(link).toContain('task.cpu=1024')
  expect(unpacked.readme).toContain(link)
  const other = await page.context().newPage()
  await withoutClipboard(other)
  await other.goto(link)
  await expect(other.getByRole('heading', { name: 'Generated files' })).toBeVisible()
  await other.getByRole('button', { name: '1 Platform' }).click()
  await expect(other.getByLabel('Launch type', { exact: true })).toHaveValue('fargate')
  await expect(other.getByLabel('Task CPU units', { exact: true })).toHaveValue('1024')
  await expect(other.getByLabel('Task memory (MiB)', { exact: true })).toHaveValue('4096')
  await expectNoInstanceTabs(other)
  expect(await readAllFiles(other)).toEqual(files)
  const otherZip = await download(other, other.getByRole('button', { name: 'Download all (.zip)' }))
  expect(otherZip.bytes.equals(zip.bytes)).toBe(true)
  await other.close()
})

test('Fargate Windows: only the releases Fargate runs, Windows task sizes, no host files', async ({
  page,
}) => {
  await page.goto('/')
  await chooseWithKeyboard(page, 'Operating system', 'Windows')
  await chooseWithKeyboard(page, 'Launch type', 'Fargate')
  await expect(page.getByLabel('AMI', { exact: true })).toHaveCount(0)
  const release = page.getByLabel('Windows Server release', { exact: true })
  await expect(release).toHaveValue('windows-2022')
  await expectOptions(page, 'Windows Server release', ['Windows Server 2022', 'Windows Server 2019'])
  await chooseWithKeyboard(page, 'Windows Server release', 'Windows Server 2019')
  await expectOptions(page, 'Task CPU units', ['1024 (1 vCPU)', '2048 (2 vCPU)', '4096 (4 vCPU)'])
  await expect(page.getByLabel('Task memory (MiB)', { exact: true })).toHaveValue('2048')
  await expectAxeClean(page)

  await page.getByRole('tab', { name: 'task-definition.json' }).click()
  const panel = page.getByRole('tabpanel')
  await expect(panel).toContainText('"operatingSystemFamily": "WINDOWS_SERVER_2019_CORE"')
  await expect(panel).toContainText('"cpu": "1024"')
  // The image follows the release, as on EC2.
  await expect(panel).toContainText('ltsc2019')
  await expectNoInstanceTabs(page)
  await expect(page.getByRole('tab', { name: 'verify-credentials.ps1' })).toBeVisible()

  // A link to a release Fargate does not run keeps it listed, with its error at the field.
  await page.goto('/#/?v=1&os=windows&launchType=fargate&ami=windows-2016')
  await expect(release).toHaveValue('windows-2016')
  await expect(release).toHaveAttribute('aria-invalid', 'true')
  await expect(page.getByRole('button', { name: /^1 Platform\s*, has errors$/ })).toBeVisible()
})

test('back to EC2: the instance questions return; an existing role may be named by its ARN', async ({
  page,
}) => {
  await page.goto('/#/?v=1&launchType=fargate')
  await page.getByRole('button', { name: 'Linux bridge on ECS-optimized AL2023' }).click()
  await expect(page.getByLabel('Launch type', { exact: true })).toHaveValue('ec2')
  await expect(page.getByLabel('AMI', { exact: true })).toBeVisible()
  await expect(page.getByRole('tab', { name: 'user-data.sh' })).toBeVisible()
  await page.getByRole('button', { name: '4 Names' }).click()
  await expect(page.getByRole('group', { name: 'Container instances' })).toBeVisible()
  await expect(page.getByLabel('Instance role name', { exact: true })).toBeVisible()
  // EC2 defaults: a public image, no logs, no secrets: no execution role.
  await expect(page.getByText('No task execution role: this task needs none')).toBeVisible()

  // An ARN names a role that exists: refused until "Use an existing task role" is ticked, then used.
  const arn = `arn:aws:iam::111122223333:role/app/web-task`
  await typeInto(page, 'Task role name', arn)
  const name = page.getByLabel('Task role name', { exact: true })
  await expect(name).toHaveAttribute('aria-invalid', 'true')
  await expect(name).toHaveAccessibleDescription(/tick “use an existing role”/)
  await page.getByLabel('Use an existing task role', { exact: true }).check()
  await expect(name).not.toHaveAttribute('aria-invalid')
  await expect(name).toHaveValue(arn)
  await page.getByRole('tab', { name: 'task-definition.json' }).click()
  await expect(page.getByRole('tabpanel')).toContainText(`"taskRoleArn": "${arn}"`)
  await expect(page).toHaveURL(/existingTaskRole=true/)
  // Cleared again, the ARN stays in the field with its message, and the files use a name.
  await page.getByLabel('Use an existing task role', { exact: true }).uncheck()
  await expect(name).toHaveValue(arn)
  await expect(name).toHaveAttribute('aria-invalid', 'true')
  await expect(page.getByRole('tabpanel')).toContainText(
    '"taskRoleArn": "arn:aws:iam::111122223333:role/ecsTaskRole"',
  )

  // A service, on request.
  await page.getByLabel('Create a service', { exact: true }).check()
  await expect(page.getByLabel('Service name', { exact: true })).toHaveValue('my-app-service')
  await expect(page.getByRole('tab', { name: 'service.json' })).toBeVisible()
  await expectAxeClean(page)
})

test.describe(() => {
  test.use({ locale: 'es-ES' })

  test('a Fargate Windows setup in Spanish: every step, with secrets, KMS, an existing role and a service', async ({
    page,
  }) => {
    await page.goto(
      `/#/?v=1&os=windows&launchType=fargate&ami=windows-2019&accountId=${ACCOUNT}&existingTaskRole=true` +
        `&task.image=${encodeURIComponent(IMAGE)}&task.secrets.0.name=DB&task.secrets.0.valueFrom=${SECRET}` +
        `&buckets.0.kmsKeyArn=${KMS_KEY}&service.name=web&service.desiredCount=2&assignPublicIp=true`,
    )
    await expect(page.locator('html')).toHaveAttribute('lang', 'es')
    const steps = ['platform', 'network', 'access', 'names', 'review'] as const
    for (const [i, step] of steps.entries()) {
      const name = es(`wizard.step.${step}`)
      await page.getByRole('button', { name: new RegExp(`^${i + 1} ${name}`) }).click()
      await expect(page.getByRole('heading', { name, level: 2 })).toBeVisible()
      if (step === 'platform')
        await expect(page.getByLabel(es('wizard.platform.windowsRelease'), { exact: true })).toBeVisible()
      if (step === 'names')
        await expect(page.getByRole('group', { name: es('wizard.roles.execution') })).toBeVisible()
      expect(await englishLeftOnPage(page), `English words on the Spanish page (${step})`).toEqual([])
      await expectAxeClean(page)
    }
  })
})
