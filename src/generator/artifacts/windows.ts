// Windows container instances: PowerShell user data, the container route script, and the recovery of the
// credential proxy after a restart.
import { CREDENTIALS_ENDPOINT, INSTANCE_METADATA_ADDRESS } from '../../knowledge/agent.ts'
import { SOURCES, cite } from '../../knowledge/sources.ts'
import { msg } from '../../i18n/message.ts'
import {
  ps,
  psBlank,
  psComment,
  psLine,
  psRaw,
  renderPowerShell,
  type PsBlock,
} from '../render/powershell.ts'
import { headerLines, perContext, type ArtifactBody } from '../artifact.ts'
import type { Context } from '../context.ts'
import { instancesOf, windowsHostOf, type WindowsHostPlan } from '../plan.ts'

/** Import-Module ECSTools and Initialize-ECSAgent, as in user data: the recovery script repeats them as is. */
function initializeAgent({ agent }: WindowsHostPlan): PsBlock[] {
  // Switches for awsvpc (bootstrapping Windows instances, S8); every command stays on one physical line: a
  // parameter wrapped onto the next line loses its argument.
  const switches = agent.taskEni
    ? psRaw(agent.awsvpcBlockImds ? ' -EnableTaskENI -AwsvpcBlockIMDS' : ' -EnableTaskENI')
    : psRaw('')
  return [
    psLine(ps`Import-Module ECSTools`, msg('file.windowsAgent.note.importModule'), cite('S3', 'S8')),
    psLine(
      ps`Initialize-ECSAgent -Cluster ${agent.cluster} -EnableTaskIAMRole${switches}`,
      agent.taskEni
        ? msg('file.windowsAgent.note.initializeAwsvpc', {
            blockImds: agent.awsvpcBlockImds ? 'yes' : 'no',
          })
        : msg('file.windowsAgent.note.initialize', {
            address: CREDENTIALS_ENDPOINT.address,
            port: String(CREDENTIALS_ENDPOINT.port),
          }),
      cite('S3', 'S8'),
    ),
  ]
}

function buildUserDataPs1(ctx: Context): ArtifactBody {
  const blocks: PsBlock[] = [
    ...headerLines(ctx, 'EC2 user data for a Windows ECS container instance with task roles').map(psComment),
    ...initializeAgent(windowsHostOf(ctx.plan)),
  ]
  const { text, sources } = renderPowerShell({ userDataTags: true, blocks })
  return {
    title: msg('file.userDataPs1.title'),
    usage: msg('file.userDataPs1.usage', {
      profile: instancesOf(ctx.plan).profile.name,
      tag: '<powershell>',
    }),
    check: 'Get-Service AmazonECS; Invoke-RestMethod http://localhost:51678/v1/metadata',
    text,
    sources,
  }
}

