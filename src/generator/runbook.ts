// The runbook: what to do with the generated files, as numbered steps, each with its command (or the file
// to paste) and, where there is more than one way, the alternatives under the step. Pure data, built from
// the files and the config; the page's Apply view and the zip's README.md both render it, so they cannot
// disagree. Facts stay with the files that carry them: the texts below point at a file's own usage. Every
// text is a message (catalogs/*/runbook.json): the page shows it in the reader's language, the README in
// English; commands, names and paths are parameters and stay as they are.
import type { WizardConfig } from '../config/schema.ts'
import { msg, type Message } from '../i18n/message.ts'
import { attachManagedPolicyCommand, existingRoleCheckCommand } from './artifacts/aws-cli.ts'
import { deployCommandFor } from './artifacts/cloudformation-commands.ts'
import { plan as planOf, type RolePlan, type SetupPlan } from './plan.ts'
import type { Artifact, ArtifactPath } from './types.ts'

/** The folder the zip unpacks to, and the zip's own name. */
export const SETUP_FOLDER = 'ecs-task-role-setup'

/** One way to do a step: a command to run, or files to paste where the text says. */
export interface RunbookAction {
  label: Message
  /** What to do: one or more sentences, shown in this order (a file's own usage among them). */
  text: readonly Message[]
  /** Run from the unpacked folder; one or more lines. */
  command?: string
  /** The files this action uses, in the order they are used. */
  files: ArtifactPath[]
}

export interface RunbookStep {
  id:
    | 'files'
    | 'existing-role'
    | 'iam'
    | 'passrole'
    | 'instances'
    | 'routes'
    | 'service'
    | 'task'
    | 'verify'
    | 'recover'
  title: Message
  /** One action, or alternatives: any one of them does the step. */
  actions: RunbookAction[]
  /** A command that shows the step worked. */
  check?: string
  /** Only for the situation the title names. */
  optional?: boolean
  /** What the user should know before doing the step, e.g. which of their edits a script does not carry. */
  notes: Message[]
}

/** The policies and the task definition: every file that sets things up (script, template) holds its own copy. */
const POLICIES_AND_TASK_DEFINITION: readonly ArtifactPath[] = [
  'iam/task-role-trust-policy.json',
  'iam/task-role-policy.json',
  'iam/execution-role-trust-policy.json',
  'iam/execution-role-policy.json',
  'iam/instance-role-trust-policy.json',
  'iam/instance-role-policy.json',
  'iam/passrole-policy.json',
  'ecs/task-definition.json',
]

/**
 * Files whose generated text setup/aws-cli.sh carries inside itself (heredocs), so an edit of them is not in it.
 * The user data is in it too when there is a launch template: Base64-encoded in the launch template data.
 */
const CARRIED_BY_SETUP_SCRIPT: readonly ArtifactPath[] = [
  ...POLICIES_AND_TASK_DEFINITION,
  'ecs/run-task-overrides.json',
  'ecs/service.json',
  'ec2/launch-template.json',
]
const USER_DATA: readonly ArtifactPath[] = ['ec2/user-data.sh', 'ec2/user-data.ps1']

/** Each role's trust policy file, and what its wizard role is called in the runbook's sentences. */
const ROLE_FILES = {
  task: { trustPolicy: 'iam/task-role-trust-policy.json', inlinePolicy: 'iam/task-role-policy.json' },
  execution: {
    trustPolicy: 'iam/execution-role-trust-policy.json',
    inlinePolicy: 'iam/execution-role-policy.json',
  },
  instance: {
    trustPolicy: 'iam/instance-role-trust-policy.json',
    inlinePolicy: 'iam/instance-role-policy.json',
  },
} as const satisfies Record<string, { trustPolicy: ArtifactPath; inlinePolicy: ArtifactPath }>

type RoleKind = keyof typeof ROLE_FILES

