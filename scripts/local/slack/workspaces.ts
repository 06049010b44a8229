/**
 * The stand-in's Slack workspaces, each with its own team, bot user, Ada's
 * direct messages with the bot, and a #general channel she administers.
 * The app is in the first from the start (its token is SLACK_BOT_TOKEN); it
 * gets into the second through the real OAuth install, which hands out that
 * workspace's own token.
 */
export interface Workspace {
  readonly id: string;
  readonly name: string;
  readonly domain: string;
  /** The bot's user in this workspace. */
  readonly botUserId: string;
  /** Ada's direct messages with the bot (Slack's DM ids start with D). */
  readonly dmId: string;
  readonly generalId: string;
  readonly user: { readonly id: string; readonly username: string; readonly name: string; readonly team_id: string };
}

/** A workspace, and the channel of it Ada is in. */
export interface Place extends Workspace {
  readonly channelId: string;
}

function workspace(n: number, name: string, domain: string): Workspace {
  const id = `T0LOCAL0${n}`;
  return {
    id,
    name,
    domain,
    botUserId: n === 1 ? "U0LOCALBOT" : `U0LOCALBOT${n}`,
    dmId: `D0LOCAL0${n}`,
    generalId: `C0LOCAL0${n}`,
    user: { id: `U0LOCAL0${n}`, username: "ada", name: "ada", team_id: id },
  };
}

export const FIRST_WORKSPACE = workspace(1, "Parley", "parley-local");
export const SECOND_WORKSPACE = workspace(2, "Second workspace", "parley-second");
export const WORKSPACES: readonly Workspace[] = [FIRST_WORKSPACE, SECOND_WORKSPACE];

/** The channels of a workspace that Ada and the bot are both in, named as the sidebar shows them. */
export function channelsOf(workspace: Workspace): readonly { readonly id: string; readonly name: string }[] {
  return [
    { id: workspace.dmId, name: "Concierge" },
    { id: workspace.generalId, name: "# general" },
  ];
}

/** `channel` of `workspace`, or undefined when it is not one of its channels. */
export function placeIn(workspace: Workspace, channel: string | undefined): Place | undefined {
  return channelsOf(workspace).some((candidate) => candidate.id === channel)
    ? { ...workspace, channelId: channel ?? "" }
    : undefined;
}