export function bootstrapRoutesPs1(ctx: Context): ArtifactBody {
  const routes = windowsHostOf(ctx.plan).containerRoutes
  if (!routes) throw new Error('this plan has no container routes')
  const source = cite('S3')
  const blocks: PsBlock[] = [
    ...headerLines(ctx, 'Container route script for Windows task roles (default network mode)').map(
      psComment,
    ),
    psComment('Run at container start, before the application, for example from the entrypoint.'),
    psLine(ps`$ErrorActionPreference = 'Stop'`),
    psLine(
      ps`$gateway = (Get-NetRoute | Where-Object { $_.DestinationPrefix -eq '0.0.0.0/0' } | Sort-Object RouteMetric | Select-Object -First 1 NextHop).NextHop`,
      msg('file.containerBootstrapRoutes.note.gateway'),
      source,
    ),
    psLine(
      ps`$ifIndex = (Get-NetAdapter -InterfaceDescription 'Hyper-V Virtual Ethernet*' | Sort-Object | Select-Object -First 1 ifIndex).ifIndex`,
      msg('file.containerBootstrapRoutes.note.adapter'),
      source,
    ),
    psComment('A container restarted in place keeps its routes: add each one only when it is missing.'),
    psLine(
      ps`if (-not (Get-NetRoute -DestinationPrefix ${psRaw(`${CREDENTIALS_ENDPOINT.address}/32`)} -ErrorAction SilentlyContinue)) {`,
    ),
    psLine(
      ps`    New-NetRoute -DestinationPrefix ${psRaw(`${CREDENTIALS_ENDPOINT.address}/32`)} -InterfaceIndex $ifIndex -NextHop $gateway -PolicyStore ActiveStore | Out-Null`,
      msg('file.containerBootstrapRoutes.note.credentialsRoute'),
      source,
    ),
    psLine(ps`}`),
  ]
  if (!routes.metadataRoute)
    blocks.push(
      psBlank,
      psComment(
        [
          `No route to ${INSTANCE_METADATA_ADDRESS}: the container cannot reach the instance metadata service (and the instance role's credentials).`,
          'This is a soft control: an administrator inside the container (such as ContainerAdministrator) can add the',
          "route back. AWS's IMDS block for Windows awsvpc tasks is the same kind of route.",
          'Run the application as a non-administrator (ContainerUser) after this script, which itself needs an',
          'administrator for New-NetRoute. The task definition\'s "user" parameter is not supported for Windows containers:',
          'switch users in the image or its entrypoint.',
          `Sources: ${SOURCES.WINDOWS_CONTAINER_USER.url}`,
          `  ${SOURCES.CONTAINER_DEFINITION_API.url}`,
        ].join('\n'),
      ),
    )
  else
    blocks.push(
      psLine(
        ps`if (-not (Get-NetRoute -DestinationPrefix ${psRaw(`${INSTANCE_METADATA_ADDRESS}/32`)} -ErrorAction SilentlyContinue)) {`,
      ),
      psLine(
        ps`    New-NetRoute -DestinationPrefix ${psRaw(`${INSTANCE_METADATA_ADDRESS}/32`)} -InterfaceIndex $ifIndex -NextHop $gateway -PolicyStore ActiveStore | Out-Null`,
        msg('file.containerBootstrapRoutes.note.metadataRoute'),
        source,
      ),
      psLine(ps`}`),
    )
  const { text, sources } = renderPowerShell({ userDataTags: false, blocks })
  return {
    title: msg('file.containerBootstrapRoutes.title'),
    usage: msg('file.containerBootstrapRoutes.usage', { address: CREDENTIALS_ENDPOINT.address }),
    check: 'Get-NetRoute -DestinationPrefix 169.254.170.2/32',
    text,
    sources,
  }
}

/**
 * After a restart the Windows credential proxy stops working, and AWS says to delete the proxy interface and
 * initialize the agent again, without commands (IAM roles for Windows tasks, S3; issue #2135). ECSTools is not
 * public source, but the script it replaced is (commit 04b28c3c2): hostsetup.ps1 (1) adds a host adapter
 * "APIPA" on the nat switch, (2) gives it 169.254.170.2/32, (3) routes the nat subnet through it, skipping all
 * of this while that route exists, (4) opens TCP 51679 in the firewall and (5) adds the port proxy
 * 169.254.170.2:80 -> 127.0.0.1:51679. Steps 1, 2, 3 and 5 are undone here; the firewall rule survives a
 * restart untouched. Then the agent is initialized exactly as in user data.
 */
