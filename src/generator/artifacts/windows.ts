// Windows container instances: PowerShell user data and the container route script (reference §5).
import { CREDENTIALS_ENDPOINT, INSTANCE_METADATA_ADDRESS } from '../../knowledge/agent.ts'
import { cite } from '../../knowledge/sources.ts'
import {
  ps,
  psBlank,
  psComment,
  psLine,
  psRaw,
  renderPowerShell,
  type PsBlock,
} from '../render/powershell.ts'
import { headerLines, type ArtifactBody } from '../artifact.ts'
import type { Context } from '../context.ts'

export function userDataPs1(ctx: Context): ArtifactBody | undefined {
  if (ctx.isLinux) return undefined
  const { config } = ctx
  const awsvpc = config.networkMode === 'awsvpc'
  // Switches for awsvpc (reference §5.2 [S8]); everything stays on one physical line (§0 rule 5).
  const switches = awsvpc
    ? psRaw(config.blockInstanceMetadata ? ' -EnableTaskENI -AwsvpcBlockIMDS' : ' -EnableTaskENI')
    : psRaw('')
  const blocks: PsBlock[] = [
    ...headerLines(ctx, 'EC2 user data for a Windows ECS container instance with task roles').map(psComment),
    psLine(
      ps`Import-Module ECSTools`,
      'ECSTools ships in the ECS-optimized Windows AMIs.',
      cite('S3', 'S8'),
    ),
    psLine(
      ps`Initialize-ECSAgent -Cluster ${config.clusterName} -EnableTaskIAMRole${switches}`,
      awsvpc
        ? `Joins the cluster with task roles and the awsvpc network mode${config.blockInstanceMetadata ? '; -AwsvpcBlockIMDS keeps awsvpc tasks away from instance metadata' : ''}.`
        : '-EnableTaskIAMRole sets up the credential proxy on 169.254.170.2:80 (host port 80 is then reserved).',
      cite('S3', 'S8'),
    ),
  ]
  const { text, sources } = renderPowerShell({ userDataTags: true, blocks })
  return {
    title: 'EC2 user data (Windows)',
    usage: `Paste as the instance's user data with the instance profile ${ctx.instanceProfileName}. EC2Launch runs what is inside <powershell> once, at first launch.`,
    check: 'Get-Service AmazonECS; Invoke-RestMethod http://localhost:51678/v1/metadata',
    text,
    sources,
  }
}

export function bootstrapRoutesPs1(ctx: Context): ArtifactBody | undefined {
  // Only the default (NAT) mode needs it: in awsvpc the agent adds the routes itself (reference §5.6 [S28]).
  if (ctx.isLinux || ctx.config.networkMode !== 'default') return undefined
  const block = ctx.config.blockInstanceMetadata
  const source = cite('S3')
  const blocks: PsBlock[] = [
    ...headerLines(ctx, 'Container route script for Windows task roles (default network mode)').map(
      psComment,
    ),
    psComment('Run at container start, before the application, for example from the entrypoint.'),
    psLine(ps`$ErrorActionPreference = 'Stop'`),
    psLine(
      ps`$gateway = (Get-NetRoute | Where-Object { $_.DestinationPrefix -eq '0.0.0.0/0' } | Sort-Object RouteMetric | Select-Object -First 1 NextHop).NextHop`,
      'The default gateway of the container (the NAT host). -First 1 keeps one route when there are several.',
      source,
    ),
    psLine(
      ps`$ifIndex = (Get-NetAdapter -InterfaceDescription 'Hyper-V Virtual Ethernet*' | Sort-Object | Select-Object -First 1 ifIndex).ifIndex`,
      "The container's virtual network adapter.",
      source,
    ),
    psLine(
      ps`New-NetRoute -DestinationPrefix ${psRaw(`${CREDENTIALS_ENDPOINT.address}/32`)} -InterfaceIndex $ifIndex -NextHop $gateway -PolicyStore ActiveStore`,
      'Route to the credentials endpoint through the host. -PolicyStore ActiveStore, added to the AWS guide in 2022.',
      source,
    ),
  ]
  if (block)
    blocks.push(
      psBlank,
      psComment(
        `No route to ${INSTANCE_METADATA_ADDRESS}: the container cannot reach the instance metadata service (and the instance role's credentials).`,
      ),
    )
  else
    blocks.push(
      psLine(
        ps`New-NetRoute -DestinationPrefix ${psRaw(`${INSTANCE_METADATA_ADDRESS}/32`)} -InterfaceIndex $ifIndex -NextHop $gateway -PolicyStore ActiveStore`,
        'Route to the instance metadata service: leave it out to block metadata for this container.',
        source,
      ),
    )
  const { text, sources } = renderPowerShell({ userDataTags: false, blocks })
  return {
    title: 'Container route script (Windows)',
    usage:
      'Run inside each Windows container of the task when it starts, before the application: it routes 169.254.170.2 to the credential proxy on the host. Not needed with awsvpc.',
    check: 'Get-NetRoute -DestinationPrefix 169.254.170.2/32',
    text,
    sources,
  }
}
