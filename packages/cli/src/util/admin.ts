import { AdminClient, locateServer } from '@axon/server';
import type { Command } from 'commander';

/** Options every admin client command takes. */
export interface AdminOptions {
  /** `--url`: the admin API. Default `AXON_URL`, else the state file of the running `axon serve`. */
  url?: string;
  /** `--token`: bearer token. Default `AXON_TOKEN`, else the token file named in the state file. */
  token?: string;
  /** `--state-dir`: where `axon serve` wrote its state. Default `AXON_STATE_DIR`, `$XDG_STATE_HOME/axon`, `~/.local/state/axon`. */
  stateDir?: string;
}

/** Adds `--url`, `--token` and `--state-dir` to a client command. */
export function withAdminOptions(cmd: Command): Command {
  return cmd
    .option('--url <url>', 'admin API URL (default: AXON_URL, else the running server from the state file)')
    .option('--token <token>', 'bearer token (default: AXON_TOKEN, else the token file)')
    .option('--state-dir <dir>', 'state directory of axon serve (default: AXON_STATE_DIR, else ~/.local/state/axon)');
}

/** A client of the running server these options point at. */
export function adminClient(o: AdminOptions): AdminClient {
  return new AdminClient(
    locateServer({
      ...(o.url !== undefined && { url: o.url }),
      ...(o.token !== undefined && { token: o.token }),
      ...(o.stateDir !== undefined && { stateDir: o.stateDir }),
    }),
  );
}
