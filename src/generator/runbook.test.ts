import { describe, expect, it } from 'vitest'
import { DEFAULT_CONFIG, readConfig, type WizardConfig } from '../config/schema.ts'
import spanishRunbook from '../i18n/catalogs/es/runbook.json'
import { english } from '../i18n/english.ts'
import { msg, type Message } from '../i18n/message.ts'
import { createTranslator } from '../i18n/translator.ts'
import { loadScenarios } from '../test-support/scenarios.ts'
import { generate } from './generate.ts'
import { buildRunbook, runbookMarkdown, type RunbookStep } from './runbook.ts'
import readmeCases from './runbook-readme.fixture.json'

const config = (partial: Partial<WizardConfig>): WizardConfig => {
  const { config: full, issues } = readConfig({ ...partial, version: DEFAULT_CONFIG.version })
  expect(issues).toEqual([])
  return full
}
const runbookOf = (c: WizardConfig, edited: string[] = []) => buildRunbook(c, generate(c).files, edited)
const step = (steps: RunbookStep[], id: RunbookStep['id']) => steps.find((s) => s.id === id)
const inEnglish = (message: Message) => english.t(message)

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
    expect(iam.actions.map((a) => inEnglish(a.label)).slice(0, 2)).toEqual([
      'Run the setup script',
      'In the AWS console',
    ])
    expect(iam.actions[0]!.command).toBe('bash setup/aws-cli.sh')
    expect(iam.actions[1]!.command).toBeUndefined()
    expect(iam.check).toMatch(/^aws iam get-instance-profile/)
  })

  it('offers to deploy cloudformation/template.yaml instead, with named IAM resources acknowledged', () => {
    const iam = step(
      runbookOf(config({ clusterName: '_web', region: 'eu-west-1', deployerRoleName: 'ci' })),
      'iam',
    )!
    const deploy = iam.actions.find((a) => inEnglish(a.label) === 'Deploy with CloudFormation')!
    expect(deploy.command).toBe(
      'aws cloudformation deploy --template-file cloudformation/template.yaml --stack-name ecs-task-roles-web --capabilities CAPABILITY_NAMED_IAM --no-fail-on-empty-changeset --region eu-west-1',
    )
    expect(deploy.files).toEqual(['cloudformation/template.yaml'])
    expect(deploy.text.map(inEnglish).join(' ')).toMatch(
      /^Instead of setup\/aws-cli\.sh, .* on the role ci\./,
    )
    // An edit of a file the template carries a copy of is pointed out, as for the setup script.
    const notes = step(runbookOf(config({}), ['ec2/user-data.sh']), 'iam')!.notes.map(inEnglish)
    expect(notes).toContain(
      'cloudformation/template.yaml holds its own copy of the generated ec2/user-data.sh, not your edit: make the same edit in the template before you deploy it.',
    )
    const editedToo = step(
      runbookOf(config({}), ['ec2/user-data.sh', 'cloudformation/template.yaml']),
      'iam',
    )!
    expect(editedToo.notes.map(inEnglish).filter((n) => n.startsWith('cloudformation/'))).toEqual([])
    expect(editedToo.notes.map(inEnglish)).toContain(
      'Your edit of cloudformation/template.yaml is what the files hold: check it before use.',
    )
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
    const notes = step(runbookOf(config({}), ['iam/task-role-policy.json']), 'iam')!.notes
    // The infrastructure-as-code files carry copies too: their notes come between these two.
    expect([notes[0], notes.at(-1)]).toEqual([
      msg('runbook.note.setupScriptCarries', {
        script: 'setup/aws-cli.sh',
        paths: 'iam/task-role-policy.json',
      }),
      msg('runbook.note.editedFiles', { paths: 'iam/task-role-policy.json' }),
    ])
    expect(notes).toContainEqual(
      msg('runbook.note.templateCarries', {
        template: 'cloudformation/template.yaml',
        paths: 'iam/task-role-policy.json',
      }),
    )
    expect(english.t(notes[0]!)).toMatch(
      /^setup\/aws-cli\.sh holds its own copy of the generated iam\/task-role-policy\.json, not your edit/,
    )
    expect(step(runbookOf(config({})), 'iam')!.notes).toEqual([])
    // An edited setup script carries whatever the user put in it: only the edit itself is pointed out.
    const both = step(runbookOf(config({}), ['iam/task-role-policy.json', 'setup/aws-cli.sh']), 'iam')!
    expect(both.notes.map((n) => n.key)).not.toContain('runbook.note.setupScriptCarries')
    expect(both.notes.at(-1)).toEqual(
      msg('runbook.note.editedFiles', { paths: 'setup/aws-cli.sh, iam/task-role-policy.json' }),
    )
  })

  it('names the inline policies in the console sentences only when the files exist', () => {
    const sentences = (c: WizardConfig) => step(runbookOf(c), 'iam')!.actions[1]!.text.map(inEnglish)
    expect(sentences(config({ buckets: [] }))).toEqual([
      'Create the role ecsTaskRole with the custom trust policy iam/task-role-trust-policy.json.',
      'Create the role ecsInstanceRole for EC2 with iam/instance-role-trust-policy.json, attach the AWS managed policy AmazonEC2ContainerServiceforEC2Role, and give it the instance profile ecsInstanceRole.',
      "Create the cluster my-cluster, then register ecs/task-definition.json in the task definition's JSON editor.",
    ])
    const withBoth = sentences(config({ configObject: { bucket: 'cfg-bucket', key: 'ecs.config' } }))
    expect(withBoth[0]).toMatch(/ and the inline policy iam\/task-role-policy\.json\.$/)
    expect(withBoth[1]).toMatch(
      /AmazonEC2ContainerServiceforEC2Role and the inline policy iam\/instance-role-policy\.json, and give it/,
    )
  })

  it('words every step in Spanish as well, with the names and paths as they are', () => {
    const spanish = createTranslator('es', spanishRunbook)
    const inSpanish = (message: Message) => spanish.t(message)
    const steps = runbookOf(config({ buckets: [], clusterName: 'prod' }))
    expect(steps.map((s) => inSpanish(s.title))).toContain('Obtenga los archivos')
    const inConsole = step(steps, 'iam')!.actions[1]!
    expect(inSpanish(inConsole.label)).toBe('En la consola de AWS')
    expect(inConsole.text.map(inSpanish)).toEqual([
      'Cree el rol ecsTaskRole con la política de confianza personalizada iam/task-role-trust-policy.json.',
      'Cree el rol ecsInstanceRole para EC2 con iam/instance-role-trust-policy.json, asocie la política administrada de AWS AmazonEC2ContainerServiceforEC2Role y asígnele el perfil de instancia ecsInstanceRole.',
      'Cree el clúster prod y, a continuación, registre ecs/task-definition.json en el editor JSON de la definición de tareas.',
    ])
  })
})

