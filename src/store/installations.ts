/**
 * A bot's installations in Slack workspaces (OAuth v2): one row per
 * workspace, its bot token sealed (src/lib/seal.ts). Removing one pauses
 * what was scheduled for that workspace, in the same batch: its digests are
 * paused and its pending reminders failed, so nothing is sent with a token
 * that is gone.
 */
import * as z from "zod";
import type { Sealed } from "../lib/seal.ts";

export interface Installation {
  /** The team id, or the org's id for an org-wide install. */
  readonly workspace: string;
  readonly teamId: string | undefined;
  readonly enterpriseId: string | undefined;
  readonly botUserId: string;
  /** The user who installed the app (`authed_user`); unknown for installations kept before it was recorded. */
  readonly installerId: string | undefined;
  readonly scopes: string;
  readonly token: Sealed;
}

const Row = z.object({
  workspace: z.string(),
  team_id: z.string().nullable(),
  enterprise_id: z.string().nullable(),
  bot_user_id: z.string(),
  installer_id: z.string().nullable(),
  scopes: z.string(),
  token: z.string(),
  token_iv: z.string(),
});

/** The platform name one-use install states are claimed under in `processed_events`. */
const STATE_CLAIMS = "slack-install-state";

export class InstallationStore {
  private readonly db: D1Database;
  private readonly bot: string;

  constructor(db: D1Database, bot: string) {
    this.db = db;
    this.bot = bot;
  }

  async find(workspace: string): Promise<Installation | undefined> {
    const row = await this.db
      .prepare(
        "SELECT workspace, team_id, enterprise_id, bot_user_id, installer_id, scopes, token, token_iv FROM slack_installations WHERE bot = ? AND workspace = ?",
      )
      .bind(this.bot, workspace)
      .first();
    const parsed = Row.safeParse(row);
    if (!parsed.success) return undefined;
    const { data } = parsed;
    return {
      workspace: data.workspace,
      teamId: data.team_id ?? undefined,
      enterpriseId: data.enterprise_id ?? undefined,
      botUserId: data.bot_user_id,
      installerId: data.installer_id ?? undefined,
      scopes: data.scopes,
      token: { sealed: data.token, iv: data.token_iv },
    };
  }

  /** Keeps `installation`, replacing an earlier one of the same workspace (a reinstall with new scopes). */
  async save(installation: Installation, now: number): Promise<void> {
    const { workspace, teamId, enterpriseId, botUserId, installerId, scopes, token } = installation;
    await this.db
      .prepare(
        `INSERT INTO slack_installations (bot, workspace, team_id, enterprise_id, bot_user_id, installer_id, scopes, token, token_iv, installed_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (bot, workspace) DO UPDATE SET team_id = excluded.team_id, enterprise_id = excluded.enterprise_id,
           bot_user_id = excluded.bot_user_id, installer_id = excluded.installer_id, scopes = excluded.scopes,
           token = excluded.token, token_iv = excluded.token_iv, installed_at = excluded.installed_at`,
      )
      .bind(
        this.bot,
        workspace,
        teamId ?? null,
        enterpriseId ?? null,
        botUserId,
        installerId ?? null,
        scopes,
        token.sealed,
        token.iv,
        now,
      )
      .run();
  }

  /** Forgets the workspace's installation, pausing its digests and failing its pending reminders. */
  async remove(workspace: string, now: number): Promise<void> {
    const inWorkspace = "bot = ? AND platform = 'slack' AND json_extract(address, '$.workspace') = ?";
    await this.db.batch([
      this.db.prepare("DELETE FROM slack_installations WHERE bot = ? AND workspace = ?").bind(this.bot, workspace),
      this.db
        .prepare(
          `UPDATE subscriptions SET status = 'paused', updated_at = ? WHERE status = 'active' AND ${inWorkspace}`,
        )
        .bind(now, this.bot, workspace),
      this.db
        .prepare(`UPDATE reminders SET status = 'failed' WHERE status IN ('pending', 'queued') AND ${inWorkspace}`)
        .bind(this.bot, workspace),
    ]);
  }

  /** Uses an install state once: true the first time, false for any repeat (D1, not KV, decides). */
  async claimState(state: string, now: number): Promise<boolean> {
    const result = await this.db
      .prepare(
        "INSERT INTO processed_events (platform, bot, event_id, received_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
      )
      .bind(STATE_CLAIMS, this.bot, state, now)
      .run();
    return result.meta.changes === 1;
  }
}
