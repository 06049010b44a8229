/**
 * /note <title> with a photo or file keeps it (asking for the file when
 * none came with the command, or for the title); /notes lists what is kept,
 * with a button for each; /notes <n> sends one back.
 */
import { bold, buttonRows, defineIntent, italic, quote, UserError } from "parley";

/** What /note keeps: photos and pictures, PDFs and plain text (a receipt, a ticket, a list). */
const KEPT_TYPES = ["image/*", "application/pdf", "text/plain"];
const MAX_TITLE_LENGTH = 100;

export const note = defineIntent({
  command: "note",
  description: "Keep a photo or file under a title",
  examples: {
    en: ["keep this as {title}", "save this photo as {title}", "save this file as {title}", "file this under {title}"],
    de: ["behalte das als {title}", "speicher dieses Foto als {title}", "leg diese Datei unter {title} ab"],
  },
  args: [
    { name: "title", type: "string", rest: true, description: "What to call it", ask: "What should I call it?" },
    {
      name: "file",
      type: "file",
      accept: KEPT_TYPES,
      description: "The photo or file to keep (a picture, PDF or text)",
      ask: "Send me the photo or file to keep.",
    },
  ],
  async run(ctx) {
    const title = ctx.args.title.replace(/\s+/g, " ").trim();
    if ([...title].length > MAX_TITLE_LENGTH)
      throw new UserError(ctx.t("note-title-too-long", { max: MAX_TITLE_LENGTH }));
    const kept = await ctx.files.keep(ctx.args.file, { title });
    const n = (await ctx.files.list()).findIndex((file) => file.id === kept.id) + 1;
    ctx.reply(ctx.t("note-kept", { title: bold(quote(title)), n }));
  },
});

export const notes = defineIntent({
  command: "notes",
  description: "List the files you kept, or send one back",
  examples: {
    en: ["show my notes", "which files did I keep", "list my saved files", "send me note {n}"],
    de: ["zeig meine Notizen", "welche Dateien habe ich gespeichert", "schick mir Notiz {n}"],
  },
  args: [{ name: "n", type: "integer", optional: true, description: "The file's number, as in /notes" }],
  async run(ctx) {
    const files = await ctx.files.list();
    const n = ctx.args.n;
    if (n === undefined) {
      if (files.length === 0) {
        ctx.reply(ctx.t("notes-empty"));
        return;
      }
      const buttons = buttonRows(
        files.map((file, index) => ({ label: `${index + 1}. ${file.title}`, value: `/notes ${index + 1}` })),
      );
      ctx.reply(
        [
          bold(ctx.t("notes-title", { count: files.length })),
          ...files.map((file, index) => `\n${index + 1}. ${file.title}`),
          "\n\n",
          italic(ctx.t("notes-hint")),
        ],
        { buttons },
      );
      return;
    }
    const file = n >= 1 ? files[n - 1] : undefined;
    if (file === undefined) throw new UserError(ctx.t("notes-no-such", { n, count: files.length }));
    ctx.reply({ file: { stored: file.id }, caption: file.title });
  },
});