describe('buildRunbook: Fargate, existing roles, the launch template and the service', () => {
  const ids = (steps: RunbookStep[]) => steps.map((s) => s.id)

  it('Fargate has no instance steps: roles, cluster and task definition, then the task', () => {
    const steps = runbookOf(config({ launchType: 'fargate' }))
    expect(ids(steps)).toEqual(['files', 'iam', 'passrole', 'task', 'verify'])
    expect(inEnglish(step(steps, 'iam')!.title)).toBe(
      'Create the roles and the cluster; register the task definition',
    )
    expect(inEnglish(step(steps, 'passrole')!.title)).toBe('Let whoever deploys pass the two roles')
    expect(step(steps, 'task')!.actions[0]!.text.map(inEnglish)).toEqual([
      'After the setup: Fargate starts the task, no instances needed.',
    ])
    const console = step(steps, 'iam')!.actions.find((a) => inEnglish(a.label) === 'In the AWS console')!
    expect(console.text.map(inEnglish)).toEqual([
      'Create the role ecsTaskRole with the custom trust policy iam/task-role-trust-policy.json and the inline policy iam/task-role-policy.json.',
      'Create the task execution role ecsTaskExecutionRole with the custom trust policy iam/execution-role-trust-policy.json, attach the AWS managed policy AmazonECSTaskExecutionRolePolicy.',
      'Create the log group /ecs/my-app in CloudWatch Logs.',
      "Create the cluster my-cluster, then register ecs/task-definition.json in the task definition's JSON editor.",
    ])
  })

  it('checks each existing role first: its trust policy, its policies and (instance role) its profile', () => {
    const steps = runbookOf(
      config({ existingTaskRole: true, existingInstanceRole: true, instanceProfileName: 'ecs-profile' }),
    )
    expect(ids(steps).slice(0, 4)).toEqual(['files', 'existing-role', 'existing-role', 'iam'])
    const [task, instance] = steps.filter((s) => s.id === 'existing-role')
    expect(inEnglish(task!.title)).toBe('Check the existing task role ecsTaskRole')
    expect(task!.actions[0]!.command).toBe(
      [
        'aws iam get-role --role-name ecsTaskRole --query Role.AssumeRolePolicyDocument --region us-east-1',
        'aws iam list-attached-role-policies --role-name ecsTaskRole --region us-east-1',
        'aws iam list-role-policies --role-name ecsTaskRole --region us-east-1',
      ].join('\n'),
    )
    expect(task!.actions[0]!.files).toEqual(['iam/task-role-trust-policy.json'])
    expect(task!.notes).toEqual([])
    expect(inEnglish(instance!.title)).toBe('Check the existing instance role ecsInstanceRole')
    expect(instance!.actions[0]!.command!.split('\n').at(-1)).toBe(
      "aws iam get-instance-profile --instance-profile-name ecs-profile --query 'InstanceProfile.Roles[].RoleName' --region us-east-1",
    )
    expect(instance!.actions[0]!.text.map(inEnglish).join(' ')).toContain(
      'attaches the AWS managed policy AmazonEC2ContainerServiceforEC2Role',
    )
    // The stack cannot attach an AWS managed policy to a role it does not own: the step says what to run.
    expect(instance!.notes.map(inEnglish)).toEqual([
      'CloudFormation cannot attach an AWS managed policy to a role the stack does not create: if you deploy cloudformation/template.yaml, attach AmazonEC2ContainerServiceforEC2Role yourself: aws iam attach-role-policy --role-name ecsInstanceRole --policy-arn arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role',
    ])
    const console = step(steps, 'iam')!.actions.find((a) => inEnglish(a.label) === 'In the AWS console')!
    expect(console.text.map(inEnglish).slice(0, 2)).toEqual([
      'The task role ecsTaskRole exists: leave its trust policy as it is, add iam/task-role-policy.json as an inline policy.',
      'The instance role ecsInstanceRole exists: leave its trust policy as it is, attach the AWS managed policy AmazonEC2ContainerServiceforEC2Role.',
    ])
  })

  it('launches the instances from the launch template; an edit of the user data is not in it', () => {
    const steps = runbookOf(config({}), ['ec2/user-data.sh'])
    const instances = step(steps, 'instances')!
    expect(instances.actions[0]!.command).toBe('bash setup/aws-cli.sh launch-instances')
    expect(instances.actions[0]!.files).toEqual(['setup/aws-cli.sh', 'ec2/launch-template.json'])
    expect(instances.notes.map(inEnglish)[0]).toBe(
      'ec2/launch-template.json holds its own copy of the generated ec2/user-data.sh (Base64-encoded), not your edit: instances launched from the launch template run the generated user data.',
    )
    // The setup script creates the launch template from its own copy too.
    expect(step(steps, 'iam')!.notes[0]).toEqual(
      msg('runbook.note.setupScriptCarries', { script: 'setup/aws-cli.sh', paths: 'ec2/user-data.sh' }),
    )
    // Without a launch template (no AMI parameter, no AMI ID) the user data is launched by hand.
    const al1 = step(runbookOf(config({ ami: 'al1' })), 'instances')!
    expect(al1.actions.map((a) => a.command)).not.toContain('bash setup/aws-cli.sh launch-instances')
  })

  it('creates the service before the one-off task, which becomes optional', () => {
    const chosen = runbookOf(
      config({
        networkMode: 'awsvpc',
        subnets: ['subnet-0123456789abcdef0'],
        service: { name: 'web', desiredCount: 2 },
      }),
    )
    expect(ids(chosen).slice(-3)).toEqual(['service', 'task', 'verify'])
    const service = step(chosen, 'service')!
    expect(inEnglish(service.title)).toBe('Create the service web')
    expect(service.actions.map((a) => a.command)).toEqual([
      'bash setup/aws-cli.sh create-service',
      'aws ecs create-service --cli-input-json file://ecs/service.json --region us-east-1',
    ])
    expect(service.check).toMatch(/^aws ecs describe-services --cluster my-cluster --services web /)
    expect(step(chosen, 'task')!.optional).toBe(true)
    // Without chosen subnets the file lacks the network configuration: no bare command, its usage says why.
    const defaultVpc = step(
      runbookOf(config({ launchType: 'fargate', service: { name: 'web', desiredCount: 1 } })),
      'service',
    )!
    expect(defaultVpc.actions[1]!.command).toBeUndefined()
    expect(inEnglish(defaultVpc.actions[1]!.text[0]!)).toContain('your own call needs that option too')
    expect(step(runbookOf(config({})), 'task')!.optional).toBeUndefined()
  })

  it('words the new steps in Spanish as well', () => {
    const spanish = createTranslator('es', spanishRunbook)
    const steps = runbookOf(
      config({
        launchType: 'fargate',
        existingExecutionRole: true,
        service: { name: 'web', desiredCount: 1 },
      }),
    )
    expect(steps.map((s) => spanish.t(s.title))).toEqual([
      'Obtenga los archivos',
      'Compruebe el rol de ejecución de tareas existente ecsTaskExecutionRole',
      'Cree los roles y el clúster; registre la definición de tareas',
      'Permita que quien implemente transfiera los dos roles',
      'Cree el servicio web',
      'Ejecute una tarea',
      'Compruebe desde dentro de un contenedor de la tarea',
    ])
  })
})

