/**
 * Discord's side of a delivery: interactions shaped as Discord sends them
 * (checked against discord-api-types), signed with Ed25519 over the
 * timestamp followed by the body, as Discord signs them.
 *
 * The key pair is Parley's local development pair. Its public half is
 * `DISCORD_PUBLIC_KEY` in .dev.vars.example; its private half is here and
 * nowhere else: the Worker only ever verifies, so neither its bundle nor
 * its environment holds a key that could sign.
 */
import { createPrivateKey, createPublicKey, sign } from "node:crypto";
import {
  type APIApplicationCommandInteractionMetadata,
  type APIChatInputApplicationCommandGuildInteraction,
  type APIChatInputApplicationCommandInteractionData,
  type APIInteractionGuildMember,
  type APIMessage,
  type APIMessageApplicationCommandGuildInteraction,
  type APIMessageComponentButtonInteraction,
  type APIMessageComponentInteractionMetadata,
  type APIMessageComponentSelectMenuInteraction,
  type APIModalSubmitGuildInteraction,
  type APIModalSubmitInteractionMetadata,
  type APIPartialInteractionGuild,
  type APITextChannel,
  type APIUser,
  ApplicationCommandType,
  ApplicationIntegrationType,
  ChannelType,
  ComponentType,
  GuildMemberFlags,
  InteractionContextType,
  InteractionType,
  Locale,
} from "discord-api-types/v10";

/** Not a secret: made for local development, and published with Parley. */
const DEV_PRIVATE_KEY_SEED = "7ae9e401526d77c6faf01a2a8435675a2e6c99ca9fdcd10e21e809e6a1aecb08";
/** The DER header of an Ed25519 private key in PKCS #8, before its 32-byte seed. */
const PKCS8_ED25519 = "302e020100300506032b657004220420";

const privateKey = createPrivateKey({
  key: Buffer.from(PKCS8_ED25519 + DEV_PRIVATE_KEY_SEED, "hex"),
  format: "der",
  type: "pkcs8",
});

/** The public half in hex, as `DISCORD_PUBLIC_KEY` holds it. */
export const DEV_PUBLIC_KEY = Buffer.from(
  createPublicKey(privateKey).export({ format: "jwk" }).x ?? "",
  "base64url",
).toString("hex");

export function signedHeaders(body: string): Record<string, string> {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = sign(null, Buffer.from(timestamp + body), privateKey).toString("hex");
  return { "content-type": "application/json", "X-Signature-Ed25519": signature, "X-Signature-Timestamp": timestamp };
}

const DISCORD_EPOCH = 1_420_070_400_000n;
let sequence = 0n;

/** A fresh snowflake: the time since Discord's epoch, then a counter. */
export function snowflake(): string {
  sequence = (sequence + 1n) % 4096n;
  return String(((BigInt(Date.now()) - DISCORD_EPOCH) << 22n) | sequence);
}

export const GUILD_ID = "1310000000000000001";
export const CHANNEL_ID = "1310000000000000002";
/** The app is installed in the server. */
const OWNERS = { [ApplicationIntegrationType.GuildInstall]: GUILD_ID };

export const USER: APIUser = {
  id: "1310000000000000003",
  username: "ada",
  global_name: "Ada",
  discriminator: "0",
  avatar: null,
};

const MEMBER: APIInteractionGuildMember = {
  user: USER,
  roles: [],
  joined_at: "2026-01-01T00:00:00.000Z",
  deaf: false,
  mute: false,
  flags: GuildMemberFlags.CompletedOnboarding,
  permissions: "2248473465835073",
};

const GUILD: APIPartialInteractionGuild = { id: GUILD_ID, locale: Locale.EnglishUS, features: [] };

const CHANNEL: Partial<APITextChannel> & Pick<APITextChannel, "id" | "type"> = {
  id: CHANNEL_ID,
  type: ChannelType.GuildText,
  name: "general",
  guild_id: GUILD_ID,
};