/** The plan's roles, by kind, in the order they are set up. */
function rolesOf(setup: SetupPlan): [RoleKind, RolePlan][] {
  return [
    ['task', setup.taskRole],
    ...(setup.executionRole ? [['execution', setup.executionRole] as [RoleKind, RolePlan]] : []),
    ...(setup.instances ? [['instance', setup.instances.role] as [RoleKind, RolePlan]] : []),
  ]
}

/**
 * Files whose generated text cloudformation/template.yaml and terraform/main.tf each carry inside
 * themselves (policies, task definition, user data); the pass-role policy only when it goes on a
 * deployer role (without one, neither holds it).
 */
const CARRIED_BY_IAC: readonly ArtifactPath[] = [
  ...POLICIES_AND_TASK_DEFINITION,
  'ec2/user-data.sh',
  'ec2/user-data.ps1',
]

export function buildRunbook(
  config: WizardConfig,
  files: readonly Artifact[],
  /** Paths of the files the user edited: steps that use them say so. */
  edited: readonly string[] = [],
): RunbookStep[] {
  const file = (path: ArtifactPath) => files.find((f) => f.path === path)
  const has = (path: ArtifactPath) => file(path) !== undefined
  const present = (...paths: ArtifactPath[]) => paths.filter(has)
  const steps: RunbookStep[] = []
  const editedIn = (paths: readonly ArtifactPath[]) => paths.filter((p) => edited.includes(p))
  // Paths are joined with commas as they always were: they are names, the same in every language.
  const paths = (list: readonly ArtifactPath[]) => list.join(', ')
  const editNote = (list: readonly ArtifactPath[]) => {
    const mine = editedIn(list)
    return mine.length > 0 ? [msg('runbook.note.editedFiles', { paths: paths(mine) })] : []
  }
  const setupScript = msg('runbook.action.setupScript.label')
  // The files exist only for a valid config, and then the plan is the one they were rendered from.
  if (files.length === 0) return []
  const setup = planOf(config)
  const fargate = setup.launchType === 'FARGATE'
  const launchType = fargate ? 'fargate' : 'ec2'
  const launchTemplate = setup.instances?.launchTemplate

  steps.push({
    id: 'files',
    title: msg('runbook.files.title'),
    actions: [
      {
        label: msg('runbook.files.downloadAll.label'),
        text: [msg('runbook.files.downloadAll.text', { folder: SETUP_FOLDER, readme: 'README.md' })],
        command: `unzip ${SETUP_FOLDER}.zip && cd ${SETUP_FOLDER}`,
        files: [],
      },
    ],
    notes: [],
  })

  // An existing role is not created or changed by anything here: first compare it with what this setup needs.
  for (const [kind, role] of rolesOf(setup).filter(([, r]) => r.existing)) {
    const paths = ROLE_FILES[kind]
    const managed = role.managedPolicies[0]
    const profile = kind === 'instance' ? setup.instances?.profile.name : undefined
    const template = has('cloudformation/template.yaml')
    steps.push({
      id: 'existing-role',
      title: msg('runbook.existingRole.title', { kind, role: role.name }),
      actions: [
        {
          label: msg('runbook.existingRole.cli.label'),
          text: [
            msg('runbook.existingRole.trust', { trustPolicy: paths.trustPolicy }),
            msg('runbook.existingRole.policies', {
              inline: has(paths.inlinePolicy) ? 'yes' : 'no',
              inlinePolicy: paths.inlinePolicy,
              managed: managed ? 'yes' : 'no',
              managedPolicy: managed?.name ?? '',
            }),
            ...(profile
              ? [msg('runbook.existingRole.profile', { instanceProfile: profile, role: role.name })]
              : []),
          ],
          command: existingRoleCheckCommand(role, setup.region, profile),
          files: [paths.trustPolicy],
        },
      ],
      notes:
        template && managed
          ? [
              msg('runbook.existingRole.note.cloudFormation', {
                template: 'cloudformation/template.yaml',
                managedPolicy: managed.name,
                command: attachManagedPolicyCommand(role.name, managed.arn),
              }),
            ]
          : [],
    })
  }

  const iamFiles = present(
    'iam/task-role-trust-policy.json',
    'iam/task-role-policy.json',
    'iam/execution-role-trust-policy.json',
    'iam/execution-role-policy.json',
    'iam/instance-role-trust-policy.json',
    'iam/instance-role-policy.json',
    'ecs/task-definition.json',
  )
  const script = file('setup/aws-cli.sh')
  const carriedBySetupScript = [...CARRIED_BY_SETUP_SCRIPT, ...(launchTemplate ? USER_DATA : [])]
  const carriedEdits = editedIn(carriedBySetupScript.filter(has))
  const iacCarriedEdits = editedIn(
    CARRIED_BY_IAC.filter(
      (p) => has(p) && (p !== 'iam/passrole-policy.json' || config.deployerRoleName !== undefined),
    ),
  )
  const templateCarriedEdits = has('cloudformation/template.yaml') ? iacCarriedEdits : []
  const terraformCarriedEdits = has('terraform/main.tf') ? iacCarriedEdits : []
  // `inline` says whether the role also gets its inline policy: one sentence either way (yes / no).
  const inline = (path: ArtifactPath) => ({ inline: has(path) ? 'yes' : 'no', inlinePolicy: path })
  const consoleText = rolesOf(setup).map(([kind, role]) => {
    const managed = role.managedPolicies[0]
    const common = {
      kind,
      role: role.name,
      trustPolicy: ROLE_FILES[kind].trustPolicy,
      ...inline(ROLE_FILES[kind].inlinePolicy),
      managed: managed ? 'yes' : 'no',
      managedPolicy: managed?.name ?? '',
      instanceProfile: setup.instances?.profile.name ?? '',
    }
    if (role.existing) return msg('runbook.iam.console.existingRole', common)
    if (kind === 'task') return msg('runbook.iam.console.taskRole', common)
    if (kind === 'execution') return msg('runbook.iam.console.executionRole', common)
    return msg('runbook.iam.console.instanceRole', common)
  })
  if (setup.logGroup) consoleText.push(msg('runbook.iam.console.logGroup', { logGroup: setup.logGroup.name }))
  consoleText.push(
    msg('runbook.iam.console.cluster', {
      cluster: config.clusterName,
      taskDefinition: 'ecs/task-definition.json',
    }),
  )
  steps.push({
    id: 'iam',
    title: msg('runbook.iam.title', { launchType }),
    actions: [
      ...(script
        ? [
            {
              label: setupScript,
              text: [msg('runbook.iam.setupScript.text', { accountId: config.accountId })],
              command: 'bash setup/aws-cli.sh',
              files: ['setup/aws-cli.sh' as const],
            },
          ]
        : []),
      { label: msg('runbook.iam.console.label'), text: consoleText, files: iamFiles },
      ...(has('cloudformation/template.yaml')
        ? [
            {
              label: msg('runbook.iam.cloudFormation.label'),
              text: [
                msg('runbook.iam.cloudFormation.text', {
                  launchType,
                  accountId: config.accountId,
                  script: 'setup/aws-cli.sh',
                  withDeployer: config.deployerRoleName ? 'yes' : 'no',
                  deployer: config.deployerRoleName ?? '',
                }),
              ],
              command: deployCommandFor(setup),
              files: ['cloudformation/template.yaml' as const],
            },
          ]
        : []),
      ...(has('terraform/main.tf')
        ? [
            {
              label: msg('runbook.iam.terraform.label'),
              text: [
                msg('runbook.iam.terraform.text', {
                  launchType,
                  accountId: config.accountId,
                  script: 'setup/aws-cli.sh',
                  withDeployer: config.deployerRoleName ? 'yes' : 'no',
                  deployer: config.deployerRoleName ?? '',
                }),
              ],
              command: 'cd terraform && terraform init && terraform apply',
              files: ['terraform/main.tf' as const],
            },
          ]
        : []),
    ],
    check: script?.check,
    notes: [
      ...(carriedEdits.length > 0 && !edited.includes('setup/aws-cli.sh')
        ? [msg('runbook.note.setupScriptCarries', { script: 'setup/aws-cli.sh', paths: paths(carriedEdits) })]
        : []),
      ...(templateCarriedEdits.length > 0 && !edited.includes('cloudformation/template.yaml')
        ? [
            msg('runbook.note.templateCarries', {
              template: 'cloudformation/template.yaml',
              paths: paths(templateCarriedEdits),
            }),
          ]
        : []),
      ...(terraformCarriedEdits.length > 0 && !edited.includes('terraform/main.tf')
        ? [
            msg('runbook.note.terraformCarries', {
              file: 'terraform/main.tf',
              paths: paths(terraformCarriedEdits),
            }),
          ]
        : []),
      ...editNote([
        'setup/aws-cli.sh',
        ...iamFiles,
        ...present('cloudformation/template.yaml', 'terraform/main.tf'),
      ]),
    ],
  })

  const passRole = file('iam/passrole-policy.json')
  if (passRole)
    steps.push({
      id: 'passrole',
      title: msg('runbook.passrole.title', { roles: rolesOf(setup).length }),
      actions: [
        config.deployerRoleName
          ? {
              label: msg('runbook.passrole.setupScript.label'),
              text: [
                msg('runbook.passrole.setupScript.text', {
                  script: 'setup/aws-cli.sh',
                  policy: 'iam/passrole-policy.json',
                  role: config.deployerRoleName,
                }),
              ],
              files: ['iam/passrole-policy.json'],
            }
          : {
              label: msg('runbook.passrole.console.label'),
              text: [msg('runbook.passrole.console.text', { policy: 'iam/passrole-policy.json' })],
              files: ['iam/passrole-policy.json'],
            },
      ],
      notes: editNote(['iam/passrole-policy.json']),
    })

  const userDataSh = file('ec2/user-data.sh')
  const userDataPs1 = file('ec2/user-data.ps1')
  const iptables = file('host/iptables.sh')
  const runAgent = file('host/run-agent.sh')
  const ecsConfig = file('ec2/ecs.config')
  const templateFile = file('ec2/launch-template.json')
  // Launching from the launch template: the setup script's command, whichever way the template was created
  // (the script, the CloudFormation stack or Terraform: the same name).
  const launchFromTemplate: RunbookAction[] =
    templateFile && launchTemplate && script
      ? [
          {
            label: msg('runbook.instances.launchTemplate.label'),
            text: [
              msg('runbook.instances.launchTemplate.text', {
                template: launchTemplate.name,
                count: launchTemplate.count,
                file: 'ec2/launch-template.json',
              }),
            ],
            command: 'bash setup/aws-cli.sh launch-instances',
            files: ['setup/aws-cli.sh', 'ec2/launch-template.json'],
          },
        ]
      : []
  // The launch template holds the generated user data (Base64): an edit of the user data is not in it.
  const templateCarries = (userData: readonly ArtifactPath[]) => {
    const mine = templateFile && !edited.includes('ec2/launch-template.json') ? editedIn(userData) : []
    return mine.length > 0
      ? [msg('runbook.note.launchTemplateCarries', { file: 'ec2/launch-template.json', paths: paths(mine) })]
      : []
  }
  if (runAgent) {
    // The agent is started by hand: the host's own steps first, or all of them at first boot.
    const hostFiles = present('ec2/ecs.config', 'host/iptables.sh', 'host/run-agent.sh')
    steps.push({
      id: 'instances',
      title: msg('runbook.instances.host.title'),
      actions: [
        {
          label: msg('runbook.instances.host.running.label'),
          text: [ecsConfig?.usage, iptables?.usage, runAgent.usage].filter((m) => m !== undefined),
          command: [iptables ? 'sudo bash host/iptables.sh' : '', 'sudo bash host/run-agent.sh']
            .filter(Boolean)
            .join('\n'),
          files: hostFiles,
        },
        ...launchFromTemplate,
        ...(userDataSh
          ? [
              {
                label: msg('runbook.instances.host.firstBoot.label'),
                text: [userDataSh.usage],
                files: ['ec2/user-data.sh' as const],
              },
            ]
          : []),
      ],
      check: runAgent.check,
      notes: [
        ...templateCarries(['ec2/user-data.sh']),
        ...editNote([...hostFiles, 'ec2/user-data.sh', ...present('ec2/launch-template.json')]),
      ],
    })
  } else if (userDataSh || userDataPs1) {
    const userData = (userDataSh ?? userDataPs1)!
    const launchFiles = present('ec2/user-data.sh', 'ec2/user-data.ps1', 'ec2/ecs.config')
    steps.push({
      id: 'instances',
      title: msg('runbook.instances.launch.title'),
      actions: [
        ...launchFromTemplate,
        {
          label: msg('runbook.instances.launch.userData.label'),
          text: [
            userData.usage,
            ...(ecsConfig
              ? [msg('runbook.instances.launch.userData.writesConfig', { path: 'ec2/ecs.config' })]
              : []),
          ],
          files: launchFiles,
        },
        ...(iptables
          ? [
              {
                label: msg('runbook.instances.launch.running.label'),
                text: [iptables.usage],
                command: 'sudo bash host/iptables.sh',
                files: ['host/iptables.sh' as const],
              },
            ]
          : []),
      ],
      check: userData.check,
      notes: [
        ...templateCarries(USER_DATA),
        ...editNote([...launchFiles, ...present('ec2/launch-template.json'), 'host/iptables.sh']),
      ],
    })
  }

  const routes = file('container/bootstrap-routes.ps1')
  if (routes)
    steps.push({
      id: 'routes',
      title: msg('runbook.routes.title'),
      actions: [
        {
          label: msg('runbook.routes.image.label'),
          text: [routes.usage],
          files: ['container/bootstrap-routes.ps1'],
        },
      ],
      check: routes.check,
      notes: editNote(['container/bootstrap-routes.ps1']),
    })

  const service = file('ecs/service.json')
  if (service && setup.service)
    steps.push({
      id: 'service',
      title: msg('runbook.service.title', { service: setup.service.name }),
      actions: [
        ...(script
          ? [
              {
                label: setupScript,
                text: [msg('runbook.service.setupScript.text', { launchType })],
                command: 'bash setup/aws-cli.sh create-service',
                files: ['setup/aws-cli.sh' as const],
              },
            ]
          : []),
        {
          label: msg('runbook.task.overrides.label', { command: 'create-service' }),
          text: [service.usage],
          // Without chosen subnets the file lacks the network configuration: the usage says what to add.
          ...(setup.service.network?.kind === 'default-vpc'
            ? {}
            : {
                command: `aws ecs create-service --cli-input-json file://ecs/service.json --region ${setup.region}`,
              }),
          files: ['ecs/service.json'],
        },
      ],
      check: service.check,
      notes: editNote(['ecs/service.json']),
    })

  const overrides = file('ecs/run-task-overrides.json')
  steps.push({
    id: 'task',
    title: msg('runbook.task.title'),
    // With a service, a one-off task is extra.
    ...(setup.service ? { optional: true } : {}),
    actions: [
      ...(script
        ? [
            {
              label: setupScript,
              text: [msg('runbook.task.setupScript.text', { launchType })],
              command: 'bash setup/aws-cli.sh run-task',
              files: ['setup/aws-cli.sh' as const],
            },
          ]
        : []),
      ...(overrides
        ? [
            {
              label: msg('runbook.task.overrides.label', { command: 'run-task' }),
              text: [overrides.usage],
              files: ['ecs/run-task-overrides.json' as const],
            },
          ]
        : []),
    ],
    notes: editNote(['ecs/run-task-overrides.json']),
  })

  for (const path of ['container/verify-credentials.sh', 'container/verify-credentials.ps1'] as const) {
    const verify = file(path)
    if (verify)
      steps.push({
        id: 'verify',
        title: msg('runbook.verify.title'),
        actions: [
          {
            label: msg('runbook.verify.container.label'),
            text: [verify.usage],
            command: verify.check,
            files: [path],
          },
        ],
        notes: editNote([path]),
      })
  }

  const recover = file('host/recover-after-restart.ps1')
  if (recover)
    steps.push({
      id: 'recover',
      title: msg('runbook.recover.title'),
      optional: true,
      actions: [
        {
          label: msg('runbook.recover.instance.label'),
          text: [recover.usage],
          command: 'powershell -File host/recover-after-restart.ps1',
          files: ['host/recover-after-restart.ps1'],
        },
      ],
      check: recover.check,
      notes: editNote(['host/recover-after-restart.ps1']),
    })

  return steps.filter((step) => step.actions.length > 0)
}