describe('runbookMarkdown', () => {
  it('has the link, the edited files and every step with its command', () => {
    const c = config({ taskRoleName: 'app_role_x__' })
    const text = runbookMarkdown(buildRunbook(c, generate(c).files, ['ec2/ecs.config']), {
      link: 'https://example.org/#/?v=1&taskRoleName=app_role_x__',
      edited: [{ path: 'ec2/ecs.config', note: 're-applied after the configuration changed' }],
      t: inEnglish,
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
    expect(
      runbookMarkdown(buildRunbook(c, generate(c).files), { link: '#/?v=1', edited: [], t: inEnglish }),
    ).toContain('No file was edited')
  })

  // The README as it was written before the runbook became messages (runbook-readme.fixture.json, captured
  // from that code; since then changed only where a step was added, e.g. launching from the launch template):
  // in English it is the same text, byte for byte, whatever language the page is in.
  it.each(readmeCases)('is the same README as before the runbook became messages: $name', (c) => {
    const { config: full, issues } = readConfig(c.config)
    expect(issues).toEqual([])
    const steps = buildRunbook(
      full,
      generate(full).files,
      c.edited.map((e) => e.path),
    )
    expect(runbookMarkdown(steps, { link: c.link, edited: c.edited, t: inEnglish })).toBe(c.readme)
  })
})