export function recoverAfterRestartPs1(ctx: Context): ArtifactBody {
  const host = windowsHostOf(ctx.plan)
  const setup = cite('AGENT_WINDOWS_HOSTSETUP', 'AGENT_ECSTOOLS_COMMIT')
  const address = CREDENTIALS_ENDPOINT.address
  const port = String(CREDENTIALS_ENDPOINT.port)
  const blocks: PsBlock[] = [
    ...headerLines(
      ctx,
      'Recovery of the task-role credential proxy after a restart of a Windows container instance',
    ).map(psComment),
    psComment(
      [
        'NOT VERIFIED ON A LIVE INSTANCE. AWS says that after a restart the proxy interface must be deleted and the',
        'agent initialized again, but gives no commands. These undo the setup steps of hostsetup.ps1, the public',
        "script that ECSTools' Enable-ECSTaskIAMRoles replaced; ECSTools itself is not public source and may differ.",
        'Replacing the instance instead of restarting it is the safer path.',
        'Run on the container instance, in an elevated PowerShell, after a restart.',
        `Sources: ${SOURCES.S3.url}`,
        `  ${SOURCES.AGENT_WINDOWS_HOSTSETUP.url}`,
        `  ${SOURCES.AGENT_ECSTOOLS_COMMIT.url}`,
        `  ${SOURCES.AGENT_ISSUE_WINDOWS_RESTART.url}`,
      ].join('\n'),
    ),
    psLine(ps`$ErrorActionPreference = 'Stop'`),
    psLine(ps`$credentialAddress = ${address}`),
    psBlank,
    psComment(
      [
        `Undo the setup (hostsetup.ps1): the port proxy ${address}:${CREDENTIALS_ENDPOINT.port} forwarding to ${CREDENTIALS_ENDPOINT.agentListener}, then the host adapter`,
        `"APIPA" on the nat switch with ${address}/32 and its route; the setup skips itself while that route exists.`,
        `The firewall rule for TCP ${CREDENTIALS_ENDPOINT.agentPort} does not depend on the adapter and stays.`,
      ].join('\n'),
    ),
    psLine(
      ps`netsh interface portproxy delete v4tov4 listenaddress=${psRaw(address)} listenport=${CREDENTIALS_ENDPOINT.port}`,
      msg('file.hostRecoverAfterRestart.note.portProxy', {
        address,
        port,
        listener: CREDENTIALS_ENDPOINT.agentListener,
      }),
      cite('AGENT_WINDOWS_HOSTSETUP', 'AGENT_ISSUE_WINDOWS_RESTART'),
    ),
    psComment(
      'Without the Hyper-V module the cmdlet does not exist, and -ErrorAction cannot silence a missing command: ask first.',
    ),
    psLine(ps`if (Get-Command Get-VMNetworkAdapter -ErrorAction SilentlyContinue) {`),
    psLine(
      ps`    Get-VMNetworkAdapter -ManagementOS -Name 'APIPA' -ErrorAction SilentlyContinue | Remove-VMNetworkAdapter`,
      msg('file.hostRecoverAfterRestart.note.hostAdapter', { address }),
      setup,
    ),
    psLine(ps`}`),
    psLine(ps`$stale = Get-NetIPAddress -IPAddress $credentialAddress -ErrorAction SilentlyContinue`),
    psLine(ps`if ($stale) {`),
    psLine(
      ps`    Write-Error (${`${address} is still assigned to `} + $stale.InterfaceAlias + ${': remove that adapter by hand, or replace the instance.'})`,
      msg('file.hostRecoverAfterRestart.note.staleAddress'),
      setup,
    ),
    psLine(ps`    exit 1`),
    psLine(ps`}`),
    psBlank,
    psComment('Initialize the agent again, exactly as the user data did at first launch.'),
    ...initializeAgent(host),
    psBlank,
    psComment(
      `Check from the host: the failure after a restart is an unreachable ${address}:${CREDENTIALS_ENDPOINT.port}.`,
    ),
    psComment(
      'An HTTP answer, even an error for this credential-less path, shows the agent itself answered: the port proxy alone accepts connections even when the agent is down.',
    ),
    psLine(ps`$answered = $true`),
    psLine(ps`try {`),
    psLine(
      ps`    Invoke-WebRequest -Uri ${`http://${address}/v2/credentials/`} -TimeoutSec 5 -UseBasicParsing | Out-Null`,
      msg('file.hostRecoverAfterRestart.note.probe', { address, port }),
      cite('AGENT_ISSUE_WINDOWS_RESTART'),
    ),
    psLine(ps`} catch {`),
    psLine(ps`    $answered = $null -ne $_.Exception.Response`),
    psLine(ps`}`),
    psLine(ps`if (-not $answered) {`),
    psLine(
      ps`    Write-Error ${`The credential proxy does not answer on ${address}:${CREDENTIALS_ENDPOINT.port}: check Get-Service AmazonECS and the agent log, or replace the instance.`}`,
    ),
    psLine(ps`    exit 1`),
    psLine(ps`}`),
    psLine(ps`Write-Output ${`OK: the credential proxy answers on ${address}:${CREDENTIALS_ENDPOINT.port}`}`),
  ]
  const { text, sources } = renderPowerShell({ userDataTags: false, blocks })
  return {
    title: msg('file.hostRecoverAfterRestart.title'),
    usage: msg('file.hostRecoverAfterRestart.usage', { address }),
    check: `Test-NetConnection -ComputerName ${address} -Port ${CREDENTIALS_ENDPOINT.port}`,
    text,
    sources,
  }
}

/** ec2/user-data.ps1, rendered once per generate() call: the CloudFormation and Terraform launch templates carry it too. */
export const userDataPs1 = perContext(buildUserDataPs1)