/** A file the user edited, for the README: its path and what became of the edit (already in English). */
export interface EditedFile {
  path: string
  note?: string
}

/** An action's sentences as one paragraph. */
export const runbookText = (action: RunbookAction, t: (message: Message) => string): string =>
  action.text.map((sentence) => t(sentence)).join(' ')

/** Escapes text for Markdown, so a name is shown as written and never becomes markup. */
const markdownText = (text: string) => text.replace(/[\\`*_[\]<>#|~!&]/g, (c) => `\\${c}`)

/** A fenced block whose fence is longer than any run of backticks in the text. */
function fenced(text: string, info = ''): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length))
  const fence = '`'.repeat(Math.max(3, longest + 1))
  return `${fence}${info}\n${text}\n${fence}`
}

/**
 * README.md of the zip: the same runbook, the link that produced the files, and the files the user edited.
 * `t` words the steps' messages: the caller passes English (`english.t`), so the zip is the same bytes in
 * every page language; the README's own frame is English text like the rest of the generated files.
 */
export function runbookMarkdown(
  steps: readonly RunbookStep[],
  { link, edited, t }: { link: string; edited: readonly EditedFile[]; t: (message: Message) => string },
): string {
  const out: string[] = [
    '# ECS task role setup',
    '',
    'Generated by the ECS task role setup wizard. The configuration that produced these files (open it to see or change it):',
    '',
    fenced(link, 'text'),
    '',
  ]
  if (edited.length > 0) {
    out.push(
      '## Edited files',
      '',
      'These files hold your edits, not the generated text:',
      '',
      ...edited.map((e) => `- \`${e.path}\`${e.note ? `: ${markdownText(e.note)}` : ''}`),
      '',
    )
  } else out.push('No file was edited: every file is the generated text.', '')
  out.push('## Steps', '')
  let number = 0
  for (const step of steps) {
    number++
    out.push(`### ${number}. ${markdownText(t(step.title))}`, '')
    if (step.id === 'files') {
      out.push('You have them: run the commands below from this folder.', '')
      continue
    }
    for (const note of step.notes) out.push(`> ${markdownText(t(note))}`, '')
    if (step.actions.length > 1) out.push('Either of these:', '')
    for (const action of step.actions) {
      out.push(`**${markdownText(t(action.label))}.** ${markdownText(runbookText(action, t))}`, '')
      if (action.files.length > 0) out.push(`Files: ${action.files.map((f) => `\`${f}\``).join(', ')}`, '')
      if (action.command)
        out.push(fenced(action.command, action.command.startsWith('powershell') ? 'powershell' : 'sh'), '')
    }
    if (step.check) out.push('Check:', '', fenced(step.check), '')
  }
  return `${out.join('\n').trimEnd()}\n`
}