/** What every interaction in the emulated server channel carries. */
function common(applicationId: string) {
  const id = snowflake();
  return {
    id,
    application_id: applicationId,
    token: `local-interaction-token.${id}`,
    version: 1 as const,
    guild_id: GUILD_ID,
    guild: GUILD,
    channel_id: CHANNEL_ID,
    channel: CHANNEL,
    member: MEMBER,
    app_permissions: "2248473465835073",
    locale: Locale.EnglishUS,
    guild_locale: Locale.EnglishUS,
    entitlements: [],
    authorizing_integration_owners: OWNERS,
    context: InteractionContextType.Guild,
    attachment_size_limit: 10_485_760,
  };
}

export function commandInteraction(
  applicationId: string,
  data: APIChatInputApplicationCommandInteractionData,
): APIChatInputApplicationCommandGuildInteraction {
  return { ...common(applicationId), type: InteractionType.ApplicationCommand, data };
}

/** The message command `name` (registered as `commandId`) used on `message`, which Discord hands over resolved. */
export function messageCommandInteraction(
  applicationId: string,
  command: { readonly id: string; readonly name: string },
  message: APIMessage,
): APIMessageApplicationCommandGuildInteraction {
  return {
    ...common(applicationId),
    type: InteractionType.ApplicationCommand,
    data: {
      id: command.id,
      name: command.name,
      type: ApplicationCommandType.Message,
      guild_id: GUILD_ID,
      target_id: message.id,
      resolved: { messages: { [message.id]: message } },
    },
  };
}

/** A press on the button `customId` of `message`. */
export function buttonInteraction(
  applicationId: string,
  message: APIMessage,
  customId: string,
): APIMessageComponentButtonInteraction {
  return {
    ...common(applicationId),
    type: InteractionType.MessageComponent,
    data: { custom_id: customId, component_type: ComponentType.Button },
    message,
  };
}

/** A pick of `values` in the string select `customId` of `message`. */
export function selectInteraction(
  applicationId: string,
  message: APIMessage,
  customId: string,
  values: readonly string[],
): APIMessageComponentSelectMenuInteraction {
  return {
    ...common(applicationId),
    type: InteractionType.MessageComponent,
    data: { custom_id: customId, component_type: ComponentType.StringSelect, values: [...values] },
    message,
  };
}

/** A filled-in form; `message` is the one whose button opened it, if a button did. A select's value comes as `values`. */
export function modalSubmitInteraction(
  applicationId: string,
  customId: string,
  fields: readonly { readonly id: string; readonly value: string; readonly select: boolean }[],
  message?: APIMessage,
): APIModalSubmitGuildInteraction {
  return {
    ...common(applicationId),
    type: InteractionType.ModalSubmit,
    data: {
      custom_id: customId,
      // Each text input comes back inside the Label it was shown in.
      components: fields.map((field, index) => ({
        type: ComponentType.Label,
        id: 2 * index + 1,
        component: field.select
          ? {
              type: ComponentType.StringSelect,
              id: 2 * index + 2,
              custom_id: field.id,
              values: field.value === "" ? [] : [field.value],
            }
          : { type: ComponentType.TextInput, id: 2 * index + 2, custom_id: field.id, value: field.value },
      })),
    },
    ...(message ? { message } : {}),
  };
}

/** What a message answering a command says about the command (Discord's `interaction_metadata`). */
export function commandMetadata(id: string): APIApplicationCommandInteractionMetadata {
  return { id, type: InteractionType.ApplicationCommand, user: USER, authorizing_integration_owners: OWNERS };
}

/** … about a button press on message `messageId`. */
export function buttonMetadata(id: string, messageId: string): APIMessageComponentInteractionMetadata {
  return {
    id,
    type: InteractionType.MessageComponent,
    user: USER,
    authorizing_integration_owners: OWNERS,
    interacted_message_id: messageId,
  };
}

/** … about a form filled in, which `trigger` opened. */
export function formMetadata(
  id: string,
  trigger: APIApplicationCommandInteractionMetadata | APIMessageComponentInteractionMetadata,
): APIModalSubmitInteractionMetadata {
  return {
    id,
    type: InteractionType.ModalSubmit,
    user: USER,
    authorizing_integration_owners: OWNERS,
    triggering_interaction_metadata: trigger,
  };
}
