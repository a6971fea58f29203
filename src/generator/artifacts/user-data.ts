// The instances' user data as the launch templates carry it: the same bytes, and the same rendering, as
// ec2/user-data.sh or ec2/user-data.ps1 (each is rendered once per generate() call).
import type { Context } from '../context.ts'
import { instancesOf } from '../plan.ts'
import { userDataSh } from './linux-host.ts'
import { userDataPs1 } from './windows.ts'

export function instanceUserData(ctx: Context): {
  path: 'ec2/user-data.sh' | 'ec2/user-data.ps1'
  text: string
} {
  return instancesOf(ctx.plan).host.os === 'linux'
    ? { path: 'ec2/user-data.sh', text: userDataSh(ctx).text }
    : { path: 'ec2/user-data.ps1', text: userDataPs1(ctx).text }
}
