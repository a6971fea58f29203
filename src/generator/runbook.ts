// The runbook: what to do with the generated files, as numbered steps, each with its command (or the file
// to paste) and, where there is more than one way, the alternatives under the step. Pure data, built from
// the files and the config; the page's Apply view and the zip's README.md both render it, so they cannot
// disagree. Facts stay with the files that carry them: the texts below point at a file's own usage.
import { instanceProfileName, type WizardConfig } from '../config/schema.ts'
import { INSTANCE_ROLE_MANAGED_POLICY } from '../knowledge/policies.ts'
import type { Artifact, ArtifactPath } from './types.ts'

/** The folder the zip unpacks to, and the zip's own name. */
export const SETUP_FOLDER = 'ecs-task-role-setup'

/** One way to do a step: a command to run, or files to paste where the text says. */
export interface RunbookAction {
  label: string
  text: string
  /** Run from the unpacked folder; one or more lines. */
  command?: string
  /** The files this action uses, in the order they are used. */
  files: ArtifactPath[]
}

export interface RunbookStep {
  id: 'files' | 'iam' | 'passrole' | 'instances' | 'routes' | 'task' | 'verify' | 'recover'
  title: string
  /** One action, or alternatives: any one of them does the step. */
  actions: RunbookAction[]
  /** A command that shows the step worked. */
  check?: string
  /** Only for the situation the title names. */
  optional?: boolean
  /** What the user should know before doing the step, e.g. which of their edits a script does not carry. */
  notes: string[]
}

/** Files whose generated text setup/aws-cli.sh carries inside itself (heredocs), so an edit of them is not in it. */
const CARRIED_BY_SETUP_SCRIPT: readonly ArtifactPath[] = [
  'iam/task-role-trust-policy.json',
  'iam/task-role-policy.json',
  'iam/instance-role-trust-policy.json',
  'iam/instance-role-policy.json',
  'iam/passrole-policy.json',
  'ecs/task-definition.json',
  'ecs/run-task-overrides.json',
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
  const editNote = (paths: readonly ArtifactPath[]) => {
    const mine = editedIn(paths)
    return mine.length > 0
      ? [`Your edit of ${mine.join(', ')} is what the files hold: check it before use.`]
      : []
  }

  steps.push({
    id: 'files',
    title: 'Get the files',
    actions: [
      {
        label: 'Download all',
        text: `Download all files as one .zip and unpack it; run every command below from the folder ${SETUP_FOLDER} it makes. Its README.md holds these steps.`,
        command: `unzip ${SETUP_FOLDER}.zip && cd ${SETUP_FOLDER}`,
        files: [],
      },
    ],
    notes: [],
  })

  const iamFiles = present(
    'iam/task-role-trust-policy.json',
    'iam/task-role-policy.json',
    'iam/instance-role-trust-policy.json',
    'iam/instance-role-policy.json',
    'ecs/task-definition.json',
  )
  const script = file('setup/aws-cli.sh')
  const carriedEdits = editedIn(CARRIED_BY_SETUP_SCRIPT.filter(has))
  const consoleText = [
    `Create the role ${config.taskRoleName} with the custom trust policy iam/task-role-trust-policy.json${has('iam/task-role-policy.json') ? ' and the inline policy iam/task-role-policy.json' : ''}.`,
    `Create the role ${config.instanceRoleName} for EC2 with iam/instance-role-trust-policy.json, attach the AWS managed policy ${INSTANCE_ROLE_MANAGED_POLICY.name}${has('iam/instance-role-policy.json') ? ' and the inline policy iam/instance-role-policy.json' : ''}, and give it the instance profile ${instanceProfileName(config)}.`,
    `Create the cluster ${config.clusterName}, then register ecs/task-definition.json in the task definition's JSON editor.`,
  ].join(' ')
  steps.push({
    id: 'iam',
    title: 'Create the roles, the instance profile and the cluster; register the task definition',
    actions: [
      ...(script
        ? [
            {
              label: 'Run the setup script',
              text: `With AWS credentials for account ${config.accountId} that may create IAM roles. It creates what is missing, reuses what exists, and stops before any change if the credentials belong to another account.`,
              command: 'bash setup/aws-cli.sh',
              files: ['setup/aws-cli.sh' as const],
            },
          ]
        : []),
      { label: 'In the AWS console', text: consoleText, files: iamFiles },
    ],
    check: script?.check,
    notes: [
      ...(carriedEdits.length > 0 && !edited.includes('setup/aws-cli.sh')
        ? [
            `setup/aws-cli.sh holds its own copy of the generated ${carriedEdits.join(', ')}, not your edit: use the console, or make the same edit in the script.`,
          ]
        : []),
      ...editNote(['setup/aws-cli.sh', ...iamFiles]),
    ],
  })

  const passRole = file('iam/passrole-policy.json')
  if (passRole)
    steps.push({
      id: 'passrole',
      title: 'Let whoever deploys pass the two roles',
      actions: [
        {
          label: config.deployerRoleName ? 'Done by the setup script' : 'In the IAM console',
          text: config.deployerRoleName
            ? `setup/aws-cli.sh adds iam/passrole-policy.json to the role ${config.deployerRoleName}; without the script, add it there as an inline policy.`
            : 'Add iam/passrole-policy.json as an inline policy of the user or role that registers task definitions, runs tasks or launches the instances.',
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
  if (runAgent) {
    // The agent is started by hand: the host's own steps first, or all of them at first boot.
    const hostFiles = present('ec2/ecs.config', 'host/iptables.sh', 'host/run-agent.sh')
    steps.push({
      id: 'instances',
      title: 'Start the ECS agent on the host, with task roles on',
      actions: [
        {
          label: 'On the running host, as root',
          text: [ecsConfig?.usage, iptables?.usage, runAgent.usage].filter(Boolean).join(' '),
          command: [iptables ? 'sudo bash host/iptables.sh' : '', 'sudo bash host/run-agent.sh']
            .filter(Boolean)
            .join('\n'),
          files: hostFiles,
        },
        ...(userDataSh
          ? [
              {
                label: 'At first boot of a new instance',
                text: userDataSh.usage,
                files: ['ec2/user-data.sh' as const],
              },
            ]
          : []),
      ],
      check: runAgent.check,
      notes: editNote([...hostFiles, 'ec2/user-data.sh']),
    })
  } else if (userDataSh || userDataPs1) {
    const userData = (userDataSh ?? userDataPs1)!
    const launchFiles = present('ec2/user-data.sh', 'ec2/user-data.ps1', 'ec2/ecs.config')
    steps.push({
      id: 'instances',
      title: 'Launch the container instances',
      actions: [
        {
          label: 'New instances, with user data',
          text: `${userData.usage}${ecsConfig ? ' It writes ec2/ecs.config for you.' : ''}`,
          files: launchFiles,
        },
        ...(iptables
          ? [
              {
                label: 'An instance that is already running',
                text: iptables.usage,
                command: 'sudo bash host/iptables.sh',
                files: ['host/iptables.sh' as const],
              },
            ]
          : []),
      ],
      check: userData.check,
      notes: editNote([...launchFiles, 'host/iptables.sh']),
    })
  }

  const routes = file('container/bootstrap-routes.ps1')
  if (routes)
    steps.push({
      id: 'routes',
      title: 'Add the route script to the container image',
      actions: [{ label: 'In the image', text: routes.usage, files: ['container/bootstrap-routes.ps1'] }],
      check: routes.check,
      notes: editNote(['container/bootstrap-routes.ps1']),
    })

  const overrides = file('ecs/run-task-overrides.json')
  steps.push({
    id: 'task',
    title: 'Run a task',
    actions: [
      ...(script
        ? [
            {
              label: 'Run the setup script',
              text: 'Once the instances have joined the cluster.',
              command: 'bash setup/aws-cli.sh run-task',
              files: ['setup/aws-cli.sh' as const],
            },
          ]
        : []),
      ...(overrides
        ? [
            {
              label: 'Your own run-task call',
              text: overrides.usage,
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
        title: 'Check from inside a container of the task',
        actions: [{ label: 'In the container', text: verify.usage, command: verify.check, files: [path] }],
        notes: editNote([path]),
      })
  }

  const recover = file('host/recover-after-restart.ps1')
  if (recover)
    steps.push({
      id: 'recover',
      title: 'Only if a Windows container instance was restarted',
      optional: true,
      actions: [
        {
          label: 'On the instance, in an elevated PowerShell',
          text: recover.usage,
          command: 'powershell -File host/recover-after-restart.ps1',
          files: ['host/recover-after-restart.ps1'],
        },
      ],
      check: recover.check,
      notes: editNote(['host/recover-after-restart.ps1']),
    })

  return steps.filter((step) => step.actions.length > 0)
}

/** A file the user edited, for the README: its path and what became of the edit. */
export interface EditedFile {
  path: string
  note?: string
}

/** Escapes text for Markdown, so a name is shown as written and never becomes markup. */
const markdownText = (text: string) => text.replace(/[\\`*_[\]<>#|~!&]/g, (c) => `\\${c}`)

/** A fenced block whose fence is longer than any run of backticks in the text. */
function fenced(text: string, info = ''): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length))
  const fence = '`'.repeat(Math.max(3, longest + 1))
  return `${fence}${info}\n${text}\n${fence}`
}

/** README.md of the zip: the same runbook, the link that produced the files, and the files the user edited. */
export function runbookMarkdown(
  steps: readonly RunbookStep[],
  { link, edited }: { link: string; edited: readonly EditedFile[] },
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
    out.push(`### ${number}. ${markdownText(step.title)}`, '')
    if (step.id === 'files') {
      out.push('You have them: run the commands below from this folder.', '')
      continue
    }
    for (const note of step.notes) out.push(`> ${markdownText(note)}`, '')
    if (step.actions.length > 1) out.push('Either of these:', '')
    for (const action of step.actions) {
      out.push(`**${markdownText(action.label)}.** ${markdownText(action.text)}`, '')
      if (action.files.length > 0) out.push(`Files: ${action.files.map((f) => `\`${f}\``).join(', ')}`, '')
      if (action.command)
        out.push(fenced(action.command, action.command.startsWith('powershell') ? 'powershell' : 'sh'), '')
    }
    if (step.check) out.push('Check:', '', fenced(step.check), '')
  }
  return `${out.join('\n').trimEnd()}\n`
}
